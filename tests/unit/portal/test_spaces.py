"""Spaces and dashboards from the administration's records (seed 004 §1a, §5)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import Session

from foundation import routes
from portal import spaces
from simulators.administration.seed import seed_administration_records
from simulators.personas.loader import persona
from tests.unit.portal.dossiers import two_companies

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
NAIMA = persona("naima-mremi").national_number
CHLOE = persona("chloe-ducoeur").national_number


@pytest.fixture
def seeded(db: Session) -> Session:
    seed_administration_records(db, now=NOW)
    db.commit()
    return db


def test_teachers_get_the_teaching_space_too(seeded: Session) -> None:
    assert spaces.spaces_for(seeded, NAIMA) == ["citoyen", "enseignement"]
    assert spaces.spaces_for(seeded, CHLOE) == ["citoyen"]


def test_citizen_dashboard_counts_what_the_seed_shows(seeded: Session) -> None:
    board = spaces.dashboard(seeded, NAIMA, "citoyen")
    assert (board.documents, board.notifications, board.communications) == (3, 8, 4)
    assert [d.title for d in board.dossiers] == ["Demande d'allocation d'études 2026-2027"]


def test_a_space_one_does_not_belong_to_is_refused(seeded: Session) -> None:
    with pytest.raises(spaces.UnknownSpaceError):
        spaces.dashboard(seeded, CHLOE, "enseignement")


def test_items_are_listed_per_space_and_kind(seeded: Session) -> None:
    titles = [item.title for item in spaces.items(seeded, NAIMA, "enseignement", "document")]
    assert sorted(titles) == ["Attestation de services", "Fiche de paie octobre 2026"]


def test_seeding_twice_adds_nothing(seeded: Session) -> None:
    assert seed_administration_records(seeded, now=NOW) == 0


def test_a_personal_document_of_a_dossier_downloads_its_receipt(db: Session) -> None:
    world = two_companies.build(db, NOW)
    naima = two_companies.NAIMA.national_number
    assert spaces.items(db, naima, spaces.CITIZEN, "document") == [
        spaces.Item(
            "Accusé de réception personnel",
            "22/11/2026",
            f"{routes.DOSSIER_DOWNLOAD}?reference={world.naima_own}&document=accuse",
        )
    ]


def test_the_dashboard_shows_the_own_dossiers_with_their_reference(db: Session) -> None:
    world = two_companies.build(db, NOW)
    board = spaces.dashboard(db, two_companies.NAIMA.national_number, spaces.CITIZEN)
    assert board.dossiers == [
        spaces.DossierLine(
            "Demande d'allocation d'études 2026-2027", "closed", "19/11/2026", world.naima_own
        )
    ]
    assert (board.documents, board.notifications) == (1, 0)


def test_a_record_held_before_the_portal_has_no_link(seeded: Session) -> None:
    board = spaces.dashboard(seeded, NAIMA, spaces.CITIZEN)
    assert [d.reference for d in board.dossiers] == [""]
    assert all(item.href == "" for item in spaces.items(seeded, NAIMA, spaces.CITIZEN, "document"))


def test_each_suggested_demarche_exists_and_starts_in_its_space() -> None:
    from portal.dossiers.catalogue import load_catalogue
    from portal.spaces import SUGGESTED_PROCEDURES

    for space, keys in SUGGESTED_PROCEDURES.items():
        for key in keys:
            assert space in load_catalogue().get(key).spaces, (space, key)
