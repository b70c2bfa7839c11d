"""The CSV export: what Excel in Belgium opens (BOM, ``;``), read back with the csv module;
formulas neutralised; the caller checked before the first line; rows streamed."""

from __future__ import annotations

import csv
import io
import tracemalloc
from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import delete, event, insert
from sqlmodel import Session

from foundation.models.companies import AssignmentStatus, RoleAssignment
from portal.companies import assignment_errors
from portal.companies.export import BATCH, export_assignments, file_name, neutralised
from portal.companies.transitions import stop
from tests.unit.portal.companies.conftest import (
    BLA,
    CHLOE,
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
from tests.unit.portal.companies.factories import add_assignment

HEADER = [
    "Rôle",
    "Utilisateur",
    "Adresse e-mail",
    "Date de début",
    "Date de fin",
    "Statut",
    "Propriétés du rôle",
    "Date du dernier changement de statut",
]


@pytest.fixture(autouse=True)
def _companies(db: Session, register: FakeRegister) -> None:
    make_gap(db, register, gap=CHLOE)
    make_gap(db, register, number=BLA, representative=MARC, gap=MARC)


def exported(db: Session, language: str = "fr") -> str:
    return "".join(export_assignments(db, session_of(CHLOE), TEST_COMPANY, NOW, language=language))


def parsed(content: str) -> list[list[str]]:
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content.removeprefix("\ufeff")), delimiter=";"))


def test_file_reads_back_with_the_tables_columns(db: Session) -> None:
    row = add_assignment(db, ends_on=date(2026, 12, 31))
    add_assignment(db, person=MARC, role="monespace.reader")
    add_assignment(db, person=MARC, company=BLA)  # another company: not exported
    assert row.id is not None
    stop(
        db,
        session_of(CHLOE),
        row.id,
        datetime(2026, 3, 2, 11, 34, 28, tzinfo=NOW.tzinfo),
        public_origin=ORIGIN,
    )
    db.commit()
    content = exported(db)
    assert "\r\n" in content
    header, reader, writer = parsed(content)
    assert header == HEADER
    assert reader == [
        "Relecteur de dossiers",
        "Marc André Lhoest",
        MARC.email,
        "02/03/2026",
        "Illimité",
        "Actif(s)/active(s)",
        "",
        "",
    ]
    assert writer == [
        "Rédacteur de dossiers",
        "Naïma Samira Mremi",
        NAIMA.email,
        "02/03/2026",
        "31/12/2026",
        "Suspendu(e)",
        "",
        "02/03/2026 - 12:34:28",
    ]


@pytest.mark.parametrize("typed", ['=HYPERLINK("http://x")', "+32 471", "-1+1", "@SUM(A1)", "\tx"])
def test_cell_that_a_spreadsheet_would_compute_is_kept_as_text(db: Session, typed: str) -> None:
    add_assignment(db, person=Person("90020212345", "Eve", typed, "eve@example.be"))
    [_, row] = parsed(exported(db))
    assert row[1] == f"'{typed} Eve"


def test_first_name_starting_a_formula_is_neutralised_and_separators_survive(db: Session) -> None:
    add_assignment(db, person=Person("90020212345", 'Dupont; "Jr"', "=1+1", "x@example.be"))
    [_, row] = parsed(exported(db))
    assert row[1] == '\'=1+1 Dupont; "Jr"'
    assert neutralised("Naïma") == "Naïma"
    assert neutralised("=x") == "'=x"


def test_texts_follow_the_language(db: Session) -> None:
    add_assignment(db, status=AssignmentStatus.DEACTIVATED)
    header, row = parsed(exported(db, "en"))
    assert header[0] == "Role"
    assert (row[4], row[5]) == ("Unlimited", "Temporarily deactivated")


def test_caller_is_checked_before_any_line(db: Session) -> None:
    with pytest.raises(assignment_errors.NotRoleManagerError):
        export_assignments(db, session_of(NAIMA), TEST_COMPANY, NOW)


def _seed(db: Session, rows: int) -> None:
    db.execute(
        insert(RoleAssignment),
        [
            {
                "company_number": TEST_COMPANY,
                "role_code": "monespace.writer",
                "national_number": f"9{n:010d}",
                "surname": f"Nom{n}",
                "first_names": "P",
                "email": f"p{n}@example.be",
                "starts_on": TODAY,
                "status": AssignmentStatus.ACTIVE,
                "requested_at": NOW,
            }
            for n in range(rows)
        ],
    )
    db.commit()


def _peak_while_reading(db: Session) -> int:
    lines = export_assignments(db, session_of(CHLOE), TEST_COMPANY, NOW)
    assert iter(lines) is lines  # a generator, not a list
    tracemalloc.start()
    try:
        count = sum(1 for _ in lines)
        return tracemalloc.get_traced_memory()[1] if count else 0
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_number_of_rows(db: Session) -> None:
    _seed(db, 2 * BATCH)
    small = _peak_while_reading(db)
    db.execute(delete(RoleAssignment))
    _seed(db, 10 * BATCH)
    large = _peak_while_reading(db)
    assert large < 2 * small  # holding every row would need about five times as much


def test_rows_are_asked_for_in_batches(db: Session) -> None:
    _seed(db, 3)
    asked: list[object] = []

    def options(conn: object, clause: object, multi: object, params: object, opts: Any) -> None:
        asked.append(opts.get("yield_per"))

    bind = db.get_bind()
    event.listen(bind, "before_execute", options)
    try:
        list(export_assignments(db, session_of(CHLOE), TEST_COMPANY, NOW))
    finally:
        event.remove(bind, "before_execute", options)
    assert BATCH in asked  # a server-side cursor on PostgreSQL, fetchmany on SQLite


def test_file_name_names_the_company_and_the_day() -> None:
    assert file_name(TEST_COMPANY, NOW) == "attributions-de-roles-0712345630-2026-03-02.csv"
