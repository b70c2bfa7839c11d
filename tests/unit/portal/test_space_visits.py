"""The pages of Mes espaces: the visit first, then only the spaces the person may enter."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from foundation import routes
from foundation.models.account import AccountStatus
from foundation.models.dossiers import PersonalItem, TeachingStaffMember
from identity.assurance import LevelOfAssurance
from portal import space_visits, spaces
from portal.levels import LevelTooLowError
from portal.visits import NotHereError, NotLoggedInError
from tests.unit.portal.visitors import NAIMA, NOW, log_in, open_account


def teacher(engine: Engine) -> None:
    with Session(engine) as db:
        db.add(TeachingStaffMember(national_number=NAIMA.national_number, employer="École"))
        db.add(
            PersonalItem(
                national_number=NAIMA.national_number,
                space=spaces.TEACHING,
                kind="document",
                title="Fiche de paie",
                created_at=NOW,
            )
        )
        db.commit()


def test_a_citizen_enters_the_citizen_space_only(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    session_id = log_in(engine)
    assert space_visits.my_spaces(session_id, now=NOW, bind=engine) == [spaces.CITIZEN]
    opened, board = space_visits.space_dashboard(session_id, spaces.CITIZEN, now=NOW, bind=engine)
    assert opened.space == spaces.CITIZEN
    assert not opened.needs_teaching_email
    assert board.documents == 0
    with pytest.raises(NotHereError) as refused:
        space_visits.space_items(session_id, spaces.TEACHING, "document", now=NOW, bind=engine)
    assert refused.value.home == routes.MY_SPACES


def test_a_teacher_is_asked_once_for_the_teaching_address(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    teacher(engine)
    session_id = log_in(engine)
    assert space_visits.my_spaces(session_id, now=NOW, bind=engine) == [
        spaces.CITIZEN,
        spaces.TEACHING,
    ]
    opened, rows = space_visits.space_items(
        session_id, spaces.TEACHING, "document", now=NOW, bind=engine
    )
    assert opened.needs_teaching_email
    assert rows == [spaces.Item("Fiche de paie", "22/11/2026")]


def test_the_spaces_need_a_live_session_and_an_active_account(engine: Engine) -> None:
    with pytest.raises(NotLoggedInError):
        space_visits.my_spaces("forged", now=NOW, bind=engine)
    open_account(engine, AccountStatus.PENDING)
    session_id = log_in(engine)
    with pytest.raises(NotHereError) as refused:
        space_visits.open_space(session_id, spaces.CITIZEN, now=NOW, bind=engine)
    assert refused.value.home == routes.ACCOUNT_PENDING


def test_a_password_alone_reaches_mes_espaces_but_no_space(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    teacher(engine)
    password_alone = log_in(engine, LevelOfAssurance.LOW, key_kind="password")
    assert space_visits.my_spaces(password_alone, now=NOW, bind=engine) == [
        spaces.CITIZEN,
        spaces.TEACHING,
    ]
    pages = (
        lambda space: space_visits.open_space(password_alone, space, now=NOW, bind=engine),
        lambda space: space_visits.space_dashboard(password_alone, space, now=NOW, bind=engine),
        lambda space: space_visits.space_items(
            password_alone, space, "document", now=NOW, bind=engine
        ),
        lambda space: space_visits.space_dossiers(password_alone, space, now=NOW, bind=engine),
    )
    for space in (spaces.CITIZEN, spaces.TEACHING, "no-such-space"):
        for page in pages:
            with pytest.raises(LevelTooLowError) as refused:
                page(space)
            assert refused.value.required is LevelOfAssurance.SUBSTANTIAL


def test_a_key_of_the_substantial_level_opens_the_spaces(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    teacher(engine)
    app_code = log_in(engine, LevelOfAssurance.SUBSTANTIAL, key_kind="totp")
    opened, rows = space_visits.space_items(
        app_code, spaces.TEACHING, "document", now=NOW, bind=engine
    )
    assert opened.visit.level is LevelOfAssurance.SUBSTANTIAL
    assert [row.title for row in rows] == ["Fiche de paie"]
    opened, _ = space_visits.space_dashboard(app_code, spaces.CITIZEN, now=NOW, bind=engine)
    assert opened.visit.national_number == NAIMA.national_number


def test_an_account_in_another_state_goes_to_its_page_before_any_step_up(engine: Engine) -> None:
    open_account(engine, AccountStatus.PENDING)
    password_alone = log_in(engine, LevelOfAssurance.LOW, key_kind="password")
    with pytest.raises(NotHereError) as refused:
        space_visits.space_dashboard(password_alone, spaces.CITIZEN, now=NOW, bind=engine)
    assert refused.value.home == routes.ACCOUNT_PENDING
