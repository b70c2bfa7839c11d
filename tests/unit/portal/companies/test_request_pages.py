"""What the acceptance link's page and "Mes tâches ouvertes" run, as units of work on a SQLite
file: who may see, accept, approve and reject, and that a refusal writes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from identity.assurance import LevelOfAssurance
from portal.companies import acceptance_visits, errors, task_visits
from portal.companies.invitations import InvitationDraft, create_invitation, revoke_invitation
from portal.visits import NotLoggedInError
from tests.unit.portal.companies.conftest import (
    CHLOE,
    JEAN_PIERRE,
    NAIMA,
    NOW,
    ORIGIN,
    TEST_COMPANY,
    TODAY,
    FakeRegister,
    mails_to,
    make_gap,
    session_of,
)
from tests.unit.portal.companies.page_sessions import database_file, log_in, statuses

WRITER = "monespace.writer"
LOWER = LevelOfAssurance.SUBSTANTIAL


@pytest.fixture
def bound(tmp_path: Path, register: FakeRegister) -> Iterator[Engine]:
    """Chloé is the GAP of "Entreprise de test"."""
    with database_file(tmp_path) as engine:
        with Session(engine) as db:
            make_gap(db, register, gap=CHLOE)
        yield engine


def invitation(engine: Engine, **changes: object) -> str:
    with Session(engine) as db:
        created = create_invitation(
            db,
            session_of(CHLOE, at=changes.pop("at", NOW)),  # type: ignore[arg-type]
            InvitationDraft(
                company_number=TEST_COMPANY,
                role_codes=(WRITER,),
                valid_from=changes.pop("valid_from", TODAY),  # type: ignore[arg-type]
                message="Bienvenue dans l'équipe",
            ),
            changes.pop("now", NOW),  # type: ignore[arg-type]
            public_origin=ORIGIN,
        )
        db.commit()
        return created.id


def accepted(engine: Engine) -> int:
    """Naïma accepted an invitation; the id of her request."""
    link = invitation(engine)
    acceptance_visits.accept_invitation(
        log_in(engine, NAIMA), link, NAIMA.email, now=NOW, public_origin=ORIGIN, bind=engine
    )
    row = task_visits.open_tasks(log_in(engine, CHLOE), now=NOW, bind=engine).page.rows[0]
    return row.assignment_id


# The link's page


def test_the_overview_is_readable_before_logging_in(bound: Engine) -> None:
    shown = acceptance_visits.open_link(None, invitation(bound), now=NOW, bind=bound)
    assert shown.visit is None
    assert not shown.may_accept
    assert shown.overview.company_name == "Entreprise de test"
    assert [r.label for r in shown.overview.roles] == ["Rédacteur de dossiers"]
    assert shown.overview.message == "Bienvenue dans l'équipe"


def test_once_logged_in_the_address_starts_from_the_account(bound: Engine) -> None:
    link = invitation(bound)
    shown = acceptance_visits.open_link(log_in(bound, NAIMA), link, now=NOW, bind=bound)
    assert shown.may_accept
    assert shown.email == NAIMA.email
    weaker = acceptance_visits.open_link(log_in(bound, NAIMA, LOWER), link, now=NOW, bind=bound)
    assert weaker.visit is not None
    assert not weaker.may_accept  # the page asks for the eID


def test_each_link_that_cannot_be_accepted_has_its_own_refusal(bound: Engine) -> None:
    a_year_ago = NOW - timedelta(days=400)
    expired = invitation(bound, at=a_year_ago, now=a_year_ago, valid_from=a_year_ago.date())
    revoked = invitation(bound)
    with Session(bound) as db:
        revoke_invitation(db, session_of(CHLOE), revoked, NOW)
        db.commit()
    for link, refusal in (
        (expired, errors.InvitationExpiredError),
        (revoked, errors.InvitationRevokedError),
        ("a1b2c3d4-0000-4000-8000-000000000000", errors.InvitationUnknownError),
        ("pas-un-uuid", errors.InvitationUnknownError),
    ):
        with pytest.raises(refusal):
            acceptance_visits.open_link(log_in(bound, NAIMA), link, now=NOW, bind=bound)


def test_accepting_needs_a_login_with_the_eid_and_writes_nothing_otherwise(bound: Engine) -> None:
    link = invitation(bound)
    with pytest.raises(NotLoggedInError):
        acceptance_visits.accept_invitation(
            None, link, NAIMA.email, now=NOW, public_origin=ORIGIN, bind=bound
        )
    weaker = log_in(bound, NAIMA, LOWER)
    with pytest.raises(errors.HighAssuranceRequiredError):
        acceptance_visits.accept_invitation(
            weaker, link, NAIMA.email, now=NOW, public_origin=ORIGIN, bind=bound
        )
    assert statuses(bound) == []
    filed = acceptance_visits.accept_invitation(
        log_in(bound, NAIMA), link, NAIMA.email, now=NOW, public_origin=ORIGIN, bind=bound
    )
    assert filed == 1
    assert statuses(bound) == ["requested"]
    with Session(bound) as db:
        [told] = mails_to(db, CHLOE.email)[-1:]
    assert told.subject == "Une demande d'attribution de rôle attend votre évaluation"


# Mes tâches ouvertes


def test_the_gap_sees_the_request_and_a_lower_login_is_sent_to_the_eid(bound: Engine) -> None:
    request_id = accepted(bound)
    shown = task_visits.evaluate(log_in(bound, CHLOE), request_id, now=NOW, bind=bound)
    assert (shown.user, shown.role) == ("Naïma Samira Mremi", "Attribuer : Rédacteur de dossiers")
    with pytest.raises(errors.HighAssuranceRequiredError):
        task_visits.open_tasks(log_in(bound, CHLOE, LOWER), now=NOW, bind=bound)


def test_someone_else_than_the_gap_decides_nothing(bound: Engine) -> None:
    request_id = accepted(bound)
    other = log_in(bound, JEAN_PIERRE)  # the representative, not the GAP
    assert task_visits.open_tasks(other, now=NOW, bind=bound).page.total == 0
    with pytest.raises(errors.NotMainAccessManagerError):
        task_visits.evaluate(other, request_id, now=NOW, bind=bound)
    with pytest.raises(errors.NotMainAccessManagerError):
        task_visits.approve(other, request_id, now=NOW, public_origin=ORIGIN, bind=bound)
    with pytest.raises(errors.NotMainAccessManagerError):
        task_visits.reject(other, request_id, "Non", now=NOW, public_origin=ORIGIN, bind=bound)
    assert statuses(bound) == ["requested"]


def test_approving_grants_the_role_and_tells_both(bound: Engine) -> None:
    request_id = accepted(bound)
    task_visits.approve(log_in(bound, CHLOE), request_id, now=NOW, public_origin=ORIGIN, bind=bound)
    assert statuses(bound) == ["active"]
    with Session(bound) as db:
        assert mails_to(db, NAIMA.email)[-1].subject == (
            "Votre attribution de rôle Rédacteur de dossiers est octroyée"
        )
        assert mails_to(db, CHLOE.email)[-1].subject == (
            "L'attribution de rôle Rédacteur de dossiers de Naïma Samira Mremi est octroyée"
        )


def test_rejecting_asks_a_reason_and_sends_it(bound: Engine) -> None:
    request_id = accepted(bound)
    chloe = log_in(bound, CHLOE)
    with pytest.raises(errors.RequiredFieldMissingError):
        task_visits.reject(chloe, request_id, "  ", now=NOW, public_origin=ORIGIN, bind=bound)
    assert statuses(bound) == ["requested"]
    task_visits.reject(
        chloe, request_id, "Pas dans notre service", now=NOW, public_origin=ORIGIN, bind=bound
    )
    assert statuses(bound) == ["rejected"]
    with Session(bound) as db:
        [mail] = [m for m in mails_to(db, NAIMA.email) if "rejetée" in m.subject]
    assert "Raison : Pas dans notre service" in mail.text_body
