"""Who may open the registration-office back office."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import Session

import foundation.models.registration_office  # noqa: F401
from identity.assurance import LevelOfAssurance
from identity.paper_token.officers import appoint_officer, desk_for, dismiss_officer, office_of
from monespace_app.officers import main
from simulators.administration.seed import seed_administration_records
from simulators.personas.loader import persona

NAMUR = "Bureau d'enregistrement local de Namur"


def test_only_appointed_officers_have_an_office(db: Session) -> None:
    assert office_of(db, "83041204706") is None
    appoint_officer(db, national_number="83041204706", office=f"  {NAMUR} ")
    assert office_of(db, "83041204706") == NAMUR
    appoint_officer(db, national_number="83041204706", office="Bureau de Liège")
    assert office_of(db, "83041204706") == "Bureau de Liège"
    assert dismiss_officer(db, national_number="83041204706")
    assert office_of(db, "83041204706") is None
    assert not dismiss_officer(db, national_number="83041204706")


@pytest.mark.parametrize(("number", "office"), [("8304120470", NAMUR), ("83041204706", "  ")])
def test_an_appointment_needs_a_national_number_and_an_office(
    db: Session, number: str, office: str
) -> None:
    with pytest.raises(ValueError, match=r"national number|office"):
        appoint_officer(db, national_number=number, office=office)


def test_the_demo_seed_makes_helene_lambert_the_officer_of_namur(db: Session) -> None:
    seed_administration_records(db, now=datetime(2026, 11, 22, tzinfo=UTC))
    assert office_of(db, persona("helene-lambert").national_number) == NAMUR
    assert office_of(db, persona("naima-mremi").national_number) is None


def test_the_command_line_appoints_and_dismisses(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MONESPACE_DATABASE_URL", f"sqlite:///{tmp_path}/officers.db")
    from foundation.settings import get_settings

    get_settings.cache_clear()
    try:
        assert main(["appoint", "83041204706", NAMUR]) == 0
        assert main(["dismiss", "83041204706"]) == 0
        assert main(["dismiss", "83041204706"]) == 0
    finally:
        get_settings.cache_clear()
    assert capsys.readouterr().out.splitlines() == [
        f"83041204706 is an officer of {NAMUR}",
        "83041204706 is no longer an officer",
        "83041204706 was not an officer",
    ]


@pytest.mark.parametrize(
    ("level", "appointed", "office", "is_open"),
    [
        (LevelOfAssurance.HIGH, True, NAMUR, True),
        (LevelOfAssurance.SUBSTANTIAL, True, NAMUR, False),  # a code key is not enough
        (LevelOfAssurance.HIGH, False, None, False),
    ],
)
def test_the_desk_opens_to_an_officer_with_a_high_level_login(
    db: Session, level: int, appointed: bool, office: str | None, is_open: bool
) -> None:
    if appointed:
        appoint_officer(db, national_number="83041204706", office=NAMUR)
    desk = desk_for(db, national_number="83041204706", level=level)
    assert desk.office == office
    assert desk.open is is_open
