"""The invitee's side (seed 000): the overview a link shows, then "Accepter la demande
d'attribution de rôle", which files one request per role for the GAP to approve.

Who may accept. A link without named persons: anyone who has it, once, until it expires. A link
with named persons: once per named person, and the person identified with the eID card must be
one of them: the e-mail address given at "Étape 2: Coordonnées" must be a named person's
(ignoring case), AND the surname read from the card must be that person's surname (ignoring case,
accents, spaces and hyphens; a named surname that is one part of a compound one, "Dupont" for
"Dupont-Durand", matches too). The address alone is typed, so anyone holding a forwarded link
could give it; the surname comes from the card. The first name is not compared: the GAP types
"Naima" for "Naïma Samira", nicknames, initials.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select, update

from foundation import routes
from foundation.mail_outbox import enqueue
from foundation.models.companies import (
    AssignmentStatus,
    Company,
    RoleAssignment,
    RoleInvitation,
    RoleInvitationInvitee,
    RoleInvitationRole,
)
from foundation.models.session import UserSession
from portal.companies import errors, history, mails
from portal.companies.access import caller_name, current_gap, require_high_assurance
from portal.companies.checks import checked_email
from portal.companies.dates import today
from portal.companies.invitations import invitees_of
from portal.companies.mail_language import recipient_language
from portal.companies.people import Person, assignments_for
from portal.companies.roles import Role, find_role


@dataclass(frozen=True, slots=True)
class InvitationOverview:
    """ "Étape 1: Aperçu": what the link offers, readable before logging in."""

    id: str
    company_number: str
    company_name: str
    roles: tuple[Role, ...]
    valid_from: date
    valid_until: date | None
    message: str  # "" reads "(Aucun message ajouté)"
    expires_on: date
    for_named_persons: bool


def _open_invitation(db: Session, invitation_id: str, now: datetime) -> RoleInvitation:
    """The invitation, refused if unknown, withdrawn or past its expiry date."""
    try:
        key = str(uuid.UUID(invitation_id.strip()))
    except ValueError:
        raise errors.InvitationUnknownError(invitation_id) from None
    invitation = db.get(RoleInvitation, key)
    if invitation is None:
        raise errors.InvitationUnknownError(key)
    if invitation.revoked_at is not None:
        raise errors.InvitationRevokedError(key)
    if today(now) > invitation.expires_on:
        raise errors.InvitationExpiredError(key)
    return invitation


def _role_codes(db: Session, invitation_id: str) -> list[str]:
    return sorted(
        db.exec(
            select(RoleInvitationRole.role_code).where(
                RoleInvitationRole.invitation_id == invitation_id
            )
        ).all()
    )


def invitation_overview(db: Session, invitation_id: str, now: datetime) -> InvitationOverview:
    """Raises ``InvitationUnknownError``, ``InvitationRevokedError``, ``InvitationExpiredError``,
    or ``InvitationUsedUpError`` once every named person has accepted."""
    invitation = _open_invitation(db, invitation_id, now)
    invitees = invitees_of(db, invitation.id)
    if invitees and all(i.accepted_by is not None for i in invitees):
        raise errors.InvitationUsedUpError(invitation.id)
    company = db.get(Company, invitation.company_number)
    assert company is not None  # a foreign key
    return InvitationOverview(
        id=invitation.id,
        company_number=company.number,
        company_name=company.name,
        roles=tuple(r for c in _role_codes(db, invitation.id) if (r := find_role(c)) is not None),
        valid_from=invitation.valid_from,
        valid_until=invitation.valid_until,
        message=invitation.message,
        expires_on=invitation.expires_on,
        for_named_persons=bool(invitees),
    )


def _folded(name: str) -> str:
    # Ligatures do not decompose: "Ducœur" on one side, "Ducoeur" typed on the other.
    decomposed = unicodedata.normalize(
        "NFKD", name.casefold().replace("œ", "oe").replace("æ", "ae")
    )
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


def surname_matches(named: str, on_card: str) -> bool:
    wanted = _folded(named)
    parts = {_folded(p) for p in re.split(r"[\s\-]+", on_card)}
    return bool(wanted) and (wanted == _folded(on_card) or wanted in parts)


def _claim_named_place(
    db: Session, session: UserSession, invitation: RoleInvitation, email: str, now: datetime
) -> bool:
    """For a link with named persons, takes the matching person's place; False if it has none."""
    invitees = invitees_of(db, invitation.id)
    if not invitees:
        return False
    matching = [
        i
        for i in invitees
        if i.email.casefold() == email.casefold() and surname_matches(i.surname, session.surname)
    ]
    if not matching:
        raise errors.NotInvitedError(email)
    # Conditional: of two acceptances at once for the same place, one gets it.
    for invitee in matching:
        result = db.exec(
            update(RoleInvitationInvitee)
            .where(
                col(RoleInvitationInvitee.id) == invitee.id,
                col(RoleInvitationInvitee.accepted_by).is_(None),
            )
            .values(accepted_by=session.national_number, accepted_at=now)
        )
        if result.rowcount == 1:
            return True
    raise errors.InvitationAlreadyAcceptedError(invitation.id)


def _already_accepted(db: Session, invitation_id: str, national_number: str) -> bool:
    return (
        db.exec(
            select(RoleAssignment.id).where(
                RoleAssignment.invitation_id == invitation_id,
                RoleAssignment.national_number == national_number,
            )
        ).first()
        is not None
    )


def accept(
    db: Session,
    session: UserSession,
    invitation_id: str,
    email: str,
    now: datetime,
    *,
    public_origin: str,
) -> list[RoleAssignment]:
    """One REQUESTED assignment per role of the invitation, "Demandé(e)" in each history, and an
    e-mail to the company's GAP. Refused if the invitation cannot be opened, if this person has
    already accepted it, or if it names other people."""
    require_high_assurance(session, now)
    email = checked_email(email)
    invitation = _open_invitation(db, invitation_id, now)
    if _already_accepted(db, invitation.id, session.national_number):
        raise errors.InvitationAlreadyAcceptedError(invitation.id)
    _claim_named_place(db, session, invitation, email, now)
    assignments = assignments_for(
        (Person(session.national_number, session.surname, session.first_names, email),),
        tuple(_role_codes(db, invitation.id)),
        company_number=invitation.company_number,
        starts_on=invitation.valid_from,
        ends_on=invitation.valid_until,
        status=AssignmentStatus.REQUESTED,
        now=now,
        invitation_id=invitation.id,
    )
    db.add_all(assignments)
    accepted = invitation.id  # read now: a failed flush expires the session's rows
    try:
        db.flush()
    except IntegrityError:  # the same person accepting in two tabs at once
        raise errors.InvitationAlreadyAcceptedError(accepted) from None
    for assignment in assignments:
        assert assignment.id is not None
        history.record(db, assignment.id, history.REQUESTED, by=session, at=now)
    _tell_the_gap(db, session, invitation, assignments, now, public_origin)
    return assignments


def _tell_the_gap(
    db: Session,
    session: UserSession,
    invitation: RoleInvitation,
    assignments: list[RoleAssignment],
    now: datetime,
    public_origin: str,
) -> None:
    gap = current_gap(db, invitation.company_number)
    company = db.get(Company, invitation.company_number)
    if gap is None or company is None:
        return  # no one to approve until a GAP is designated; the request waits
    enqueue(
        db,
        mails.request_to_evaluate(
            to=gap.email,
            language=recipient_language(db, national_number=gap.national_number, actor=session),
            person=caller_name(session),
            roles=[r.label for a in assignments if (r := find_role(a.role_code)) is not None],
            company=company.name,
            tasks_url=f"{public_origin}{routes.ROLE_OPEN_TASKS}",
        ),
        now=now,
    )
