"""eID login, as its page runs it: ``begin_eid_login`` (a challenge, and the card's certificate
for the person to confirm), then ``finish_eid_login`` (the PIN, the signature validated by
``identity.eid``, and the session opened by the one completion of every login)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from sqlalchemy.engine import Engine

from foundation.db import session_scope
from identity.eid.login import CertificateToConfirm, EidLoginResult
from identity.keys.kinds import KeyKind
from portal.login.completion import complete_login
from portal.login.eid_setup import eid_login


class CardLogin(Protocol):
    """What the page needs of ``identity.eid.login.EidLogin`` (a fake stands in for tests)."""

    def begin(self, *, now: datetime) -> tuple[str, CertificateToConfirm]: ...

    def complete(
        self, *, nonce: str, reader: str, confirmed_fingerprint: str, pin: str, now: datetime
    ) -> EidLoginResult: ...


def begin_eid_login(
    *, now: datetime, card_login: CardLogin | None = None
) -> tuple[str, CertificateToConfirm]:
    """The challenge (kept server-side by the page) and the certificate read from the card."""
    return (card_login or eid_login()).begin(now=now)


def finish_eid_login(
    *,
    nonce: str,
    reader: str,
    confirmed_fingerprint: str,
    pin: str,
    now: datetime,
    card_login: CardLogin | None = None,
    bind: Engine | None = None,
) -> str:
    """Signs the challenge with the card and opens the session; returns the URL that hands the
    browser its cookie. Raises the card's and the validation's errors (a wrong PIN among them)."""
    result = (card_login or eid_login()).complete(
        nonce=nonce, reader=reader, confirmed_fingerprint=confirmed_fingerprint, pin=pin, now=now
    )
    with session_scope(bind) as db:
        return complete_login(
            db,
            identity=result.identity,
            key_kind=KeyKind.EID,
            level=result.level,
            now=now,
            photo_jpeg=result.photo_jpeg,
        )
