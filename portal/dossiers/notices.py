"""Who hears of a dossier's steps, and how: a line in the space's Mes documents or Mes
notifications, and e-mails to the person and to the company space's contact address when the
space asked for them ("Gérer l'espace")."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from foundation.contacts import find_account
from foundation.models.dossiers import CompanySpace, Dossier, PersonalItem

DOCUMENT = "document"
NOTIFICATION = "notification"


def recipients(db: Session, dossier: Dossier, person: str, *, setting: str) -> list[str]:
    """``person``'s account address, and the space's contact address if ``setting`` is on."""
    found: list[str] = []
    account = find_account(db, person)
    if account is not None and account.email:
        found.append(account.email)
    space = db.get(CompanySpace, dossier.company_number) if dossier.company_number else None
    asked = space is not None and getattr(space, setting) and space.contact_email
    if space is not None and asked and space.contact_email not in found:
        found.append(space.contact_email)
    return found


def add_item(
    db: Session,
    dossier: Dossier,
    kind: str,
    title: str,
    now: datetime,
    *,
    attachment_id: int | None = None,
) -> None:
    """A line in the dossier's space: the holder's own, or the company's for everyone in it."""
    db.add(
        PersonalItem(
            national_number=dossier.national_number,
            space=dossier.space,
            company_number=dossier.company_number,
            kind=kind,
            title=title,
            created_at=now,
            dossier_id=dossier.id,
            attachment_id=attachment_id,
        )
    )
