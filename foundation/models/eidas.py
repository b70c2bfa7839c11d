"""European (eIDAS) login: the logins under way and their outcomes, the assertions already used,
and the European persons known by their eIDAS identifier.

The node's answer comes back by a cross-site POST, on which the browser sends none of the
portal's cookies: the answer is checked there and its outcome kept in ``eidas_login`` under a
one-time ticket (hashed), which the browser then trades on a page of the portal, where its
pre-login cookie is sent again and must match the binding the login started with."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import DateTime
from sqlmodel import Field, SQLModel


class EidasLogin(SQLModel, table=True):
    __tablename__ = "eidas_login"

    # Random; sent to the node as the RelayState, which brings it back with the answer.
    id: str = Field(primary_key=True, max_length=64)
    request_id: str = Field(max_length=64, unique=True)
    browser_binding: str = Field(max_length=64)
    country: str = Field(max_length=2)
    level: int  # the minimum level asked (identity.assurance.LevelOfAssurance)
    created_at: datetime = Field(sa_type=DateTime(timezone=True))
    expires_at: datetime = Field(sa_type=DateTime(timezone=True), index=True)
    # Set when the node's answer has been checked: the ticket's SHA-256 and the outcome, an
    # identity or the name of the error (identity.eidas.errors) with its detail.
    ticket_hash: str | None = Field(default=None, max_length=64, unique=True)
    answered_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    error: str | None = Field(default=None, max_length=64)
    error_detail: str | None = Field(default=None, max_length=200)
    person_identifier: str | None = Field(default=None, max_length=300)
    family_name: str | None = Field(default=None, max_length=200)
    given_name: str | None = Field(default=None, max_length=200)
    birth_date: date | None = None
    asserted_level: int | None = None
    finished_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))


class EidasAssertion(SQLModel, table=True):
    """An assertion already used for a login, kept until it expires: a copy is refused."""

    __tablename__ = "eidas_assertion"

    assertion_id: str = Field(primary_key=True, max_length=256)
    expires_at: datetime = Field(sa_type=DateTime(timezone=True), index=True)


class EuropeanPerson(SQLModel, table=True):
    """A person who logs in with another EU country's eID, known by the eIDAS PersonIdentifier,
    with the BIS number made for them at their first login (they have no national number)."""

    __tablename__ = "european_person"

    id: int | None = Field(default=None, primary_key=True)
    person_identifier: str = Field(max_length=300, unique=True, index=True)
    register_number: str = Field(max_length=11, unique=True, index=True)
    country: str = Field(max_length=2)
    family_name: str = Field(max_length=200)
    given_name: str = Field(max_length=200)
    birth_date: date
    created_at: datetime = Field(sa_type=DateTime(timezone=True))
