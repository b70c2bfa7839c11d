"""Who hears of a dossier's steps, and how: a line in the space's Mes documents or Mes
notifications, and e-mails to the person and to the company space's contact address when the
space asked for them ("Gérer l'espace")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from foundation.contacts import find_account, language_of
from foundation.mail_templates import mail_language
from foundation.models.dossiers import CompanySpace, Dossier, PersonalItem
from portal.dossiers.catalogue import UnknownProcedureError, load_catalogue

DOCUMENT = "document"
NOTIFICATION = "notification"


@dataclass(frozen=True, slots=True)
class Recipient:
    address: str
    language: str
    title: str  # the dossier's démarche, named in that language


def recipients(db: Session, dossier: Dossier, person: str, *, setting: str) -> list[Recipient]:
    """``person``'s account address, and the space's contact address if ``setting`` is on; both
    in ``person``'s language (the contact address is the company's, which has none of its
    own: it reads the mail of the person whose dossier it is)."""
    language = mail_language(language_of(db, person))
    title = title_in(dossier, language)
    found: list[Recipient] = []
    account = find_account(db, person)
    if account is not None and account.email:
        found.append(Recipient(account.email, language, title))
    space = db.get(CompanySpace, dossier.company_number) if dossier.company_number else None
    asked = space is not None and getattr(space, setting) and space.contact_email
    if space is not None and asked and all(r.address != space.contact_email for r in found):
        found.append(Recipient(space.contact_email, language, title))
    return found


def title_in(dossier: Dossier, language: str) -> str:
    """The démarche's title in ``language``; the one the dossier keeps (French) for a dossier
    without a démarche of the catalogue."""
    if dossier.procedure_key is None:
        return dossier.title
    try:
        return load_catalogue().get(dossier.procedure_key).title.in_language(language)
    except UnknownProcedureError:
        return dossier.title


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
