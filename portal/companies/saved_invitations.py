"""The units of work of "Gestion des invitations" (seed 001 step 10): the invitations the person
saved for later ("Invitations sauvegardées"), each reusable to start a new one, and their removal.
Like every action of the section, it needs the eID level (``templates``' own check).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session

from foundation.models.companies import Company, RoleInvitationTemplate
from portal import visits
from portal.companies.company_number import format_company_number
from portal.companies.entry import entered
from portal.companies.roles import find_role
from portal.companies.templates import delete_template, templates_of
from portal.visits import Visit


@dataclass(frozen=True, slots=True)
class SavedInvitation:
    id: int
    name: str
    description: str
    company: str
    roles: str  # "Rédacteur de dossiers, Relecteur de dossiers"


@dataclass(frozen=True, slots=True)
class SavedInvitations:
    visit: Visit
    saved: tuple[SavedInvitation, ...]


def _described(db: Session, template: RoleInvitationTemplate) -> SavedInvitation:
    assert template.id is not None  # read from the table
    content = json.loads(template.content)
    number = str(content["company_number"])
    company = db.get(Company, number)
    found = (find_role(str(code)) for code in content["role_codes"])
    return SavedInvitation(
        id=template.id,
        name=template.name,
        description=template.description,
        company=company.name if company is not None else format_company_number(number),
        roles=", ".join(r.label for r in found if r is not None),
    )


def _saved(inside: visits.Entered, now: datetime) -> tuple[SavedInvitation, ...]:
    templates = templates_of(inside.db, inside.session_row, now)
    return tuple(_described(inside.db, template) for template in templates)


def open_saved(
    session_id: str | None, *, now: datetime, bind: Engine | None = None
) -> SavedInvitations:
    """The person's saved invitations, newest first; ``HighAssuranceRequiredError`` below the
    eID level (the page sends the person to the eID login and back)."""
    with entered(session_id, now=now, bind=bind) as inside:
        return SavedInvitations(inside.visit, _saved(inside, now))


def delete_saved(
    session_id: str | None, template_id: int, *, now: datetime, bind: Engine | None = None
) -> tuple[SavedInvitation, ...]:
    """Removes one of the caller's saved invitations (``TemplateNotFoundError`` for another's);
    the list that remains."""
    with entered(session_id, now=now, bind=bind) as inside:
        delete_template(inside.db, inside.session_row, template_id, now)
        inside.db.flush()
        return _saved(inside, now)
