"""What "Gérer les attributions de rôles" runs, as units of work on a SQLite file: the picker, a
company's table, an assignment's detail, its actions and the export; who is refused, and that a
refusal changes nothing."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from foundation.models.companies import AssignmentStatus, RoleAssignment
from foundation.models.session import UserSession
from identity.assurance import LevelOfAssurance
from portal.companies import assignment_errors, assignment_visits, errors
from portal.companies.assignments import Sort, SortColumn
from portal.companies.transitions import Action
from portal.visits import NotLoggedInError
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
    mails_to,
    make_gap,
)
from tests.unit.portal.companies.factories import READER, add_assignment
from tests.unit.portal.companies.page_sessions import database_file, log_in, statuses


@pytest.fixture
def bound(tmp_path: Path, register: FakeRegister) -> Iterator[Engine]:
    """Chloé is the GAP of "Entreprise de test"; Naïma is its Rédacteur de dossiers."""
    with database_file(tmp_path) as engine:
        with Session(engine) as db:
            make_gap(db, register, gap=CHLOE)
            add_assignment(db)
        yield engine


def naimas(engine: Engine) -> int:
    with Session(engine) as db:
        [row] = db.exec(select(RoleAssignment)).all()
        assert row.id is not None
        return row.id


def test_the_picker_lists_the_managed_companies_with_their_count(
    bound: Engine, register: FakeRegister
) -> None:
    with Session(bound) as db:
        make_gap(db, register, number=BLA, representative=MARC, gap=CHLOE)
    picker = assignment_visits.open_picker(log_in(bound, CHLOE), now=NOW, bind=bound)
    assert [(c.name, c.shown_number, c.assignments) for c in picker.page.rows] == [
        ("BLA", "0845.059.050", 0),
        ("Entreprise de test", "0712.345.630", 1),
    ]
    assert picker.visit.short_name == "Chloé Ducoeur"


def test_the_picker_needs_a_login_and_the_eid(bound: Engine) -> None:
    with pytest.raises(NotLoggedInError):
        assignment_visits.open_picker(None, now=NOW, bind=bound)
    lower = log_in(bound, CHLOE, LevelOfAssurance.SUBSTANTIAL)
    with pytest.raises(errors.HighAssuranceRequiredError):
        assignment_visits.open_picker(lower, now=NOW, bind=bound)


def test_a_company_s_table_and_its_count_whatever_the_search(bound: Engine) -> None:
    with Session(bound) as db:
        add_assignment(db, role=READER, person=CHLOE)
    shown = assignment_visits.open_company(
        log_in(bound, CHLOE),
        "0712.345.630",
        search="mremi",
        sort=Sort(SortColumn.USER, descending=True),
        now=NOW,
        bind=bound,
    )
    assert (shown.company.name, shown.company.shown_number, shown.company.assignments) == (
        "Entreprise de test",
        "0712.345.630",
        2,
    )
    assert [(r.role, r.user) for r in shown.page.rows] == [
        ("Rédacteur de dossiers", "Naïma Samira Mremi")
    ]


def test_a_company_s_table_is_refused_to_someone_who_does_not_manage_it(bound: Engine) -> None:
    with pytest.raises(assignment_errors.NotRoleManagerError):
        assignment_visits.open_company(log_in(bound, NAIMA), TEST_COMPANY, now=NOW, bind=bound)


def test_the_detail_and_its_actions(bound: Engine) -> None:
    shown = assignment_visits.open_detail(log_in(bound, CHLOE), naimas(bound), now=NOW, bind=bound)
    assert shown.detail.company == "Entreprise de test"
    assert shown.detail.actions == (Action.MODIFY_END, Action.STOP, Action.DEACTIVATE)


def test_stop_from_the_page_suspends_records_and_mails(bound: Engine) -> None:
    detail = assignment_visits.act(
        log_in(bound, CHLOE), naimas(bound), Action.STOP, now=NOW, public_origin=ORIGIN, bind=bound
    )
    assert detail.row.status == "suspended"
    assert detail.actions == (Action.RESTART,)
    assert [h.action for h in detail.history][:3] == [
        "Archivé(e)",
        "Suspension approuvée",
        "Suspension demandée",
    ]
    with Session(bound) as db:
        [mail] = mails_to(db, NAIMA.email)
        assert "L'attribution de rôle a été suspendue" in mail.text_body


def test_an_action_by_someone_who_does_not_manage_the_company_changes_nothing(
    bound: Engine,
) -> None:
    with pytest.raises(assignment_errors.NotRoleManagerError):
        assignment_visits.act(
            log_in(bound, NAIMA),
            naimas(bound),
            Action.DEACTIVATE,
            now=NOW,
            public_origin=ORIGIN,
            bind=bound,
        )
    assert statuses(bound) == [AssignmentStatus.ACTIVE]
    with Session(bound) as db:
        assert mails_to(db, NAIMA.email) == []


def test_modify_end_reads_the_typed_day_or_illimite(bound: Engine) -> None:
    session_id, assignment_id = log_in(bound, CHLOE), naimas(bound)
    later = TODAY + timedelta(days=30)
    detail = assignment_visits.modify_end(
        session_id,
        assignment_id,
        later.strftime("%d/%m/%Y"),
        unlimited=False,
        now=NOW,
        public_origin=ORIGIN,
        bind=bound,
    )
    assert detail.row.ends_on == later
    detail = assignment_visits.modify_end(
        session_id, assignment_id, "", unlimited=True, now=NOW, public_origin=ORIGIN, bind=bound
    )
    assert detail.row.ends_on is None


@pytest.mark.parametrize(
    ("typed", "refusal"),
    [
        ("", errors.RequiredFieldMissingError),
        ("31/02/2026", errors.DateInvalidError),
        ("demain", errors.DateInvalidError),
        ("01/03/2026", assignment_errors.EndDateInPastError),
    ],
)
def test_modify_end_refuses_beside_the_field(
    bound: Engine, typed: str, refusal: type[errors.CompanyError]
) -> None:
    with pytest.raises(refusal) as refused:
        assignment_visits.modify_end(
            log_in(bound, CHLOE),
            naimas(bound),
            typed,
            unlimited=False,
            now=NOW,
            public_origin=ORIGIN,
            bind=bound,
        )
    assert refused.value.field == "ends_on"
    with Session(bound) as db:
        assert db.exec(select(RoleAssignment)).one().ends_on is None


def read(lines: Iterator[str]) -> list[list[str]]:
    return list(csv.reader(io.StringIO("".join(lines).removeprefix("\ufeff")), delimiter=";"))


def test_the_export_streams_the_company_s_rows_and_commits_the_visit_first(bound: Engine) -> None:
    session_id = log_in(bound, CHLOE, at=NOW - timedelta(minutes=5))
    with assignment_visits.exported(session_id, "0712.345.630", now=NOW, bind=bound) as export:
        assert export.file_name == f"attributions-de-roles-{TEST_COMPANY}-{TODAY.isoformat()}.csv"
        # The visit is committed before the lines are read: another unit of work sees it.
        with Session(bound) as other:
            seen = other.get(UserSession, session_id)
            assert seen is not None
            assert seen.last_seen_at.replace(tzinfo=NOW.tzinfo) == NOW
        rows = read(export.lines)
    assert rows[0][0] == "Rôle"
    assert rows[1][:3] == ["Rédacteur de dossiers", "Naïma Samira Mremi", NAIMA.email]


def test_the_export_is_refused_before_any_line(bound: Engine) -> None:
    with (
        pytest.raises(NotLoggedInError),
        assignment_visits.exported(None, TEST_COMPANY, now=NOW, bind=bound),
    ):
        pytest.fail("no export without a session")
    naima = log_in(bound, NAIMA)
    with (
        pytest.raises(assignment_errors.NotRoleManagerError),
        assignment_visits.exported(naima, TEST_COMPANY, now=NOW, bind=bound),
    ):
        pytest.fail("no export for someone who does not manage the company")
