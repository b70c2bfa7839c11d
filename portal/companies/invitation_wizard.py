"""The units of work of "Gestion des invitations - Nouvelle invitation" (seed 001 steps 11–18,
seed 002 §3.2.1): the wizard's entry, the check of each step before "Étape suivante", the
preview, and "Terminer l'invitation".

Each starts with the visit's check (a live session of an active account) and the eID level;
each step runs its own rule of ``invitations`` and writes nothing. "Terminer" runs
``create_invitation``, which checks the caller (the company's GAP or one of its role
administrators) and every step again: an event forged to skip the steps is refused there.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session

from foundation.models.companies import Company
from foundation.models.session import UserSession
from portal.companies import errors
from portal.companies.access import require_role_manager
from portal.companies.company_number import format_company_number, parse_company_number
from portal.companies.dates import one_year_after, today
from portal.companies.entry import entered
from portal.companies.gap import CompanyOption, managed_options
from portal.companies.invitation_form import (
    Step,
    WizardForm,
    draft_of,
    form_of,
    parse_day,
    save_as_of,
    shown_day,
    validity_of,
)
from portal.companies.invitations import (
    CreatedInvitation,
    Invitee,
    check_details,
    check_persons,
    check_roles,
    check_validity,
    checked_draft,
    create_invitation,
)
from portal.companies.roles import role
from portal.companies.templates import draft_from_template
from portal.visits import Visit


@dataclass(frozen=True, slots=True)
class WizardStart:
    visit: Visit
    companies: tuple[CompanyOption, ...]  # those the person is the current GAP of; step 1
    form: WizardForm


@dataclass(frozen=True, slots=True)
class InvitationPreview:
    """ "Étape 6: Aperçu", from the checked draft; dates as the seeds show them (04/08/2016)."""

    company: str
    roles: tuple[str, ...]  # "Rédacteur de dossiers"
    valid_from: str
    valid_until: str  # "" for "Illimité"
    persons: tuple[Invitee, ...]
    message: str
    template_name: str  # "" when the invitation is not saved
    expires_on: str


def new_form(companies: tuple[CompanyOption, ...], on: date) -> WizardForm:
    """Valid from today, "Illimité", expiring in a year; the company chosen if there is one."""
    only = companies[0].number if len(companies) == 1 else ""
    return WizardForm(company_number=only, valid_from=shown_day(on), expires_on=_expiry(on))


def _expiry(on: date) -> str:
    return shown_day(one_year_after(on))


def open_wizard(
    session_id: str | None,
    *,
    now: datetime,
    template_id: int | None = None,
    bind: Engine | None = None,
) -> WizardStart:
    """The companies the person manages and the form to start from: a new one, or a saved
    invitation's (``TemplateNotFoundError`` for one that is not the caller's)."""
    with entered(session_id, now=now, high_assurance=True, bind=bind) as inside:
        session = inside.session_row
        companies = managed_options(inside.db, session.national_number)
        if template_id is None:
            return WizardStart(inside.visit, companies, new_form(companies, today(now)))
        draft = draft_from_template(inside.db, session, template_id, now)
        form = replace(form_of(draft), expires_on=_expiry(today(now)))
        return WizardStart(inside.visit, companies, form)


def _checked_step(
    db: Session, session: UserSession, step: Step, form: WizardForm, now: datetime
) -> WizardForm:
    on = today(now)
    if step is Step.COMPANY:
        if not form.company_number:
            raise errors.NoCompanyChosenError()
        require_role_manager(db, session, parse_company_number(form.company_number), now)
    elif step is Step.ROLES:
        return replace(form, role_codes=check_roles(form.role_codes))
    elif step is Step.VALIDITY:
        check_validity(*validity_of(form), on=on)
    elif step is Step.PERSONS:
        return replace(form, persons=check_persons(form.persons))
    elif step is Step.DETAILS:
        expires_on = parse_day(form.expires_on, "expires_on", required=False)
        message, expiry, save_as = check_details(form.message, expires_on, save_as_of(form), on=on)
        return replace(
            form,
            message=message,
            expires_on=shown_day(expiry),
            template_name=form.template_name if save_as is None else save_as.name,
            template_description=form.template_description
            if save_as is None
            else save_as.description,
        )
    else:
        _preview(db, session, form, now)
    return form


def check_step(
    session_id: str | None,
    step: Step,
    form: WizardForm,
    *,
    now: datetime,
    bind: Engine | None = None,
) -> WizardForm:
    """ "Étape suivante": the step's own check; the form back with its values trimmed (the
    expiry filled in). Nothing is written."""
    with entered(session_id, now=now, high_assurance=True, bind=bind) as inside:
        return _checked_step(inside.db, inside.session_row, step, form, now)


def _preview(
    db: Session, session: UserSession, form: WizardForm, now: datetime
) -> InvitationPreview:
    number = parse_company_number(form.company_number)
    require_role_manager(db, session, number, now)
    draft = checked_draft(draft_of(form), on=today(now))
    assert draft.expires_on is not None  # filled in by check_details
    company = db.get(Company, number)
    return InvitationPreview(
        company=company.name if company is not None else format_company_number(number),
        roles=tuple(role(code).label for code in draft.role_codes),
        valid_from=shown_day(draft.valid_from),
        valid_until="" if draft.valid_until is None else shown_day(draft.valid_until),
        persons=draft.persons,
        message=draft.message,
        template_name="" if draft.save_as is None else draft.save_as.name,
        expires_on=shown_day(draft.expires_on),
    )


def preview(
    session_id: str | None, form: WizardForm, *, now: datetime, bind: Engine | None = None
) -> InvitationPreview:
    """ "Étape 6: Aperçu": every step checked again, as "Terminer" will; nothing is written."""
    with entered(session_id, now=now, high_assurance=True, bind=bind) as inside:
        return _preview(inside.db, inside.session_row, form, now)


def finish(
    session_id: str | None,
    form: WizardForm,
    *,
    now: datetime,
    public_origin: str,
    page_language: str | None = None,
    bind: Engine | None = None,
) -> CreatedInvitation:
    """ "Terminer l'invitation": the invitation, its e-mails (in the page's language for an
    invitee without an account) and the saved copy, if asked."""
    draft = draft_of(form)
    with entered(session_id, now=now, bind=bind) as inside:
        return create_invitation(
            inside.db,
            inside.session_row,
            draft,
            now,
            public_origin=public_origin,
            page_language=page_language,
        )
