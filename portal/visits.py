"""A visit: who is on a page at this moment, read from the session the browser's cookie names.

Every page and action that needs a login starts here. A session that is unknown, revoked, or
expired (idle or absolute) is refused with ``NotLoggedInError``; a person whose account is not in
a state the page serves is refused with ``NotHereError``, which names the page they belong on;
a session whose key is below the level the page's gate needs (``portal.levels``) is refused with
``LevelTooLowError``, which the page turns into the step-up.
The check runs in the unit of work that acts (``entered``, ``enter``), so an action cannot slip
between the check and the change; what leaves the unit of work is a ``Visit`` of plain values.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session

from foundation import routes
from foundation.db import session_scope
from foundation.models.account import Account, AccountStatus
from foundation.models.session import UserSession
from identity.assurance import LevelOfAssurance
from identity.sessions import (
    LoginIdentity,
    current_session,
    is_recent_strong_login,
    login_identity,
    revoke,
)
from portal.accounts.deletion import WITHDRAWAL_PERIOD
from portal.accounts.routing import home_for, status_of
from portal.accounts.service import find_account
from portal.levels import Gate, require_level

# The statuses a page serves; None stands for "no account yet" (the account form).
Accepted = Collection[AccountStatus | None]
ANY_ACCOUNT: tuple[AccountStatus | None, ...] = (None, *AccountStatus)


class VisitRefusedError(Exception):
    """The page is not for this browser now; the subclass says where it goes instead."""


class NotLoggedInError(VisitRefusedError):
    """No live session: never logged in, logged out, revoked, or expired."""

    home = routes.KEY_CHOOSER


class NotHereError(VisitRefusedError):
    """Logged in, but this page is not for an account in this state (or for this person)."""

    def __init__(self, home: str) -> None:
        self.home = home
        super().__init__(f"this page is not for this visitor: their page is {home}")


@dataclass(frozen=True, slots=True)
class AccountValues:
    status: AccountStatus
    surname: str
    first_names: str
    email: str
    pending_email: str  # "" when no change waits for its confirmation
    teaching_email: str
    teaching_email_pending: str
    withdraw_until: datetime | None  # the end of the 30 days to change one's mind


@dataclass(frozen=True, slots=True)
class Visit:
    session_id: str
    identity: LoginIdentity  # as the login key gave it
    key_kind: str
    level: LevelOfAssurance
    strong_login: bool  # a high-level login recent enough for sensitive actions, at the visit
    photo_jpeg_b64: str | None
    account: AccountValues | None

    @property
    def national_number(self) -> str:
        return self.identity.national_number

    @property
    def short_name(self) -> str:
        """The name the header's user menu shows: first given name and surname."""
        return f"{self.identity.first_names.split(' ')[0]} {self.identity.surname}"


@dataclass(frozen=True, slots=True)
class Entered:
    """Inside a unit of work: the rows a service acts on, and their plain values."""

    db: Session
    session_row: UserSession
    account: Account | None
    visit: Visit

    @property
    def known_account(self) -> Account:
        """The account, for pages that serve no first login (their ``accepted`` leaves out None)."""
        if self.account is None:
            raise NotHereError(home_for(None))
        return self.account


def enter(
    db: Session,
    session_id: str | None,
    *,
    now: datetime,
    accepted: Accepted,
    needs: Gate | None = None,
) -> Entered:
    """The live session and the account, in the caller's unit of work; refuses as above.

    ``needs`` is the row of ``portal.levels`` the page or action stands for; None where the
    service checks its level itself (dossier permissions, role management) or serves any."""
    row = current_session(db, session_id, now=now) if session_id else None
    if row is None:
        raise NotLoggedInError("no live session")
    account = find_account(db, row.national_number)
    if status_of(account) not in accepted:
        raise NotHereError(home_for(account))
    if needs is not None:
        require_level(LevelOfAssurance(row.level), needs)
    return Entered(db, row, account, _visit_of(row, account, now))


@contextmanager
def entered(
    session_id: str | None,
    *,
    now: datetime,
    accepted: Accepted,
    needs: Gate | None = None,
    bind: Engine | None = None,
) -> Iterator[Entered]:
    """One unit of work that starts with the visit's check: a refusal changes nothing."""
    with session_scope(bind) as db:
        yield enter(db, session_id, now=now, accepted=accepted, needs=needs)


def visit(
    session_id: str | None,
    *,
    now: datetime,
    accepted: Accepted,
    needs: Gate | None = None,
    bind: Engine | None = None,
) -> Visit:
    """The visit, in a unit of work of its own (the session's idle clock is reset)."""
    with entered(session_id, now=now, accepted=accepted, needs=needs, bind=bind) as inside:
        return inside.visit


def visitor(session_id: str | None, *, now: datetime, bind: Engine | None = None) -> Visit | None:
    """Who is logged in whatever their account's state, or None (the header's user menu)."""
    try:
        return visit(session_id, now=now, accepted=ANY_ACCOUNT, bind=bind)
    except NotLoggedInError:
        return None


def leave(session_id: str | None, *, now: datetime, bind: Engine | None = None) -> None:
    """Logout: the session ends at once, for every tab that holds it."""
    if session_id:
        with session_scope(bind) as db:
            revoke(db, session_id, now=now)


def _visit_of(row: UserSession, account: Account | None, now: datetime) -> Visit:
    return Visit(
        session_id=row.id,
        identity=login_identity(row),
        key_kind=row.key_kind,
        level=LevelOfAssurance(row.level),
        strong_login=is_recent_strong_login(row, now=now),
        photo_jpeg_b64=row.photo_jpeg_b64,
        account=None if account is None else _account_values(account),
    )


def _account_values(account: Account) -> AccountValues:
    requested = account.deletion_requested_at
    return AccountValues(
        status=AccountStatus(account.status),
        surname=account.surname,
        first_names=account.first_names,
        email=account.email,
        pending_email=account.pending_email or "",
        teaching_email=account.teaching_email or "",
        teaching_email_pending=account.teaching_email_pending or "",
        withdraw_until=None if requested is None else requested + WITHDRAWAL_PERIOD,
    )
