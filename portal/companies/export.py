""" "Exporter les attributions de rôles" (format CSV): every assignment of the company with the
table's columns and the date of its last status change, for Excel in Belgium: UTF-8 with a BOM,
``;`` between cells, CRLF line ends.

A cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) would be read by
a spreadsheet as a formula: a name typed "=HYPERLINK(…)" must stay text, so such a cell gets a
leading apostrophe. Rows are streamed (``yield_per``: a server-side cursor on PostgreSQL), so a
company with 50,000 assignments never sits in memory; the caller keeps the database session
open while it sends the lines.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date, datetime

from sqlalchemy import func
from sqlalchemy import select as columns
from sqlmodel import Session, col, select

from foundation.clock import BRUSSELS, aware
from foundation.i18n.catalog import text
from foundation.models.companies import RoleAssignment, RoleAssignmentHistory
from foundation.models.session import UserSession
from portal.companies.access import require_role_manager
from portal.companies.company_number import parse_company_number
from portal.companies.dates import today
from portal.companies.decisions import role_label
from portal.companies.my_assignments import ShownStatus, shown_status

CONTENT_TYPE = "text/csv; charset=utf-8"
BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BATCH = 1000
HEADERS = (
    "roles.export.role",
    "roles.export.user",
    "roles.export.email",
    "roles.export.start",
    "roles.export.end",
    "roles.export.status",
    "roles.export.properties",
    "roles.export.status_changed",
)


def neutralised(cell: str) -> str:
    """The cell as text a spreadsheet will not evaluate."""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def _line(cells: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerow([neutralised(c) for c in cells])
    return out.getvalue()


def file_name(company_number: str, now: datetime) -> str:
    return f"attributions-de-roles-{company_number}-{today(now).isoformat()}.csv"


def export_assignments(
    db: Session, session: UserSession, company_number: str, now: datetime, *, language: str = "fr"
) -> Iterator[str]:
    """Checks the caller at once (the GAP or a role administrator of the company), then
    returns the lines: the header with the BOM, then one line per assignment, by role code,
    person and id."""
    number = parse_company_number(company_number)
    require_role_manager(db, session, number, now)
    return _lines(db, number, now, language)


def _day(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"  # strftime is slow over 50,000 rows


def _lines(db: Session, number: str, now: datetime, language: str) -> Iterator[str]:
    yield BOM + _line([text(language, key) for key in HEADERS])
    last_change = (
        select(func.max(RoleAssignmentHistory.at))
        .where(col(RoleAssignmentHistory.assignment_id) == col(RoleAssignment.id))
        .scalar_subquery()
    )
    # Columns, not rows of the model: no object per line to build and drop.
    rows = db.connection().execute(
        columns(
            col(RoleAssignment.role_code),
            col(RoleAssignment.first_names),
            col(RoleAssignment.surname),
            col(RoleAssignment.email),
            col(RoleAssignment.starts_on),
            col(RoleAssignment.ends_on),
            col(RoleAssignment.status),
            last_change,
        )
        .where(col(RoleAssignment.company_number) == number)
        .order_by(
            col(RoleAssignment.role_code),
            col(RoleAssignment.surname),
            col(RoleAssignment.first_names),
            col(RoleAssignment.id),
        )
        .execution_options(yield_per=BATCH)
    )
    on = today(now)
    unlimited = text(language, "roles.unlimited")
    labels: dict[str, str] = {}
    statuses = {s: text(language, f"roles.status.{s.value}") for s in ShownStatus}
    for row in rows:
        code, first_names, surname, email, starts_on, ends_on, _, changed = row
        yield _line(
            [
                labels.get(code) or labels.setdefault(code, role_label(code)),
                f"{first_names} {surname}",
                email,
                _day(starts_on),
                unlimited if ends_on is None else _day(ends_on),
                statuses[shown_status(row, on)],
                "",  # no role of the catalogue has properties ("-" would read as a formula)
                "" if changed is None else _moment(changed),
            ]
        )


def _moment(at: datetime) -> str:
    """As the history shows it: 04/07/2017 - 12:34:28, in Brussels."""
    return aware(at).astimezone(BRUSSELS).strftime("%d/%m/%Y - %H:%M:%S")
