"""A first key from the link a registration office e-mailed, as its page runs it: the
activation code is the proof (no session needed), checked at the first step and spent at the
last, where the key is activated and any session of this browser ends in the same unit of work
(the seed: "vous avez été automatiquement déconnecté(e)").

Every step that takes the activation code (the first, the SMS code's sending, the last) is
throttled per client address and overall
(``identity.throttling``, step ``ACTIVATION_CODE``): a code has 3 tries, but a guesser could
otherwise try the codes of every reference in turn. An attempt that passes is given back in the
unit of work that records it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.engine import Engine

from foundation.db import session_scope
from identity import paper_token
from identity.sessions import revoke
from identity.sms_code.sender import SmsSender, configured_sender
from identity.throttling import Step, begin_attempt, throttle_store


def person_for_code(
    reference: str,
    code: str,
    *,
    now: datetime,
    address: str | None = None,
    bind: Engine | None = None,
) -> str:
    """The name of the person the code was issued to; a wrong code counts, committed at once
    (``ThrottledError`` when ``address`` or the portal made too many wrong tries)."""
    with session_scope(bind) as db:
        attempt = begin_attempt(throttle_store(db), Step.ACTIVATION_CODE, address=address, now=now)
        name = paper_token.person_for_code(db, reference=reference, code=code, now=now)
        attempt.succeeded()
    return name


def send_sms_code(
    reference: str,
    code: str,
    phone: str,
    *,
    now: datetime,
    address: str | None = None,
    sender: SmsSender | None = None,
    bind: Engine | None = None,
) -> str:
    """The SMS code as first key: the activation code checked again, a registration code sent
    to ``phone`` (the configured SMS gateway unless a ``sender`` is given); returns the number
    masked. A wrong activation code counts, committed at once."""
    right = False

    def code_right() -> None:
        nonlocal right
        right = True

    with session_scope(bind) as db:
        attempt = begin_attempt(throttle_store(db), Step.ACTIVATION_CODE, address=address, now=now)
        try:
            masked = paper_token.send_sms_code(
                db,
                reference=reference,
                code=code,
                phone=phone,
                now=now,
                sender=sender if sender is not None else configured_sender(),
                code_right=code_right,
            )
        except Exception:
            # A right activation code whose SMS could not go (a wrong number, the gateway down,
            # asked again too soon) is not a guess: its place goes back.
            if right:
                db.rollback()
                attempt.give_back()
                db.commit()
            raise
        attempt.succeeded()
    return masked


def activate_first_key(
    session_id: str | None,
    typed: paper_token.FirstKeyForm,
    *,
    key: str,
    secret: str,
    first_code: str,
    now: datetime,
    address: str | None = None,
    bind: Engine | None = None,
) -> paper_token.TokenActivation | paper_token.MobileAppActivation | paper_token.SmsCodeActivation:
    """Spends the code, activates the key chosen, and logs this browser out."""
    with session_scope(bind) as db:
        attempt = begin_attempt(throttle_store(db), Step.ACTIVATION_CODE, address=address, now=now)
        done = paper_token.activate_first_key(
            db, typed, key=key, secret=secret, first_code=first_code, now=now
        )
        if session_id is not None:
            revoke(db, session_id, now=now)
        attempt.succeeded()
    return done
