"""The units of work of "Gestion d'attribution de rôle : attribuer directement un nouveau rôle"
(seed 001 steps 4–12, seed 002 §4) and of "Donner une attribution de rôle via numéro de registre
national": the entry, the members' search, the look-up of a national number, each step's check
before "Étape suivante", the preview and "Terminer l'attribution directe de rôle".

Each starts with the visit's check (a live session of an active account) and the eID level.
Nothing is written before "Terminer", which runs ``direct.assign_to_members`` or
``direct.assign_by_national_number``: they check the caller (GAP or role administrator of the
company), the members' keys and every step again, so an event forged to skip a step is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session

from foundation.models.companies import Company
from foundation.models.session import UserSession
from portal.companies import errors
from portal.companies.access import require_role_manager
from portal.companies.company_number import format_company_number, parse_company_number
from portal.companies.dates import today
from portal.companies.direct import (
    assign_by_national_number,
    assign_to_members,
    checked_draft,
    chosen_people,
    find_person,
)
from portal.companies.direct_form import (
    DirectForm,
    DirectStep,
    draft_of,
    person_of,
)
from portal.companies.entry import entered
from portal.companies.gap import CompanyOption, managed_options
from portal.companies.invitation_form import shown_day
from portal.companies.invitations import check_roles, check_validity
from portal.companies.members import MemberPage, MemberSearch, search_members
from portal.companies.people import Person, checked_person
from portal.companies.roles import role
from portal.visits import Visit


@dataclass(frozen=True, slots=True)
class DirectStart:
    visit: Visit
    companies: tuple[CompanyOption, ...]  # those the person manages: step 2's list
    form: DirectForm  # valid from today, "Illimité"; the company chosen if there is one


@dataclass(frozen=True, slots=True)
class PreviewPerson:
    surname: str
    first_names: str
    email: str


@dataclass(frozen=True, slots=True)
class DirectPreview:
    """ "Étape 5 : Aperçu de l'attribution directe de rôle"; dates as the seeds show them."""

    persons: tuple[PreviewPerson, ...]
    company: str
    roles: tuple[str, ...]  # "Espace Personnel Wallon - Editeur de dossiers"
    valid_from: str
    valid_until: str  # "" for "au permanent"


@dataclass(frozen=True, slots=True)
class Granted:
    person: str  # "Naïma Samira Mremi"
    role: str


def open_direct(
    session_id: str | None, *, now: datetime, bind: Engine | None = None
) -> DirectStart:
    """The companies the person manages (none: the page says where to go) and a new form."""
    with entered(session_id, now=now, high_assurance=True, bind=bind) as inside:
        session = inside.session_row
        companies = managed_options(inside.db, session.national_number)
        form = DirectForm(
            company_number=companies[0].number if len(companies) == 1 else "",
            valid_from=shown_day(today(now)),
        )
        return DirectStart(inside.visit, companies, form)


def search(
    session_id: str | None,
    criteria: MemberSearch,
    page: int = 1,
    *,
    now: datetime,
    bind: Engine | None = None,
) -> MemberPage:
    """ "Rechercher": one page of the members matching every field filled in."""
    with entered(session_id, now=now, bind=bind) as inside:
        return search_members(inside.db, inside.session_row, criteria, page, now=now)


def look_up(
    session_id: str | None, national_number: str, *, now: datetime, bind: Engine | None = None
) -> Person | None:
    """The name the portal knows for a national number, or None: the page asks for it."""
    with entered(session_id, now=now, bind=bind) as inside:
        return find_person(inside.db, inside.session_row, national_number, now)


def _people(
    db: Session, session: UserSession, by_number: bool, form: DirectForm
) -> tuple[Person, ...]:
    if by_number:
        return (checked_person(person_of(form)),)
    return chosen_people(db, session, form.member_keys)


def _checked_step(
    db: Session,
    session: UserSession,
    by_number: bool,
    step: DirectStep,
    form: DirectForm,
    now: datetime,
) -> DirectForm:
    if step is DirectStep.PERSONS:
        person = _people(db, session, by_number, form)[0]
        if by_number:
            return replace(form, national_number=person.national_number, email=person.email)
    elif step is DirectStep.COMPANY:
        if not form.company_number:
            raise errors.NoCompanyChosenError()
        require_role_manager(db, session, parse_company_number(form.company_number), now)
    elif step is DirectStep.ROLES:
        return replace(form, role_codes=check_roles(form.role_codes))
    elif step is DirectStep.VALIDITY:
        draft = draft_of(form)
        check_validity(draft.valid_from, draft.valid_until, on=today(now))
    else:
        _preview(db, session, by_number, form, now)
    return form


def check_step(
    session_id: str | None,
    by_number: bool,
    step: DirectStep,
    form: DirectForm,
    *,
    now: datetime,
    bind: Engine | None = None,
) -> DirectForm:
    """ "Étape suivante": the step's own check; the form back with its values tidied. Nothing is
    written."""
    with entered(session_id, now=now, high_assurance=True, bind=bind) as inside:
        return _checked_step(inside.db, inside.session_row, by_number, step, form, now)


def _preview(
    db: Session, session: UserSession, by_number: bool, form: DirectForm, now: datetime
) -> DirectPreview:
    people = _people(db, session, by_number, form)
    number = parse_company_number(form.company_number) if form.company_number else ""
    if not number:
        raise errors.NoCompanyChosenError()
    require_role_manager(db, session, number, now)
    draft = checked_draft(draft_of(form), now)
    company = db.get(Company, number)
    return DirectPreview(
        persons=tuple(PreviewPerson(p.surname, p.first_names, p.email) for p in people),
        company=company.name if company is not None else format_company_number(number),
        roles=tuple(role(code).name for code in draft.role_codes),
        valid_from=shown_day(draft.valid_from),
        valid_until="" if draft.valid_until is None else shown_day(draft.valid_until),
    )


def preview(
    session_id: str | None,
    by_number: bool,
    form: DirectForm,
    *,
    now: datetime,
    bind: Engine | None = None,
) -> DirectPreview:
    """ "Étape 5 : Aperçu": every step checked again, as "Terminer" will; nothing is written."""
    with entered(session_id, now=now, high_assurance=True, bind=bind) as inside:
        return _preview(inside.db, inside.session_row, by_number, form, now)


def finish(
    session_id: str | None,
    by_number: bool,
    form: DirectForm,
    *,
    now: datetime,
    public_origin: str,
    page_language: str | None = None,
    bind: Engine | None = None,
) -> tuple[Granted, ...]:
    """ "Terminer l'attribution directe de rôle": the roles, active at once, and the e-mails
    (in the page's language for a person without an account)."""
    draft = draft_of(form)
    with entered(session_id, now=now, bind=bind) as inside:
        db, session = inside.db, inside.session_row
        if by_number:
            granted = assign_by_national_number(
                db,
                session,
                person_of(form),
                draft,
                now,
                public_origin=public_origin,
                page_language=page_language,
            )
        else:
            granted = assign_to_members(
                db,
                session,
                form.member_keys,
                draft,
                now,
                public_origin=public_origin,
                page_language=page_language,
            )
        return tuple(
            Granted(f"{a.first_names} {a.surname}", role(a.role_code).name) for a in granted
        )
