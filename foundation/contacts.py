"""A person's account row, read by national number: the name and address every e-mail needs.

It sits at the bottom so that the identity layer can write to a person (key added, token card)
without depending on the portal's account rules, which build on it.
"""

from __future__ import annotations

from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from foundation.models.account import Account

# Built once: every login reads the account (see identity.keys.conditional_update).
ACCOUNT_OF_PERSON = select(Account).where(
    col(Account.national_number) == bindparam("national_number")
)


def find_account(db: Session, national_number: str) -> Account | None:
    return db.exec(ACCOUNT_OF_PERSON, params={"national_number": national_number}).first()


def full_name(account: Account) -> str:
    return f"{account.first_names} {account.surname}"
