"""A company's professional space as its pages show it: the person's roles, the dashboard, the
documents and notifications with their links, and nothing of another company."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session

from foundation import routes
from identity.assurance import LevelOfAssurance
from portal import spaces
from portal.companies.roles import Permission
from portal.dossiers import permissions, space_board
from portal.dossiers.errors import SpaceNotAllowedError, SubstantialLevelRequiredError
from portal.dossiers.places import COMPANY
from portal.dossiers.professional_spaces import professional_spaces
from tests.unit.portal.companies.conftest import session_of
from tests.unit.portal.dossiers.two_companies import (
    B_TITLES,
    CHLOE,
    COMPANY_A,
    COMPANY_B,
    EDITH,
    GILLES,
    NAIMA,
    NAME_A,
    NAME_B,
    World,
    build,
)
from tests.unit.portal.visitors import NOW

DOWNLOAD = routes.DOSSIER_DOWNLOAD


@pytest.fixture
def world(db: Session) -> World:
    found = build(db, NOW)
    db.commit()
    return found


def test_a_person_with_roles_in_two_companies_sees_both_spaces(db: Session, world: World) -> None:
    links = professional_spaces(db, NAIMA.national_number, NOW)
    assert [(link.company_number, link.name) for link in links] == [
        (COMPANY_B, NAME_B),
        (COMPANY_A, NAME_A),
    ]


def test_a_role_of_another_application_shows_no_space(db: Session, world: World) -> None:
    assert professional_spaces(db, CHLOE.national_number, NOW) == []
    with pytest.raises(SpaceNotAllowedError):
        space_board.company_place(db, session_of(CHLOE, at=NOW), COMPANY_A, NOW)


def test_the_place_names_the_company_and_the_persons_roles(db: Session, world: World) -> None:
    in_a = space_board.company_place(db, session_of(NAIMA, at=NOW), COMPANY_A, NOW)
    assert (in_a.company_name, in_a.roles) == (NAME_A, ("Rédacteur de dossiers",))
    assert Permission.CREATE in in_a.permissions
    assert Permission.MANAGE_SPACE not in in_a.permissions
    in_b = space_board.company_place(db, session_of(NAIMA, at=NOW), "0845.059.050", NOW)
    assert (in_b.company_number, in_b.roles) == (COMPANY_B, ("Propriétaire de l'espace",))
    assert Permission.MANAGE_SPACE in in_b.permissions


@pytest.mark.parametrize("typed", ["0845059051", "x", "", "../0712345630"])
def test_a_number_typed_by_hand_is_refused_as_a_space_without_access(
    db: Session, world: World, typed: str
) -> None:
    with pytest.raises(SpaceNotAllowedError):
        space_board.company_board(db, session_of(NAIMA, at=NOW), typed, NOW)


def test_a_role_stopped_closes_the_space_at_the_next_call(db: Session, world: World) -> None:
    session = session_of(GILLES, at=NOW)
    assert space_board.company_place(db, session, COMPANY_B, NOW).roles
    tomorrow = NOW + timedelta(days=1)
    for row in permissions.assignments_of(db, GILLES.national_number, COMPANY_B):
        row.ends_on = NOW.date()
    db.commit()
    with pytest.raises(SpaceNotAllowedError):
        space_board.company_place(db, session_of(GILLES, at=tomorrow), COMPANY_B, tomorrow)


def test_reading_needs_a_key_of_the_substantial_level(db: Session, world: World) -> None:
    low = session_of(NAIMA, level=LevelOfAssurance.LOW, at=NOW)
    with pytest.raises(SubstantialLevelRequiredError):
        space_board.company_board(db, low, COMPANY_A, NOW)


def test_the_dashboard_counts_and_lists_the_companys_own(db: Session, world: World) -> None:
    board = space_board.company_board(db, session_of(NAIMA, at=NOW), COMPANY_B, NOW)
    assert (board.documents, board.notifications) == (1, 2)
    assert [line.title for line in board.dossiers] == list(B_TITLES)
    in_a = space_board.company_board(db, session_of(NAIMA, at=NOW), COMPANY_A, NOW)
    assert (in_a.documents, in_a.notifications) == (2, 1)
    assert len(in_a.dossiers) == spaces.LATEST_DOSSIERS
    assert all("BLA" not in line.title for line in in_a.dossiers)


def test_the_dashboard_suggests_the_companies_demarches_to_who_may_create(
    db: Session, world: World
) -> None:
    writer = space_board.company_board(db, session_of(NAIMA, at=NOW), COMPANY_A, NOW)
    assert writer.suggested
    assert all(COMPANY in procedure.spaces for procedure in writer.suggested)
    manager = space_board.company_board(db, session_of(GILLES, at=NOW), COMPANY_B, NOW)
    assert manager.suggested == ()


def test_the_companys_documents_carry_their_download_links(db: Session, world: World) -> None:
    place, documents = space_board.company_items(
        db, session_of(EDITH, at=NOW), COMPANY_A, "document", NOW
    )
    assert place.roles == ("Editeur de dossiers",)
    assert documents == [
        spaces.Item(
            "Accusé de réception A",
            "22/11/2026",
            f"{DOWNLOAD}?reference={world.a_receipt_dossier}&document=accuse",
        ),
        spaces.Item(
            "Décision A",
            "22/11/2026",
            f"{DOWNLOAD}?reference=ME-2026-000001&piece={world.a_decision}",
        ),
    ]


def test_each_company_lists_only_its_own_items(db: Session, world: World) -> None:
    naima = session_of(NAIMA, at=NOW)
    _, in_b = space_board.company_items(db, naima, COMPANY_B, "notification", NOW)
    assert sorted(i.title for i in in_b) == ["Complément demandé BLA", "Dossier clôturé BLA"]
    _, in_a = space_board.company_items(db, naima, COMPANY_A, "notification", NOW)
    assert in_a == [
        spaces.Item("Dossier introduit A", "22/11/2026", routes.dossier(world.a_receipt_dossier))
    ]
    with pytest.raises(ValueError, match="communication"):
        space_board.company_items(db, naima, COMPANY_A, "communication", NOW)


def test_a_person_of_one_company_reads_nothing_of_the_other(db: Session, world: World) -> None:
    edith = session_of(EDITH, at=NOW)
    for kind in space_board.COMPANY_ITEM_KINDS:
        with pytest.raises(SpaceNotAllowedError):
            space_board.company_items(db, edith, COMPANY_B, kind, NOW)
