"""The last step of every login, whatever the key: a session, its ticket, and where to go next."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote

from sqlmodel import Session

from foundation import routes
from identity.assurance import LevelOfAssurance
from identity.sessions import LoginIdentity, open_session
from portal.accounts.routing import home_for
from portal.accounts.service import find_account


def complete_login(
    db: Session,
    *,
    identity: LoginIdentity,
    key_kind: str,
    level: LevelOfAssurance,
    now: datetime,
    photo_jpeg: bytes | None = None,
    next_path: str | None = None,
) -> str:
    """Opens the session and returns the URL the browser must load to receive its cookie."""
    _, ticket = open_session(
        db, identity=identity, key_kind=key_kind, level=level, now=now, photo_jpeg=photo_jpeg
    )
    destination = next_path or home_for(find_account(db, identity.national_number))
    return f"{routes.SESSION_START}?ticket={quote(ticket)}&suite={quote(destination)}"
