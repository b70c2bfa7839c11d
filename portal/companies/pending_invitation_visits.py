"""The units of work of "Gestion des invitations", its invitations sent and not accepted yet:
the list for every company the person manages, "Renvoyer" and "Retirer".

Each starts with the visit's check; ``pending_invitations`` and ``invitations.revoke_invitation``
check that the caller is the company's GAP or one of its role administrators, with the eID, so a
forged event about another company's invitation is refused there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session

from foundation.models.session import UserSession
from portal.companies.access import require_high_assurance
from portal.companies.entry import entered
from portal.companies.gap import companies_managed_by
from portal.companies.invitation_form import shown_day
from portal.companies.invitations import revoke_invitation
from portal.companies.pending_invitations import pending_invitations, resend_invitation


@dataclass(frozen=True, slots=True)
class SentInvitation:
    id: str
    company: str
    roles: str  # "Rédacteur de dossiers, Relecteur de dossiers"
    persons: str  # "Naïma Samira Mremi (nmr@ewbs.be)", "" for an open link
    waiting: int  # named persons who have not accepted: none, "Renvoyer" has no one to write to
    sent_on: str  # 02/03/2026
    expires_on: str


def _listed(
    db: Session, session: UserSession, now: datetime, origin: str
) -> tuple[SentInvitation, ...]:
    require_high_assurance(session, now)
    rows: list[SentInvitation] = []
    for company in companies_managed_by(db, session.national_number):
        for found in pending_invitations(db, session, company.number, now, public_origin=origin):
            rows.append(
                SentInvitation(
                    id=found.id,
                    company=company.name,
                    roles=", ".join(found.roles),
                    persons=", ".join(
                        f"{i.first_names} {i.surname} ({i.email})" for i in found.invited
                    ),
                    waiting=sum(1 for i in found.invited if not i.accepted),
                    sent_on=shown_day(found.created_at.date()),
                    expires_on=shown_day(found.expires_on),
                )
            )
    return tuple(rows)


def open_pending(
    session_id: str | None, *, now: datetime, public_origin: str, bind: Engine | None = None
) -> tuple[SentInvitation, ...]:
    """The invitations not accepted yet of every company the person manages, by company."""
    with entered(session_id, now=now, bind=bind) as inside:
        return _listed(inside.db, inside.session_row, now, public_origin)


def resend(
    session_id: str | None,
    invitation_id: str,
    *,
    now: datetime,
    public_origin: str,
    page_language: str | None = None,
    bind: Engine | None = None,
) -> int:
    """ "Renvoyer": how many persons get the e-mail again (in the page's language for those
    without an account)."""
    with entered(session_id, now=now, bind=bind) as inside:
        return resend_invitation(
            inside.db,
            inside.session_row,
            invitation_id,
            now,
            public_origin=public_origin,
            page_language=page_language,
        )


def revoke(
    session_id: str | None,
    invitation_id: str,
    *,
    now: datetime,
    public_origin: str,
    bind: Engine | None = None,
) -> tuple[SentInvitation, ...]:
    """ "Retirer", once confirmed: the link stops working at once; the list after it."""
    with entered(session_id, now=now, bind=bind) as inside:
        revoke_invitation(inside.db, inside.session_row, invitation_id, now)
        inside.db.flush()
        return _listed(inside.db, inside.session_row, now, public_origin)
