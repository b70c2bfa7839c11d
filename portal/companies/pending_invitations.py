""" "Gestion des invitations": the invitations of a company sent but not yet accepted, each with
"Renvoyer" (the seed's e-mail again, to the named persons who have not accepted) and "Retirer"
(``invitations.revoke_invitation``: the link stops working at once). For the company's GAP and
role administrators.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from foundation.models.companies import (
    Company,
    RoleInvitation,
    RoleInvitationRole,
)
from foundation.models.session import UserSession
from portal.companies import assignment_errors, errors
from portal.companies.access import require_role_manager
from portal.companies.company_number import parse_company_number
from portal.companies.dates import today
from portal.companies.decisions import role_label
from portal.companies.invitations import (
    acceptance_link,
    invitees_of,
    mail_invitation,
    managed_invitation,
)


@dataclass(frozen=True, slots=True)
class Invited:
    surname: str
    first_names: str
    email: str
    accepted: bool


@dataclass(frozen=True, slots=True)
class PendingInvitation:
    id: str
    link: str
    roles: tuple[str, ...]  # labels, "Rédacteur de dossiers"
    valid_from: date
    valid_until: date | None  # None: "Illimité"
    created_at: datetime
    expires_on: date  # "Date d'échéance de l'invitation"
    invited: tuple[Invited, ...]  # none: an open link, accepted by whoever has it


def pending_invitations(
    db: Session, session: UserSession, company_number: str, now: datetime, *, public_origin: str
) -> list[PendingInvitation]:
    """Newest first: not withdrawn, not past their expiry date, and (for a link with named
    persons) not accepted by all of them yet."""
    number = parse_company_number(company_number)
    require_role_manager(db, session, number, now)
    found = db.exec(
        select(RoleInvitation)
        .where(
            RoleInvitation.company_number == number,
            col(RoleInvitation.revoked_at).is_(None),
            col(RoleInvitation.expires_on) >= today(now),
        )
        .order_by(col(RoleInvitation.created_at).desc(), col(RoleInvitation.id))
    ).all()
    pending = []
    for invitation in found:
        invited = invitees_of(db, invitation.id)
        if invited and all(i.accepted_by is not None for i in invited):
            continue
        codes = db.exec(
            select(RoleInvitationRole.role_code).where(
                RoleInvitationRole.invitation_id == invitation.id
            )
        ).all()
        pending.append(
            PendingInvitation(
                id=invitation.id,
                link=acceptance_link(public_origin, invitation.id),
                roles=tuple(sorted(role_label(c) for c in codes)),
                valid_from=invitation.valid_from,
                valid_until=invitation.valid_until,
                created_at=invitation.created_at,
                expires_on=invitation.expires_on,
                invited=tuple(
                    Invited(i.surname, i.first_names, i.email, i.accepted_by is not None)
                    for i in invited
                ),
            )
        )
    return pending


def resend_invitation(
    db: Session,
    session: UserSession,
    invitation_id: str,
    now: datetime,
    *,
    public_origin: str,
    page_language: str | None = None,
) -> int:
    """ "Renvoyer": the invitation's e-mail again to each named person who has not accepted;
    returns how many. Refused for a withdrawn or expired invitation, and when no one is left."""
    invitation = managed_invitation(db, session, invitation_id, now)
    if invitation.revoked_at is not None:
        raise errors.InvitationRevokedError(invitation_id)
    if today(now) > invitation.expires_on:
        raise errors.InvitationExpiredError(invitation_id)
    waiting = [i for i in invitees_of(db, invitation_id) if i.accepted_by is None]
    if not waiting:
        raise assignment_errors.NobodyToRemindError(invitation_id)
    company = db.get(Company, invitation.company_number)
    assert company is not None  # a foreign key
    for person in waiting:
        mail_invitation(
            db, invitation, person.email, company, now, public_origin, session, page_language
        )
    return len(waiting)
