"""eID login, as its page runs it: ``begin_eid_login`` (the reader taken for this browser, a
challenge bound to it, and the card's certificate for the person to confirm), then
``finish_eid_login`` (the PIN, the signature validated by ``identity.eid``, and the session opened
by the one completion of every login), or ``cancel_eid_login``. Each takes the browser's binding
(``identity.browser_binding``): only the browser that began a login can go on with it.

The PIN step is throttled per client address and overall (``identity.throttling``, step
``EID``): counted before the card is asked to sign, given back when the session is open, so
wrong PINs and refused cards count and logins do not. The start refuses an address over its
limit as the PIN step would (before the reader is taken) but counts nothing: the page keeps no
count across its steps, and a start alone tries no secret."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from sqlalchemy.engine import Engine

from foundation.db import session_scope
from identity.eid.login import CertificateToConfirm, EidLoginResult
from identity.keys.kinds import KeyKind
from identity.throttling import (
    Step,
    ThrottledError,
    begin_attempt,
    ensure_allowed,
    throttle_store,
)
from portal.login.completion import complete_login
from portal.login.eid_setup import eid_login


class CardLogin(Protocol):
    """What the page needs of ``identity.eid.login.EidLogin`` (a fake stands in for tests)."""

    def begin(
        self, *, now: datetime, browser_binding: str | None
    ) -> tuple[str, CertificateToConfirm]: ...

    def cancel(self, *, browser_binding: str | None) -> None: ...

    def complete(
        self,
        *,
        nonce: str,
        reader: str,
        confirmed_fingerprint: str,
        pin: str,
        now: datetime,
        browser_binding: str | None,
    ) -> EidLoginResult: ...


def begin_eid_login(
    *,
    now: datetime,
    browser_binding: str | None,
    address: str | None = None,
    card_login: CardLogin | None = None,
    bind: Engine | None = None,
) -> tuple[str, CertificateToConfirm]:
    """The challenge (kept server-side by the page) and the certificate read from the card;
    ``ReaderInUseError`` while another browser's login holds the reader, ``ThrottledError`` when
    ``address`` (the page always gives it) or the portal made too many failed eID logins."""
    if address is not None:
        with session_scope(bind) as db:
            ensure_allowed(throttle_store(db), Step.EID, address=address, now=now)
    return (card_login or eid_login()).begin(now=now, browser_binding=browser_binding)


def cancel_eid_login(*, browser_binding: str | None, card_login: CardLogin | None = None) -> None:
    """Frees the reader this browser's login held."""
    (card_login or eid_login()).cancel(browser_binding=browser_binding)


def finish_eid_login(
    *,
    nonce: str,
    reader: str,
    confirmed_fingerprint: str,
    pin: str,
    now: datetime,
    browser_binding: str | None,
    address: str | None = None,
    user_agent: str | None = None,
    card_login: CardLogin | None = None,
    bind: Engine | None = None,
) -> str:
    """Signs the challenge with the card and opens the session; returns the URL that hands the
    browser its cookie. Raises the card's and the validation's errors (a wrong PIN among them),
    and refuses a browser other than the one that began the login before the PIN is tried
    (``ThrottledError`` too, when ``address`` or the portal made too many failed eID logins)."""
    login = card_login or eid_login()
    with session_scope(bind) as db:
        try:
            attempt = begin_attempt(throttle_store(db), Step.EID, address=address, now=now)
        except ThrottledError:
            # Refused before the card: the reader this browser held is free again at once.
            login.cancel(browser_binding=browser_binding)
            raise
        result = login.complete(
            nonce=nonce,
            reader=reader,
            confirmed_fingerprint=confirmed_fingerprint,
            pin=pin,
            now=now,
            browser_binding=browser_binding,
        )
        url = complete_login(
            db,
            identity=result.identity,
            key_kind=KeyKind.EID,
            level=result.level,
            now=now,
            browser_binding=browser_binding,
            photo_jpeg=result.photo_jpeg,
            user_agent=user_agent,
        )
        attempt.succeeded()
    return url
