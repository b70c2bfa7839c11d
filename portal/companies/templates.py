"""Saved invitations ("Invitations sauvegardées", "gérer les modèles d'invitation"): a template
is its owner's, and reusing it gives a new draft dated from today for the wizard to go through.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session, col, select

from foundation.models.companies import RoleInvitationTemplate
from foundation.models.session import UserSession
from portal.companies import errors
from portal.companies.access import require_high_assurance
from portal.companies.dates import today
from portal.companies.invitations import InvitationDraft, Invitee


def templates_of(db: Session, session: UserSession, now: datetime) -> list[RoleInvitationTemplate]:
    """The caller's templates, newest first."""
    require_high_assurance(session, now)
    return list(
        db.exec(
            select(RoleInvitationTemplate)
            .where(RoleInvitationTemplate.owner == session.national_number)
            .order_by(col(RoleInvitationTemplate.created_at).desc())
        ).all()
    )


def _owned(
    db: Session, session: UserSession, template_id: int, now: datetime
) -> RoleInvitationTemplate:
    require_high_assurance(session, now)
    template = db.get(RoleInvitationTemplate, template_id)
    # Someone else's template reads as missing: its existence is none of the caller's business.
    if template is None or template.owner != session.national_number:
        raise errors.TemplateNotFoundError(str(template_id))
    return template


def draft_from_template(
    db: Session, session: UserSession, template_id: int, now: datetime
) -> InvitationDraft:
    """The template's company, roles, persons and message; valid from today, for as many days
    as the template's validity had (or unlimited), expiring in a year. Creating the invitation
    checks everything again, the GAP included."""
    content: dict[str, Any] = json.loads(_owned(db, session, template_id, now).content)
    start = today(now)
    days = content["validity_days"]
    return InvitationDraft(
        company_number=content["company_number"],
        role_codes=tuple(content["role_codes"]),
        valid_from=start,
        valid_until=None if days is None else start + timedelta(days=int(days)),
        persons=tuple(Invitee(*person) for person in content["persons"]),
        message=content["message"],
    )


def delete_template(db: Session, session: UserSession, template_id: int, now: datetime) -> None:
    db.delete(_owned(db, session, template_id, now))
