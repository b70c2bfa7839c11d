"""European login (eIDAS), as its pages and the ACS endpoint run it.

1. ``start_eidas_login`` (the country page): the login is written down server-side, bound to the
   browser's pre-login cookie, and the browser is sent to the node with a signed AuthnRequest;
   the login's random id travels as the RelayState.
2. ``receive_eidas_answer`` (the ACS, ``routes.EIDAS_ACS``): the node's answer arrives by a
   cross-site POST, on which the browser sends none of the portal's SameSite cookies, so the
   browser cannot be checked there. The answer is checked against the request the login sent,
   its outcome (an identity or an error) kept with the login under a one-time ticket, and the
   browser sent on to the return page (a top-level GET: its cookies are sent again).
3. ``finish_eidas_login`` (the return page): the ticket is spent, the browser must be the one
   that started the login, and the login completes like every other one, at the level the node
   asserted, for the person the PersonIdentifier maps to (a BIS number at the first login).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import bindparam, delete, update
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from foundation.clock import aware
from foundation.db import session_scope
from foundation.models.eidas import EidasLogin
from identity import eidas
from identity.assurance import LevelOfAssurance
from identity.browser_binding import OtherBrowserError, require_binding, same_browser
from identity.eidas import (
    EidasError,
    EidasMissingAttributeError,
    EidasNoLoginError,
    EidasServiceProvider,
    EidasUnknownCountryError,
    EuropeanIdentity,
    SqlAssertionLedger,
    login_identity,
)
from identity.eidas.authn_request import new_request_id
from identity.keys.conditional_update import conditional_update
from identity.keys.kinds import KeyKind
from portal.login.completion import complete_login
from portal.login.providers import eidas_service_provider

# Time to choose a country and log in at the node; then to trade the ticket once back.
LOGIN_LIFETIME = timedelta(minutes=15)
TICKET_LIFETIME = timedelta(minutes=5)
# Logins are kept a day after they expire (for an operator looking into one), then dropped.
KEPT_AFTER_EXPIRY = timedelta(days=1)

Token = Callable[[int], str]

# Conditional updates: of two copies of one answer (or one ticket) at once, one goes on.
_ANSWER = update(EidasLogin).where(
    col(EidasLogin.id) == bindparam("login_id"), col(EidasLogin.answered_at).is_(None)
)
_FINISH = update(EidasLogin).where(
    col(EidasLogin.id) == bindparam("login_id"), col(EidasLogin.finished_at).is_(None)
)


def _hash(ticket: str) -> str:
    return hashlib.sha256(ticket.encode("utf-8")).hexdigest()


def start_eidas_login(
    country: str,
    *,
    now: datetime,
    browser_binding: str | None,
    level: LevelOfAssurance = LevelOfAssurance.SUBSTANTIAL,
    provider: EidasServiceProvider | None = None,
    bind: Engine | None = None,
    token: Token = secrets.token_urlsafe,
) -> str:
    """The node's address for this login. Raises ``CookiesRequiredError``,
    ``EidasUnknownCountryError`` or ``EidasUnavailableError`` (the node's metadata)."""
    binding = require_binding(browser_binding)
    sp = provider or eidas_service_provider()
    if country not in sp.config.countries:
        raise EidasUnknownCountryError(country)
    login_id, request_id = token(32), new_request_id()
    url = sp.authn_request_url(
        request_id=request_id, level=level, relay_state=login_id, country=country, now=now
    )
    with session_scope(bind) as db:
        db.exec(delete(EidasLogin).where(col(EidasLogin.expires_at) < now - KEPT_AFTER_EXPIRY))
        db.add(
            EidasLogin(
                id=login_id,
                request_id=request_id,
                browser_binding=binding,
                country=country,
                level=int(level),
                created_at=now,
                expires_at=now + LOGIN_LIFETIME,
            )
        )
    return url


def receive_eidas_answer(
    relay_state: str,
    saml_response: str,
    *,
    now: datetime,
    provider: EidasServiceProvider | None = None,
    bind: Engine | None = None,
    token: Token = secrets.token_urlsafe,
) -> str | None:
    """The one-time ticket of the login's outcome; None when the answer belongs to no login
    waiting for one (unknown, already answered, expired)."""
    sp = provider or eidas_service_provider()
    with session_scope(bind) as db:
        login = db.get(EidasLogin, relay_state) if relay_state else None
        if login is None or login.answered_at is not None or aware(login.expires_at) <= now:
            return None
        # Two copies of the answer posted at once: one of them is checked, the other ignored.
        if conditional_update(db, _ANSWER.values(answered_at=now), login_id=login.id) != 1:
            return None
        ticket = token(32)
        outcome: dict[str, object] = {"ticket_hash": _hash(ticket), "answered_at": now}
        try:
            identity = sp.validate(
                saml_response,
                request_id=login.request_id,
                level=LevelOfAssurance(login.level),
                ledger=SqlAssertionLedger(db),
                now=now,
            )
        except EidasError as error:
            outcome |= {"error": type(error).__name__, "error_detail": _detail(error)}
        else:
            outcome |= {
                "person_identifier": identity.person_identifier,
                "family_name": identity.family_name,
                "given_name": identity.given_name,
                "birth_date": identity.birth_date,
                "asserted_level": int(identity.level),
            }
        for name, value in outcome.items():
            setattr(login, name, value)
        db.add(login)
    return ticket


def _detail(error: EidasError) -> str | None:
    return error.attribute if isinstance(error, EidasMissingAttributeError) else None


def _error_of(login: EidasLogin) -> EidasError:
    """The error the answer was refused with, as the node or the checks raised it."""
    kind = getattr(eidas, login.error or "", None)
    if kind is EidasMissingAttributeError:
        return EidasMissingAttributeError(login.error_detail or "")
    if isinstance(kind, type) and issubclass(kind, EidasError):
        return kind(login.error or "")
    return EidasError(login.error or "")


def _identity_of(login: EidasLogin) -> EuropeanIdentity:
    if login.birth_date is None or login.asserted_level is None:
        raise EidasNoLoginError("an answered login without an identity")
    return EuropeanIdentity(
        person_identifier=login.person_identifier or "",
        family_name=login.family_name or "",
        given_name=login.given_name or "",
        birth_date=login.birth_date,
        level=LevelOfAssurance(login.asserted_level),
    )


def finish_eidas_login(
    ticket: str,
    *,
    now: datetime,
    browser_binding: str | None,
    user_agent: str | None = None,
    bind: Engine | None = None,
    random: Callable[[int], int] = secrets.randbelow,
) -> str:
    """The URL that hands the browser its session cookie. Raises ``EidasNoLoginError`` (no such
    ticket, used or stale), ``OtherBrowserError`` (another browser started the login), or the
    error the answer was refused with (cancelled, level not reached, signature...)."""
    with session_scope(bind) as db:
        login = (
            db.exec(select(EidasLogin).where(col(EidasLogin.ticket_hash) == _hash(ticket))).first()
            if ticket
            else None
        )
        answered = aware(login.answered_at) if login and login.answered_at else None
        if login is None or answered is None or answered + TICKET_LIFETIME <= now:
            raise EidasNoLoginError("no European login with this ticket, or a stale one")
        # Spent whatever follows: a ticket is used once, by the right browser or not.
        if conditional_update(db, _FINISH.values(finished_at=now), login_id=login.id) != 1:
            raise EidasNoLoginError("the ticket was used already")
        binding, error = login.browser_binding, _error_of(login) if login.error else None
        identity = None if error else _identity_of(login)
    if not same_browser(binding, browser_binding):
        raise OtherBrowserError("the European login was started by another browser")
    if error is not None:
        raise error
    assert identity is not None
    with session_scope(bind) as db:
        return complete_login(
            db,
            identity=login_identity(db, identity, now=now, random=random),
            key_kind=KeyKind.EIDAS,
            level=identity.level,
            now=now,
            browser_binding=browser_binding,
            user_agent=user_agent,
        )
