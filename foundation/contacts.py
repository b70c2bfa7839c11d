"""A person's account row, read by national number: the name, address and language every e-mail
needs.

It sits at the bottom so that the identity layer can write to a person (key added, token card)
without depending on the portal's account rules, which build on it.
"""

from __future__ import annotations

from sqlalchemy import bindparam, func
from sqlmodel import Session, col, select

from foundation.models.account import Account
from foundation.models.paper_token import RegisteredPerson

# Built once: every login reads the account (see identity.keys.conditional_update).
ACCOUNT_OF_PERSON = select(Account).where(
    col(Account.national_number) == bindparam("national_number")
)


def find_account(db: Session, national_number: str) -> Account | None:
    return db.exec(ACCOUNT_OF_PERSON, params={"national_number": national_number}).first()


def full_name(account: Account) -> str:
    return f"{account.first_names} {account.surname}"


def language_of(db: Session, national_number: str) -> str | None:
    """The language the person reads the portal in: their account's, or, for a person registered
    at an office who has no account yet, the one chosen at activation; None for someone the
    portal does not know (``foundation.mail_templates.mail_language`` then takes the next
    choice)."""
    account = find_account(db, national_number)
    if account is not None:
        return account.language
    return db.exec(
        select(RegisteredPerson.language).where(RegisteredPerson.bis_number == national_number)
    ).first()


def language_of_address(db: Session, address: str) -> str | None:
    """The language of the account that has this e-mail address (someone named by their address
    only, such as a person invited by a company); None when no account has it."""
    return db.exec(
        select(Account.language)
        .where(func.lower(Account.email) == address.strip().lower())
        .order_by(col(Account.id))
    ).first()
