"""The GAP's invitation (seed 001 steps 9–18, seed 002 §3.2.1): roles of one company, their
validity, the persons invited (none: the link alone is shared), a message, the invitation's own
expiry, and optionally a template to reuse.

Each wizard step has its check here (``check_roles``, ``check_validity``, ``check_persons``,
``check_details``) so a page can refuse a step before "Étape suivante"; ``create_invitation``
runs them all again, because a forged event can skip the pages.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select, update

from foundation import routes
from foundation.email_address import is_email_address
from foundation.mail_outbox import enqueue
from foundation.models.companies import (
    Company,
    RoleInvitation,
    RoleInvitationInvitee,
    RoleInvitationRole,
    RoleInvitationTemplate,
)
from foundation.models.session import UserSession
from foundation.well_formed_text import well_formed
from portal.companies import errors, mails
from portal.companies.access import require_role_manager
from portal.companies.checks import NAME_MAX, checked_message, required_text
from portal.companies.company_number import parse_company_number
from portal.companies.dates import one_year_after, today
from portal.companies.mail_language import recipient_language
from portal.companies.roles import find_role

DESCRIPTION_MAX = 1000


@dataclass(frozen=True, slots=True)
class Invitee:
    surname: str
    first_names: str
    email: str


@dataclass(frozen=True, slots=True)
class SaveAsTemplate:
    """ "Sauvegarder l'invitation en vue d'une future utilisation": both fields required."""

    name: str
    description: str


@dataclass(frozen=True, slots=True)
class InvitationDraft:
    company_number: str
    role_codes: tuple[str, ...]
    valid_from: date
    valid_until: date | None = None  # None: "Illimité"
    persons: tuple[Invitee, ...] = ()
    message: str = ""
    expires_on: date | None = None  # None: one year from today, the seed's default
    save_as: SaveAsTemplate | None = None


@dataclass(frozen=True, slots=True)
class CreatedInvitation:
    id: str
    link: str  # "Lien : …" of the success page, also in each person's e-mail


def acceptance_link(public_origin: str, invitation_id: str) -> str:
    return f"{public_origin}{routes.ROLE_INVITATION_ACCEPT}?invitation={invitation_id}"


def _invitee_text(value: str, field: str, row: int) -> str:
    value = well_formed(value).strip()
    if not value:
        raise errors.InviteeFieldMissingError(field, field=field, row=row)
    if len(value) > NAME_MAX:
        raise errors.InviteeFieldTooLongError(field, field=field, row=row)
    return value


def check_roles(role_codes: tuple[str, ...]) -> tuple[str, ...]:
    """Step 2: at least one role, each from the catalogue; duplicates dropped, order kept."""
    if not role_codes:
        raise errors.NoRoleChosenError()
    for code in role_codes:
        if find_role(code) is None:
            raise errors.UnknownRoleError(code)
    return tuple(dict.fromkeys(role_codes))


def check_validity(valid_from: date, valid_until: date | None, *, on: date) -> None:
    """Step 3: "du …" from today on, "jusqu'au …" after it, or "Illimité" (None)."""
    if valid_from < on:
        raise errors.ValidityStartInPastError(valid_from.isoformat())
    if valid_until is not None and valid_until <= valid_from:
        raise errors.ValidityEndBeforeStartError(valid_until.isoformat())


def check_persons(persons: tuple[Invitee, ...]) -> tuple[Invitee, ...]:
    """Step 4: each person with a name, a first name and a valid address; none at all is fine."""
    checked: list[Invitee] = []
    seen: set[str] = set()
    for row, person in enumerate(persons, start=1):
        invitee = Invitee(
            surname=_invitee_text(person.surname, "surname", row),
            first_names=_invitee_text(person.first_names, "first_names", row),
            email=_invitee_text(person.email, "email", row),
        )
        email = invitee.email
        if not is_email_address(email):
            raise errors.InviteeEmailInvalidError(email, row=row)
        if email.casefold() in seen:
            raise errors.DuplicateInviteeError(email, row=row)
        seen.add(email.casefold())
        checked.append(invitee)
    return tuple(checked)


def check_details(
    message: str, expires_on: date | None, save_as: SaveAsTemplate | None, *, on: date
) -> tuple[str, date, SaveAsTemplate | None]:
    """Step 5: the message, the expiry (at most one year ahead, default one year), the template."""
    message = checked_message(message)
    latest = one_year_after(on)
    expiry = latest if expires_on is None else expires_on
    if not on <= expiry <= latest:
        raise errors.InvitationExpiryOutOfRangeError(expiry.isoformat())
    if save_as is not None:
        save_as = SaveAsTemplate(
            name=required_text(save_as.name, "template_name"),
            description=required_text(save_as.description, "template_description", DESCRIPTION_MAX),
        )
    return message, expiry, save_as


def checked_draft(draft: InvitationDraft, *, on: date) -> InvitationDraft:
    """Every step's check, the values trimmed and the expiry filled in."""
    roles = check_roles(draft.role_codes)
    check_validity(draft.valid_from, draft.valid_until, on=on)
    persons = check_persons(draft.persons)
    message, expiry, save_as = check_details(draft.message, draft.expires_on, draft.save_as, on=on)
    return InvitationDraft(
        company_number=parse_company_number(draft.company_number),
        role_codes=roles,
        valid_from=draft.valid_from,
        valid_until=draft.valid_until,
        persons=persons,
        message=message,
        expires_on=expiry,
        save_as=save_as,
    )


def template_content(draft: InvitationDraft) -> str:
    """What a template keeps: not the dates, which would be past when it is reused."""
    days = None if draft.valid_until is None else (draft.valid_until - draft.valid_from).days
    return json.dumps(
        {
            "company_number": draft.company_number,
            "role_codes": list(draft.role_codes),
            "validity_days": days,
            "persons": [[p.surname, p.first_names, p.email] for p in draft.persons],
            "message": draft.message,
        },
        ensure_ascii=False,
    )


def create_invitation(
    db: Session,
    session: UserSession,
    draft: InvitationDraft,
    now: datetime,
    *,
    public_origin: str,
    page_language: str | None = None,
    new_id: Callable[[], uuid.UUID] = uuid.uuid4,
) -> CreatedInvitation:
    """ "Terminer l'invitation": only the company's GAP or role administrators; an e-mail to
    each person named, in their account's language, or else the inviting page's."""
    require_role_manager(db, session, parse_company_number(draft.company_number), now)
    draft = checked_draft(draft, on=today(now))
    assert draft.expires_on is not None  # filled in by check_details
    invitation = RoleInvitation(
        id=str(new_id()),
        company_number=draft.company_number,
        created_by=session.national_number,
        valid_from=draft.valid_from,
        valid_until=draft.valid_until,
        message=draft.message,
        expires_on=draft.expires_on,
        created_at=now,
    )
    db.add(invitation)
    db.flush()  # the rows below point at it
    db.add_all(
        RoleInvitationRole(invitation_id=invitation.id, role_code=c) for c in draft.role_codes
    )
    db.add_all(
        RoleInvitationInvitee(
            invitation_id=invitation.id, surname=p.surname, first_names=p.first_names, email=p.email
        )
        for p in draft.persons
    )
    if draft.save_as is not None:
        db.add(
            RoleInvitationTemplate(
                owner=session.national_number,
                name=draft.save_as.name,
                description=draft.save_as.description,
                content=template_content(draft),
                created_at=now,
            )
        )
    link = acceptance_link(public_origin, invitation.id)
    company = db.get(Company, draft.company_number)
    assert company is not None  # it has a GAP, so it was registered
    for person in draft.persons:
        mail_invitation(
            db, invitation, person.email, company, now, public_origin, session, page_language
        )
    db.flush()
    return CreatedInvitation(id=invitation.id, link=link)


def mail_invitation(
    db: Session,
    invitation: RoleInvitation,
    to: str,
    company: Company,
    now: datetime,
    public_origin: str,
    inviter: UserSession,
    page_language: str | None,
) -> None:
    """The seed's invitation e-mail, with the acceptance link; sent again by "Renvoyer". The
    invitee has no account yet, as a rule: the mail is in the language of the inviting page
    (``page_language``; the inviter's own when no page says), unless an account has the
    invitee's address, whose language wins."""
    language = recipient_language(db, address=to, page_language=page_language, actor=inviter)
    enqueue(
        db,
        mails.invitation(
            to=to,
            language=language,
            company=company.name,
            message=invitation.message,
            accept_url=acceptance_link(public_origin, invitation.id),
            assignments_url=f"{public_origin}{routes.MY_ROLE_ASSIGNMENTS}",
        ),
        now=now,
    )


def managed_invitation(
    db: Session, session: UserSession, invitation_id: str, now: datetime
) -> RoleInvitation:
    """The invitation, for its company's GAP or role administrators only."""
    invitation = db.get(RoleInvitation, invitation_id)
    if invitation is None:
        raise errors.InvitationUnknownError(invitation_id)
    require_role_manager(db, session, invitation.company_number, now)
    return invitation


def invitees_of(db: Session, invitation_id: str) -> list[RoleInvitationInvitee]:
    """The persons named, in the order the GAP typed them."""
    return list(
        db.exec(
            select(RoleInvitationInvitee)
            .where(RoleInvitationInvitee.invitation_id == invitation_id)
            .order_by(col(RoleInvitationInvitee.id))
        ).all()
    )


def revoke_invitation(db: Session, session: UserSession, invitation_id: str, now: datetime) -> None:
    """Withdraws the link: no one can accept it any more, and its open requests cannot be
    approved (only rejected)."""
    managed_invitation(db, session, invitation_id, now)
    db.exec(
        update(RoleInvitation)
        .where(col(RoleInvitation.id) == invitation_id, col(RoleInvitation.revoked_at).is_(None))
        .values(revoked_at=now)
    )
