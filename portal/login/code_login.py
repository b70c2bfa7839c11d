"""Login with a code key: username + password first, then the key's own code.

Each code key brings its second step (how to ask for the code, how to check it) in its registry
entry; a key whose login page is not this one (the eID, itsme) is refused here, and one without a
second step (the password alone) logs in right after the password.

A login is two units of work, one per page: ``submit_password`` (the password, and the login
attempt it opens) and ``submit_code`` (the code, the attempt finished and the session opened,
committed together: one commit, so the spent code and the session are durable at once). The
password-only key completes its login in a unit of its own, ``finish_password_login``.

Both steps are throttled per client address and overall (``identity.throttling``, steps
``PASSWORD`` and ``CODE``): the attempt is counted before the password or code is checked, so
concurrent guesses cannot pass the limit, and given back in the unit of work of a step that
passed: failures count, successes do not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from foundation.db import session_scope
from foundation.models.account import Account, AccountStatus
from identity.browser_binding import require_binding
from identity.key_protocol import CodePrompt, LoginPage, SecondStep
from identity.keys.conditional_update import first_row
from identity.paper_token import registered_identity
from identity.password import (
    DEFAULT_HASHER_SETTINGS,
    PasswordHasherSettings,
    check_credentials,
    finish_login,
    pending_person,
    renew_on_login,
    start_login,
)
from identity.registry import DigitalKey, KeyRegistry, UnknownKeyError, or_default
from identity.sessions import LoginIdentity
from identity.throttling import ServiceBusyError, Step, begin_attempt, throttle_store
from portal.accounts.routing import home_of
from portal.login.completion import complete_login


@dataclass(frozen=True, slots=True)
class PasswordPassed:
    national_number: str
    attempt_id: str  # empty for the password-only key: the login is complete
    prompt: CodePrompt | None


# What a login needs of the account (see identity.keys.conditional_update).
ACCOUNT_FOR_LOGIN = select(
    col(Account.surname), col(Account.first_names), col(Account.birth_date), col(Account.status)
).where(col(Account.national_number) == bindparam("national_number"))


class NoIdentityError(LookupError):
    """The key belongs to nobody the portal knows (no account, no registered person)."""


def identity_of(db: Session, national_number: str) -> LoginIdentity:
    return _identity_and_home(db, national_number)[0]


def _identity_and_home(db: Session, national_number: str) -> tuple[LoginIdentity, str]:
    """Who the person is and the first page they see, from one plain read of their account."""
    found = first_row(db, ACCOUNT_FOR_LOGIN, national_number=national_number)
    if found is not None:
        identity = LoginIdentity(
            national_number, found.surname, found.first_names, found.birth_date
        )
        return identity, home_of(AccountStatus(found.status))
    for finder in IDENTITY_FINDERS:
        registered = finder(db, national_number)
        if registered is not None:
            return registered, home_of(None)
    raise NoIdentityError(national_number)


# People without an account yet but known otherwise (registered at a registration office).
IDENTITY_FINDERS: list[Callable[[Session, str], LoginIdentity | None]] = [registered_identity]


def code_page_key(kind: str, registry: KeyRegistry | None = None) -> DigitalKey:
    """The key, if this page logs in with it: a forged event naming the eID or itsme would
    otherwise open a high-level session with a password alone."""
    key = or_default(registry).get(kind)
    if key.descriptor.login_page is not LoginPage.CODE:
        raise UnknownKeyError(f"{kind} does not log in with username + password")
    return key


def _pending_step(
    db: Session, kind: str, attempt_id: str, now: datetime, registry: KeyRegistry | None
) -> tuple[SecondStep, str]:
    """The key's second step, and whose pending login it is (refused when it is over)."""
    step = code_page_key(kind, registry).second_step
    if step is None:
        raise UnknownKeyError(f"{kind} asks for no code after the password")
    return step, pending_person(db, attempt_id=attempt_id, key_kind=kind, now=now)


def check_password_step(
    db: Session,
    *,
    kind: str,
    username: str,
    password: str,
    now: datetime,
    settings: PasswordHasherSettings = DEFAULT_HASHER_SETTINGS,
    registry: KeyRegistry | None = None,
    password_right: Callable[[], None] = lambda: None,
) -> PasswordPassed:
    """``password_right`` is told once the password passed, before the code is sent."""
    step = code_page_key(kind, registry).second_step
    national_number = check_credentials(
        db, username=username, password=password, now=now, settings=settings
    )
    password_right()
    if step is None:
        return PasswordPassed(national_number, "", None)
    attempt_id = start_login(db, national_number=national_number, key_kind=kind, now=now)
    prompt = step.prepare(db, attempt_id=attempt_id, national_number=national_number, now=now)
    return PasswordPassed(national_number, attempt_id, prompt)


def check_code_step(
    db: Session,
    *,
    kind: str,
    attempt_id: str,
    code: str,
    now: datetime,
    registry: KeyRegistry | None = None,
) -> str:
    """Checks the code of a pending login and closes it; returns the person's national number."""
    step, national_number = _pending_step(db, kind, attempt_id, now, registry)
    step.verify(db, attempt_id=attempt_id, national_number=national_number, code=code, now=now)
    finish_login(db, attempt_id=attempt_id, key_kind=kind, now=now)
    return national_number


def complete_code_login(
    db: Session,
    *,
    kind: str,
    national_number: str,
    now: datetime,
    browser_binding: str | None,
    user_agent: str | None = None,
    registry: KeyRegistry | None = None,
) -> str:
    """Opens the session of a login whose key passed; returns the URL that hands over the cookie
    (to the browser whose pre-login cookie hashes to ``browser_binding`` only); the session keeps
    the browser's ``user_agent`` for Mes sessions. The username + password the login started
    with was used: its expiry moves two years ahead (``renew_on_login``)."""
    level = code_page_key(kind, registry).descriptor.level
    identity, home = _identity_and_home(db, national_number)
    renew_on_login(db, national_number=national_number, now=now)
    return complete_login(
        db,
        identity=identity,
        key_kind=kind,
        level=level,
        now=now,
        browser_binding=browser_binding,
        next_path=home,
        user_agent=user_agent,
    )


def submit_password(
    *,
    kind: str,
    username: str,
    password: str,
    now: datetime,
    browser_binding: str | None,
    address: str | None = None,
    settings: PasswordHasherSettings = DEFAULT_HASHER_SETTINGS,
    bind: Engine | None = None,
) -> PasswordPassed:
    """The password page's unit of work (a failure is counted and committed before the error).
    A browser without its pre-login cookie could not finish the login: it is told at once, before
    the password is checked or a code sent. ``ThrottledError`` when ``address`` (the client's)
    or the whole portal has made too many failed attempts."""
    require_binding(browser_binding)
    right = False

    def password_right() -> None:
        nonlocal right
        right = True

    with session_scope(bind) as db:
        attempt = begin_attempt(throttle_store(db), Step.PASSWORD, address=address, now=now)
        try:
            passed = check_password_step(
                db,
                kind=kind,
                username=username,
                password=password,
                now=now,
                settings=settings,
                password_right=password_right,
            )
        except Exception as error:
            # Not a wrong password: the password was not even checked (service busy), or it was
            # right and sending the code failed (gateway down, too many codes). Such a login is
            # not a guess: its place goes back, and nothing of the half-done login is kept.
            if right or isinstance(error, ServiceBusyError):
                db.rollback()
                attempt.give_back()
                db.commit()
            raise
        attempt.succeeded()
    return passed


def finish_password_login(
    *,
    kind: str,
    national_number: str,
    now: datetime,
    browser_binding: str | None,
    user_agent: str | None = None,
    bind: Engine | None = None,
) -> str:
    """The password-only key: its login completes right after the password, in a unit of its own."""
    with session_scope(bind) as db:
        return complete_code_login(
            db,
            kind=kind,
            national_number=national_number,
            now=now,
            browser_binding=browser_binding,
            user_agent=user_agent,
        )


def submit_code(
    *,
    kind: str,
    attempt_id: str,
    code: str,
    now: datetime,
    browser_binding: str | None,
    address: str | None = None,
    user_agent: str | None = None,
    bind: Engine | None = None,
) -> str:
    """The code page's unit of work: the code checked, the attempt finished and the session
    opened, all committed together before the URL is returned (a wrong code's count is committed
    on its own before the error, see ``identity.keys.lockout``). A browser without its pre-login
    cookie is refused before the code is looked at, so the code is not spent. ``ThrottledError``
    when ``address`` or the whole portal has made too many failed attempts (the code not looked
    at either)."""
    require_binding(browser_binding)
    with session_scope(bind) as db:
        attempt = begin_attempt(throttle_store(db), Step.CODE, address=address, now=now)
        national_number = check_code_step(db, kind=kind, attempt_id=attempt_id, code=code, now=now)
        url = complete_code_login(
            db,
            kind=kind,
            national_number=national_number,
            now=now,
            browser_binding=browser_binding,
            user_agent=user_agent,
        )
        attempt.succeeded()
    return url


def resend_code(
    db: Session, *, kind: str, attempt_id: str, now: datetime, registry: KeyRegistry | None = None
) -> CodePrompt:
    """A new code for the pending login (``CodeNotResendableError`` for an app or a card)."""
    step, national_number = _pending_step(db, kind, attempt_id, now, registry)
    return step.resend(db, attempt_id=attempt_id, national_number=national_number, now=now)


def send_code_again(
    *, kind: str, attempt_id: str, now: datetime, bind: Engine | None = None
) -> CodePrompt:
    """The code page's "send again", in a unit of work of its own."""
    with session_scope(bind) as db:
        return resend_code(db, kind=kind, attempt_id=attempt_id, now=now)
