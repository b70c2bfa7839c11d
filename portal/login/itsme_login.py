"""itsme login, as its page runs it: ``send_itsme_request`` (the request to the phone), then
``check_itsme_request`` every second until the phone answers; an approval opens the session by
the one completion of every login."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.engine import Engine

from foundation.db import session_scope
from identity import itsme
from identity.itsme.client import ItsmeClient
from identity.keys.kinds import KeyKind
from identity.registry import default_registry
from portal.login.completion import complete_login
from portal.login.providers import itsme_client


def send_itsme_request(
    phone: str, *, now: datetime, client: ItsmeClient | None = None
) -> itsme.ItsmeRequest:
    """Raises ``InvalidMobileNumberError``, ``ItsmeUnknownNumberError`` or
    ``ItsmeUnavailableError``."""
    return itsme.start(client or itsme_client(), phone, now=now)


def check_itsme_request(
    request: itsme.ItsmeRequest,
    *,
    now: datetime,
    browser_binding: str | None,
    user_agent: str | None = None,
    client: ItsmeClient | None = None,
    bind: Engine | None = None,
) -> itsme.ItsmePending | str:
    """Still pending (with the seconds left), or, once approved, the URL that hands the browser
    its session cookie. A refusal or the end of the time raises (``identity.itsme.errors``)."""
    outcome = itsme.poll(client or itsme_client(), request, now=now)
    if isinstance(outcome, itsme.ItsmePending):
        return outcome
    level = default_registry().get(KeyKind.ITSME).descriptor.level
    with session_scope(bind) as db:
        return complete_login(
            db,
            identity=outcome.identity,
            key_kind=KeyKind.ITSME,
            level=level,
            now=now,
            browser_binding=browser_binding,
            user_agent=user_agent,
        )
