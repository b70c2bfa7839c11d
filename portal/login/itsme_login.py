"""itsme login, as its page runs it: ``start_itsme_login`` when the person sends their number
(the push throttle, then the authorization request to itsme, kept server-side by the page), and
``finish_itsme_login`` when itsme sends the browser back to ``routes.ITSME_RETURN`` (the answer
checked by ``identity.itsme``, the session opened by the one completion of every login).

The login is bound to the browser that started it twice over: what the page keeps lives in this
tab's server-side state only, and it carries the binding of the browser's pre-login cookie,
which must be the same on the way back (and again when the ticket is traded for the cookie).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.engine import Engine

from foundation.db import session_scope
from identity.browser_binding import OtherBrowserError, require_binding, same_browser
from identity.itsme import (
    ItsmeClient,
    ItsmePushesThrottledError,
    ItsmeStateMismatchError,
    PendingAuthorization,
)
from identity.keys.kinds import KeyKind
from identity.registry import default_registry
from identity.sms_code.phone import normalise_mobile
from identity.throttling import Limit, take, throttle_store
from portal.login.completion import complete_login
from portal.login.providers import itsme_relying_party

# Pushes the portal asks itsme to send to one number (push bombing): counted for any number,
# itsme's or not, so the answer says nothing about who has an account.
PUSHES_PER_PHONE = Limit("itsme.push.phone", events=5, window=timedelta(minutes=15))
BINDING_KEY = "browser_binding"


@dataclass(frozen=True, slots=True)
class ItsmeStart:
    url: str  # itsme's identification page, for this login
    kept: dict[str, str]  # what the page keeps on the server (never sent to the browser)


def start_itsme_login(
    phone: str,
    *,
    now: datetime,
    language: str,
    browser_binding: str | None,
    client: ItsmeClient | None = None,
    bind: Engine | None = None,
) -> ItsmeStart:
    """Raises ``CookiesRequiredError`` (no pre-login cookie), ``InvalidMobileNumberError`` (not
    a Belgian mobile), ``ItsmePushesThrottledError`` or ``ItsmeUnavailableError``."""
    binding = require_binding(browser_binding)
    number = normalise_mobile(phone)
    with session_scope(bind) as db:
        take(
            throttle_store(db),
            PUSHES_PER_PHONE,
            subject=number,
            now=now,
            error=ItsmePushesThrottledError,
        )
    url, pending = (client or itsme_relying_party()).begin(phone=number, language=language, now=now)
    return ItsmeStart(url, {**pending.to_dict(), BINDING_KEY: binding})


def finish_itsme_login(
    kept: Mapping[str, str],
    answer: Mapping[str, str],
    *,
    now: datetime,
    browser_binding: str | None,
    user_agent: str | None = None,
    client: ItsmeClient | None = None,
    bind: Engine | None = None,
) -> str:
    """The URL that hands the browser its session cookie. Raises ``ItsmeStateMismatchError`` when
    no itsme login was started here, ``OtherBrowserError`` when another browser started it, and
    the errors of ``identity.itsme`` (cancelled, refused, expired, invalid token, unavailable)."""
    pending = PendingAuthorization.from_dict(dict(kept))
    if pending is None:
        raise ItsmeStateMismatchError("no itsme login was started in this tab")
    if not same_browser(kept.get(BINDING_KEY), browser_binding):
        raise OtherBrowserError("the itsme login was started by another browser")
    found = (client or itsme_relying_party()).finish(pending, answer, now=now)
    level = default_registry().get(KeyKind.ITSME).descriptor.level
    with session_scope(bind) as db:
        return complete_login(
            db,
            identity=found.identity,
            key_kind=KeyKind.ITSME,
            level=level,
            now=now,
            browser_binding=browser_binding,
            user_agent=user_agent,
        )
