"""Gérer les attributions de rôles: the company picker, the table of a company's assignments
(ten a page, searched, sorted by column) and an assignment's detail with its history."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session

from foundation.models.companies import AssignmentStatus
from portal.companies import assignment_errors
from portal.companies.assignments import (
    Sort,
    SortColumn,
    assignment_detail,
    assignments_of_company,
)
from portal.companies.company_picker import managed_companies
from portal.companies.my_assignments import ShownStatus
from portal.companies.transitions import Action, stop
from tests.unit.portal.companies.conftest import (
    BLA,
    CHLOE,
    JEAN_PIERRE,
    MARC,
    NAIMA,
    NOW,
    ORIGIN,
    TEST_COMPANY,
    TODAY,
    FakeRegister,
    Person,
    make_gap,
    session_of,
)
from tests.unit.portal.companies.factories import READER, WRITER, add_assignment, name_administrator

EDITOR = "monespace.editor"
ZOE = Person("90020212345", "Zeller", "Zoé", "zoe.zeller@example.be")
BY_ROLE = Sort()
ANNE = Person("90020212346", "Adam", "Anne", "anne.adam@example.be")


@pytest.fixture(autouse=True)
def _companies(db: Session, register: FakeRegister) -> None:
    make_gap(db, register, gap=CHLOE)
    make_gap(db, register, number=BLA, representative=MARC, gap=CHLOE)


def page_of(db: Session, search: str = "", sort: Sort = BY_ROLE, page: int = 1) -> list[str]:
    found = assignments_of_company(db, session_of(CHLOE), TEST_COMPANY, search, sort, page, now=NOW)
    return [f"{r.role}/{r.user}" for r in found.rows]


def test_table_shows_the_seeds_columns(db: Session) -> None:
    add_assignment(db, ends_on=date(2026, 12, 31))
    [row] = assignments_of_company(db, session_of(CHLOE), "0712.345.630", now=NOW).rows
    assert (row.role, row.user, row.email) == (
        "Rédacteur de dossiers",
        "Naïma Samira Mremi",
        NAIMA.email,
    )
    assert (row.starts_on, row.ends_on, row.status) == (
        TODAY,
        date(2026, 12, 31),
        ShownStatus.ACTIVE,
    )
    assert row.role_description == "Créer, lire, modifier et supprimer les dossiers."
    assert row.properties == ()


def test_table_pages_ten_at_a_time(db: Session) -> None:
    for n in range(23):
        add_assignment(db, person=Person(f"9002021{n:04d}", f"Nom{n:02d}", "P", "p@example.be"))
    first = assignments_of_company(db, session_of(CHLOE), TEST_COMPANY, now=NOW)
    assert (len(first.rows), first.total, first.page, first.pages) == (10, 23, 1, 3)
    last = assignments_of_company(db, session_of(CHLOE), TEST_COMPANY, page=99, now=NOW)
    assert (len(last.rows), last.page) == (3, 3)
    every = {
        r.assignment_id
        for p in (1, 2, 3)
        for r in assignments_of_company(db, session_of(CHLOE), TEST_COMPANY, page=p, now=NOW).rows
    }
    assert len(every) == 23


def test_search_counts_every_match_and_keeps_the_page_in_range(db: Session) -> None:
    for n in range(12):
        add_assignment(db, person=Person(f"9002021{n:04d}", f"Peeters{n:02d}", "P", "p@x.be"))
    add_assignment(db, person=ZOE)
    found = assignments_of_company(db, session_of(CHLOE), TEST_COMPANY, "peeters", now=NOW)
    assert (len(found.rows), found.total, found.pages) == (10, 12, 2)
    beyond = assignments_of_company(db, session_of(CHLOE), TEST_COMPANY, "peeters", page=5, now=NOW)
    assert (len(beyond.rows), beyond.total, beyond.page) == (2, 12, 2)
    none = assignments_of_company(db, session_of(CHLOE), TEST_COMPANY, "xyz", now=NOW)
    assert (none.rows, none.total, none.page, none.pages) == ((), 0, 1, 1)


def test_search_looks_in_name_address_and_role(db: Session) -> None:
    add_assignment(db, person=NAIMA, role=WRITER)
    add_assignment(db, person=ZOE, role=READER)
    add_assignment(db, person=ANNE, role=EDITOR)
    assert page_of(db, "mremi") == ["Rédacteur de dossiers/Naïma Samira Mremi"]
    assert page_of(db, "ZOE.ZELLER@") == ["Relecteur de dossiers/Zoé Zeller"]
    assert page_of(db, "redacteur") == ["Rédacteur de dossiers/Naïma Samira Mremi"]
    assert page_of(db, "anne adam") == ["Editeur de dossiers/Anne Adam"]
    assert page_of(db, "personne") == []  # not "Espace Personnel Wallon", not shown


@pytest.mark.parametrize(
    ("column", "ascending"),
    [
        (
            SortColumn.ROLE,
            [
                "Editeur de dossiers/Anne Adam",
                "Rédacteur de dossiers/Naïma Samira Mremi",
                "Relecteur de dossiers/Zoé Zeller",
            ],
        ),
        (
            SortColumn.USER,
            [
                "Editeur de dossiers/Anne Adam",
                "Rédacteur de dossiers/Naïma Samira Mremi",
                "Relecteur de dossiers/Zoé Zeller",
            ],
        ),
        (
            SortColumn.STARTS_ON,
            [
                "Relecteur de dossiers/Zoé Zeller",
                "Editeur de dossiers/Anne Adam",
                "Rédacteur de dossiers/Naïma Samira Mremi",
            ],
        ),
        (
            SortColumn.ENDS_ON,
            [
                "Rédacteur de dossiers/Naïma Samira Mremi",
                "Relecteur de dossiers/Zoé Zeller",
                "Editeur de dossiers/Anne Adam",
            ],
        ),
        (
            SortColumn.STATUS,
            [
                "Rédacteur de dossiers/Naïma Samira Mremi",
                "Editeur de dossiers/Anne Adam",
                "Relecteur de dossiers/Zoé Zeller",
            ],
        ),
    ],
)
def test_each_column_sorts_both_ways(db: Session, column: SortColumn, ascending: list[str]) -> None:
    add_assignment(
        db, person=NAIMA, role=WRITER, starts_on=TODAY + timedelta(days=5), ends_on=date(2026, 4, 1)
    )
    add_assignment(
        db,
        person=ZOE,
        role=READER,
        starts_on=TODAY - timedelta(days=5),
        ends_on=date(2026, 9, 1),
        status=AssignmentStatus.SUSPENDED,
    )
    add_assignment(db, person=ANNE, role=EDITOR, status=AssignmentStatus.REQUESTED)
    assert page_of(db, sort=Sort(column)) == ascending
    assert page_of(db, sort=Sort(column, descending=True)) == ascending[::-1]


def test_someone_not_managing_the_company_reads_nothing(db: Session) -> None:
    add_assignment(db)
    with pytest.raises(assignment_errors.NotRoleManagerError):
        assignments_of_company(db, session_of(NAIMA), TEST_COMPANY, now=NOW)
    with pytest.raises(assignment_errors.NotRoleManagerError):
        assignments_of_company(db, session_of(JEAN_PIERRE), TEST_COMPANY, now=NOW)


def test_role_administrator_reads_the_table(db: Session) -> None:
    add_assignment(db)
    name_administrator(db, MARC)
    assert assignments_of_company(db, session_of(MARC), TEST_COMPANY, now=NOW).total == 1


def test_picker_lists_managed_companies_with_their_count(db: Session) -> None:
    add_assignment(db)
    add_assignment(db, person=ZOE)
    found = managed_companies(db, session_of(CHLOE), now=NOW)
    assert [(c.name, c.shown_number, c.assignments) for c in found.rows] == [
        ("BLA", "0845.059.050", 0),
        ("Entreprise de test", "0712.345.630", 2),
    ]
    assert [c.name for c in managed_companies(db, session_of(CHLOE), "0845.059", now=NOW).rows] == [
        "BLA"
    ]
    assert [c.name for c in managed_companies(db, session_of(CHLOE), "test", now=NOW).rows] == [
        "Entreprise de test"
    ]
    assert managed_companies(db, session_of(NAIMA), now=NOW).total == 0


def test_detail_shows_the_assignment_its_actions_and_history(db: Session) -> None:
    row = add_assignment(db)
    assert row.id is not None
    detail = assignment_detail(db, session_of(CHLOE), row.id, NOW)
    assert (detail.company, detail.shown_company_number) == ("Entreprise de test", "0712.345.630")
    assert detail.long_description.startswith("Créer, lire, modifier et supprimer des dossiers")
    assert detail.actions == (Action.MODIFY_END, Action.STOP, Action.DEACTIVATE)
    stop(db, session_of(CHLOE), row.id, NOW, public_origin=ORIGIN)
    detail = assignment_detail(db, session_of(CHLOE), row.id, NOW)
    assert detail.row.status == ShownStatus.SUSPENDED
    assert detail.actions == (Action.RESTART,)
    assert detail.history[0].action == "Archivé(e)"
    assert {h.actor for h in detail.history} == {"Automatique", "Chloé Anne Ducoeur"}


def test_detail_is_refused_outside_the_company_and_for_an_unknown_id(db: Session) -> None:
    row = add_assignment(db)
    assert row.id is not None
    with pytest.raises(assignment_errors.NotRoleManagerError):
        assignment_detail(db, session_of(MARC), row.id, NOW)
    with pytest.raises(assignment_errors.AssignmentNotFoundError):
        assignment_detail(db, session_of(CHLOE), 999, NOW)
