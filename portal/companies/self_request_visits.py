"""The units of work of "Demander soi-même une attribution de rôle" (seed 000, Mes attributions
de rôles): the form's entry, and the request sent.

Each starts with the visit's check (a live session of an active account); the entry asks the eID
level at once, so that a person logged in with a lower key is sent to the eID before typing.
``self_request.request_assignment`` checks everything again when the request is sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine

from foundation.models.companies import Company
from portal.companies.company_number import format_company_number
from portal.companies.dates import today
from portal.companies.entry import entered
from portal.companies.invitation_form import shown_day, validity_of
from portal.companies.roles import role
from portal.companies.self_request import SelfRequest, request_assignment
from portal.visits import Visit


@dataclass(frozen=True, slots=True)
class SelfRequestForm:
    """What was typed; dates as the seeds show them (04/07/2017)."""

    company_number: str = ""
    role_codes: tuple[str, ...] = ()
    valid_from: str = ""
    valid_until: str = ""
    unlimited: bool = True
    message: str = ""
    email: str = ""


@dataclass(frozen=True, slots=True)
class SelfRequestStart:
    visit: Visit
    form: SelfRequestForm  # from today, "Illimité", the account's address


@dataclass(frozen=True, slots=True)
class SentRequest:
    company: str  # "Entreprise de test (0712.345.630)"
    roles: tuple[str, ...]
    email: str  # where the answer goes


def open_self_request(
    session_id: str | None, *, now: datetime, bind: Engine | None = None
) -> SelfRequestStart:
    """``HighAssuranceRequiredError`` below the eID level: the page sends the person to it."""
    with entered(session_id, now=now, high_assurance=True, bind=bind) as inside:
        email = inside.account.email if inside.account is not None else ""
        form = SelfRequestForm(valid_from=shown_day(today(now)), email=email)
        return SelfRequestStart(inside.visit, form)


def _request(form: SelfRequestForm) -> SelfRequest:
    valid_from, valid_until = validity_of(form)
    return SelfRequest(
        company_number=form.company_number,
        role_codes=form.role_codes,
        valid_from=valid_from,
        valid_until=valid_until,
        message=form.message,
        email=form.email,
    )


def send(
    session_id: str | None,
    form: SelfRequestForm,
    *,
    now: datetime,
    public_origin: str,
    bind: Engine | None = None,
) -> SentRequest:
    """ "Envoyer la demande": one request per role, in the company's managers' open tasks."""
    with entered(session_id, now=now, bind=bind) as inside:
        asked = request_assignment(
            inside.db, inside.session_row, _request(form), now, public_origin=public_origin
        )
        number = asked[0].company_number
        company = inside.db.get(Company, number)
        name = company.name if company is not None else ""
        return SentRequest(
            company=f"{name} ({format_company_number(number)})",
            roles=tuple(role(a.role_code).name for a in asked),
            email=asked[0].email,
        )
