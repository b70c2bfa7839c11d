"""The language of an e-mail of the roles section: the recipient's own (their account's, found
by national number, or for someone named by address only, such as an invitee, the account with
that address), else the language of the page that caused it (the invitation wizard and
"Renvoyer" hand it over), else that of the person whose action it was (their account keeps the
language of their pages), else the portal's default (a job's mail to someone unknown)."""

from __future__ import annotations

from sqlmodel import Session

from foundation.contacts import language_of, language_of_address
from foundation.mail_templates import mail_language
from foundation.models.session import UserSession


def recipient_language(
    db: Session,
    *,
    national_number: str | None = None,
    address: str | None = None,
    page_language: str | None = None,
    actor: UserSession | None = None,
) -> str:
    own = (
        language_of(db, national_number)
        if national_number is not None
        else language_of_address(db, address)
        if address is not None
        else None
    )
    if own is not None:
        return mail_language(own)
    acting = language_of(db, actor.national_number) if actor is not None else None
    return mail_language(page_language, acting)
