"""'Nom d'utilisateur et/ou mot de passe oublié(s)?' (seed 004 §2e/§2f, #18).

Whoever forgot them proves who they are with a key that does not need them: the eID card or
itsme, a few minutes ago (``require_recent_strong_login``). Then they see their username and
choose a new password; the password rules are those of any password (``identity.password``),
every other session of the person ends (whoever knew the old password is out) and the person is
told by e-mail. Without an eID or itsme (a paper token's holder, a person living abroad) only a
registration office can check who they are: the page says so.

Each call is one unit of work that starts with the visit's check (a live session, an active
account); the strong login is checked by ``set_own_credentials`` itself, so a forged websocket
event from a weaker session changes nothing.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime

from sqlalchemy.engine import Engine

from foundation.models.account import AccountStatus
from identity.keys.errors import DigitalKeyError
from identity.password import set_own_credentials, username_of
from identity.password.hashing import DEFAULT_HASHER_SETTINGS, PasswordHasherSettings
from identity.sessions import is_recent_strong_login, require_recent_strong_login
from portal.levels import Gate
from portal.visits import NotLoggedInError, entered

ACTIVE = (AccountStatus.ACTIVE,)


class NoCredentialsError(DigitalKeyError):
    """The person has no username + password to recover: they create them in Mes clés."""


@dataclasses.dataclass(frozen=True)
class Recovery:
    """What the page may show: ``strong`` (a recent eID or itsme login) opens the form;
    ``username`` is "" unless strong, and when the person has none yet."""

    logged_in: bool
    strong: bool
    username: str


NOBODY = Recovery(logged_in=False, strong=False, username="")


def open_recovery(session_id: str | None, *, now: datetime, bind: Engine | None = None) -> Recovery:
    """The page is public: without a session it explains how to recover. A person whose account
    needs something first is sent there (``NotHereError``)."""
    try:
        with entered(session_id, now=now, accepted=ACTIVE, needs=Gate.MY_KEYS, bind=bind) as inside:
            if not is_recent_strong_login(inside.session_row, now=now):
                return Recovery(logged_in=True, strong=False, username="")
            username = username_of(inside.db, inside.session_row.national_number) or ""
    except NotLoggedInError:
        return NOBODY
    return Recovery(logged_in=True, strong=True, username=username)


def set_new_password(
    session_id: str | None,
    *,
    password: str,
    now: datetime,
    settings: PasswordHasherSettings = DEFAULT_HASHER_SETTINGS,
    bind: Engine | None = None,
) -> str:
    """The new password under the username the person has; returns that username.
    ``StrongLoginRequiredError`` without a recent eID or itsme login, ``NoCredentialsError`` for
    a person without a username yet, the password rules' errors for a weak one."""
    with entered(session_id, now=now, accepted=ACTIVE, needs=Gate.MY_KEYS, bind=bind) as inside:
        row = inside.session_row
        national_number = require_recent_strong_login(row, now=now)
        username = username_of(inside.db, national_number)
        if username is None:
            raise NoCredentialsError(national_number)
        set_own_credentials(
            inside.db,
            session=row,
            username=username,
            password=password,
            now=now,
            settings=settings,
        )
    return username
