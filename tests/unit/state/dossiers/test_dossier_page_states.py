"""The form and dossier pages' states without a browser, as their handlers answer (a forged
websocket message calls them the same way): fields left without a change never make the next
step's save look stale; a role stopped while the page is open leaves nothing of the dossier on
it, only the refusal."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from foundation import routes
from foundation.clock import utc_now
from foundation.i18n.catalog import catalog
from foundation.models.companies import AssignmentStatus, RoleAssignment
from identity.sessions import LoginIdentity
from portal.dossiers import dossier_visits
from state.dossiers.dossier_state import DossierState
from state.dossiers.form_state import DossierFormState
from tests.unit.portal.dossiers.dossier_world import (
    FixedSources,
    add_company,
    company_register_values,
)
from tests.unit.portal.dossiers.two_companies import COMPANY_A, NAIMA, account, give
from tests.unit.portal.visitors import log_in
from tests.unit.state.conftest import Tab, fire, redirect_path

NOT_ALLOWED = catalog("fr")["error.SpaceNotAllowedError"]
JOBS = {
    "jobs_requested": "1",
    "job_title": "Comptable",
    "job_description": "Tenir la comptabilité.",
    "hiring_date": "2099-01-04",
    "contract_type": "cdi",
    "weekly_hours": "38",
}


@pytest.fixture
def writer(engine: Engine) -> tuple[Tab, str]:
    """Naïma's tab, Rédacteur de dossiers of "Entreprise de test", and her new APE draft."""
    now = utc_now()
    with Session(engine) as db:
        add_company(db, COMPANY_A)
        account(db, NAIMA, now)
        give(db, NAIMA, COMPANY_A, "monespace.writer", now)
        db.commit()
    identity = LoginIdentity(
        NAIMA.national_number, NAIMA.surname, NAIMA.first_names, date(1985, 1, 1)
    )
    session_id = log_in(engine, at=now, identity=identity)
    reference = dossier_visits.start(
        session_id,
        "ape-sesam",
        f"entreprise:{COMPANY_A}",
        sources=FixedSources(companies={COMPANY_A: company_register_values()}),
        now=now,
    )
    return Tab(session_id), reference


def stop_role(engine: Engine) -> None:
    with Session(engine) as db:
        role = db.exec(select(RoleAssignment)).one()
        role.status = AssignmentStatus.SUSPENDED
        db.add(role)
        db.commit()


def open_step(tab: Tab, reference: str, step: str) -> DossierFormState:
    tab.open(routes.DOSSIER_FORM, reference=reference, etape=step)
    page = tab.page(DossierFormState)
    fire(page, "load")
    assert page.loaded
    return page


def test_fields_left_unchanged_do_not_make_the_step_stale(
    engine: Engine, writer: tuple[Tab, str]
) -> None:
    tab, reference = writer
    page = open_step(tab, reference, "jobs")
    fire(page, "keep", "job_title", "Comptable")
    for _ in range(3):  # Tab through the field, and back, without typing
        fire(page, "keep", "job_title", "Comptable")
    fire(page, "going", "next")
    answer = fire(page, "submit_step", JOBS)
    assert page.error_text == ""
    assert redirect_path(answer) == routes.dossier_form(reference, "contact")


def test_a_role_stopped_leaves_nothing_of_the_form(engine: Engine, writer: tuple[Tab, str]) -> None:
    tab, reference = writer
    page = open_step(tab, reference, "company")
    assert page.place == "Espace professionnel — Entreprise de test"
    assert any(field.shown == "Entreprise de test" for field in page.fields)
    stop_role(engine)
    fire(page, "going", "draft")
    assert fire(page, "submit_step", {"activity_sector": "services"}) is None
    assert page.error_text == NOT_ALLOWED
    assert not page.loaded
    assert (page.title, page.place, page.step_title) == ("", "", "")
    assert (page.fields, page.steps, page.shown) == ([], [], {})


def test_a_role_stopped_leaves_nothing_of_the_dossier(
    engine: Engine, writer: tuple[Tab, str]
) -> None:
    tab, reference = writer
    tab.open(routes.DOSSIER, reference=reference)
    page = tab.page(DossierState)
    fire(page, "load")
    assert page.loaded
    assert page.offers == ["delete", "modify"]
    stop_role(engine)
    fire(page, "submit")  # a forged click: refused, and the page wiped
    assert page.error_text == NOT_ALLOWED
    assert not page.loaded
    assert (page.title, page.sections, page.offers, page.events) == ("", [], [], [])
    # Opened again: the refusal alone.
    fire(page, "load")
    assert (page.loaded, page.error_text, page.title) == (False, NOT_ALLOWED, "")
