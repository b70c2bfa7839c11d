"""The units of work of the form pages: a field left is saved alone and answers the dossier's
version, which the page sends with its next save; a role stopped meanwhile closes the form."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from foundation.models.companies import AssignmentStatus, RoleAssignment
from portal.dossiers import dossier_visits
from portal.dossiers.errors import SpaceNotAllowedError, StaleDossierError
from tests.unit.portal.dossiers.dossier_world import (
    FixedSources,
    add_company,
    company_register_values,
)
from tests.unit.portal.dossiers.two_companies import COMPANY_A, NAIMA, account, give
from tests.unit.portal.visitors import NOW, log_in

APE = "ape-sesam"


@pytest.fixture
def writer(engine: Engine) -> str:
    """Naïma, Rédacteur de dossiers of "Entreprise de test", logged in with her card."""
    with Session(engine) as db:
        add_company(db, COMPANY_A)
        account(db, NAIMA, NOW)
        give(db, NAIMA, COMPANY_A, "monespace.writer", NOW)
        db.commit()
    return log_in(engine)


def start_ape(engine: Engine, session_id: str) -> str:
    sources = FixedSources(companies={COMPANY_A: company_register_values()})
    return dossier_visits.start(
        session_id, APE, f"entreprise:{COMPANY_A}", sources=sources, now=NOW, bind=engine
    )


def version_of(engine: Engine, session_id: str, reference: str) -> int:
    return dossier_visits.open_form(
        session_id, reference, "jobs", language="fr", now=NOW, bind=engine
    ).version


def test_a_field_left_answers_the_version_the_next_save_needs(engine: Engine, writer: str) -> None:
    reference = start_ape(engine, writer)
    before = version_of(engine, writer, reference)

    def left(value: str, version: int) -> int:
        return dossier_visits.keep_field(
            writer, reference, "jobs", "job_title", value, version=version, now=NOW, bind=engine
        )

    typed = left("Comptable", before)
    assert typed == before + 1 == version_of(engine, writer, reference)
    # Left again without a change (Tab through it): nothing saved, the same version.
    assert left("Comptable", typed) == typed
    # The step sent with that version is taken.
    problems = dossier_visits.save_step(
        writer,
        reference,
        "jobs",
        {"job_title": "Comptable", "jobs_requested": "1"},
        version=typed,
        now=NOW,
        bind=engine,
    )
    assert "job_title" not in problems
    assert version_of(engine, writer, reference) == typed + 1


def test_a_field_left_on_a_page_older_than_the_dossier_is_refused(
    engine: Engine, writer: str
) -> None:
    reference = start_ape(engine, writer)
    old = version_of(engine, writer, reference)
    dossier_visits.keep_field(
        writer, reference, "jobs", "job_title", "Comptable", version=old, now=NOW, bind=engine
    )
    with pytest.raises(StaleDossierError):
        dossier_visits.keep_field(
            writer, reference, "jobs", "job_title", "Vendeur", version=old, now=NOW, bind=engine
        )


def test_a_stopped_role_closes_the_form(engine: Engine, writer: str) -> None:
    reference = start_ape(engine, writer)
    version = version_of(engine, writer, reference)
    with Session(engine) as db:
        role = db.exec(select(RoleAssignment)).one()
        role.status = AssignmentStatus.SUSPENDED
        db.add(role)
        db.commit()
    with pytest.raises(SpaceNotAllowedError):
        dossier_visits.keep_field(
            writer, reference, "jobs", "job_title", "X", version=version, now=NOW, bind=engine
        )
    with pytest.raises(SpaceNotAllowedError):
        dossier_visits.open_form(writer, reference, "jobs", language="fr", now=NOW, bind=engine)
