"""The units of work of the pages "Désigner un Gestionnaire d'Accès Principal" (seed 002 §2.3).

Each starts with the visit's check (a live session of an active account) and the caller's level
(high: the eID card), then runs the rule of ``gap.py``; what leaves is plain values for the page.
The company register is asked between two units of work, so a slow register never holds the
database's write lock (the visit's check writes the session's idle clock).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine

from foundation.models.companies import Company, MainAccessManager
from foundation.models.session import UserSession
from portal.companies.company_number import format_company_number, parse_company_number
from portal.companies.entry import entered
from portal.companies.gap import GapDetails, checked_details, designate_gap, register_company
from portal.companies.national_number import format_national_number
from portal.companies.register import CompanyRegister, RegisteredCompany
from portal.visits import Visit


@dataclass(frozen=True, slots=True)
class CompanyView:
    """The company as the form shows it, read-only, from the register."""

    number: str  # 10 digits
    display_number: str  # 0712.345.630
    name: str
    address: str


@dataclass(frozen=True, slots=True)
class GapForm:
    """What the form sends: "moi-même" (names and national number from the card) or another
    person, whose names and national number are typed."""

    myself: bool
    surname: str
    first_names: str
    national_number: str
    email: str
    phone: str


@dataclass(frozen=True, slots=True)
class GapSummary:
    surname: str
    first_names: str
    national_number: str  # 85.07.30-033.28
    email: str
    phone: str


def _view(company: Company) -> CompanyView:
    return CompanyView(
        number=company.number,
        display_number=format_company_number(company.number),
        name=company.name,
        address=f"{company.street}, {company.zip_code} {company.municipality}",
    )


def _summary(gap: GapDetails | MainAccessManager) -> GapSummary:
    return GapSummary(
        surname=gap.surname,
        first_names=gap.first_names,
        national_number=format_national_number(gap.national_number),
        email=gap.email,
        phone=gap.phone,
    )


def details_of(form: GapForm, session: UserSession) -> GapDetails:
    if form.myself:  # what the browser sent as names does not count: the card's do
        return GapDetails.myself(session, email=form.email, phone=form.phone)
    return GapDetails(form.surname, form.first_names, form.national_number, form.email, form.phone)


@dataclass(frozen=True, slots=True)
class _Answered:
    """The register's answer, asked before the unit of work that records it."""

    number: str
    answer: RegisteredCompany | None

    def find(self, number: str) -> RegisteredCompany | None:
        if parse_company_number(number) != self.number:
            raise LookupError(f"the register was asked for {self.number}, not {number}")
        return self.answer


def open_designation(session_id: str | None, *, now: datetime, bind: Engine | None = None) -> Visit:
    """The page's entry: a live session of an active account, opened with the eID card
    (``HighAssuranceRequiredError`` otherwise: the page sends the person to the eID login)."""
    with entered(session_id, now=now, high_assurance=True, bind=bind) as inside:
        return inside.visit


def register(
    session_id: str | None,
    company_number: str,
    *,
    company_register: CompanyRegister,
    now: datetime,
    bind: Engine | None = None,
) -> CompanyView:
    """ "Enregistrer mon entreprise": the register's answer, recorded if the caller is a legal
    representative of the active company (``gap.register_company``'s refusals otherwise)."""
    open_designation(session_id, now=now, bind=bind)
    number = parse_company_number(company_number)
    answered = _Answered(number, company_register.find(number))
    with entered(session_id, now=now, bind=bind) as inside:
        company = register_company(inside.db, answered, inside.session_row, number, now)
        return _view(company)


def check(
    session_id: str | None, form: GapForm, *, now: datetime, bind: Engine | None = None
) -> GapSummary:
    """ "Suivant": the GAP's details checked and shown for confirmation; nothing is written."""
    with entered(session_id, now=now, high_assurance=True, bind=bind) as inside:
        return _summary(checked_details(details_of(form, inside.session_row)))


def confirm(
    session_id: str | None,
    company_number: str,
    form: GapForm,
    *,
    now: datetime,
    public_origin: str,
    bind: Engine | None = None,
) -> GapSummary:
    """ "Confirmer": the designation recorded and its e-mails queued (``gap.designate_gap``)."""
    with entered(session_id, now=now, bind=bind) as inside:
        session = inside.session_row
        manager = designate_gap(
            inside.db,
            session,
            company_number,
            details_of(form, session),
            now,
            public_origin=public_origin,
        )
        return _summary(manager)
