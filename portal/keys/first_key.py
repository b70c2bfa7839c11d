"""A first key from the link a registration office e-mailed, as its page runs it: the
activation code is the proof (no session needed), checked at the first step and spent at the
last, where the key is activated and any session of this browser ends in the same unit of work
(the seed: "vous avez été automatiquement déconnecté(e)")."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.engine import Engine

from foundation.db import session_scope
from identity import paper_token
from identity.sessions import revoke


def person_for_code(reference: str, code: str, *, now: datetime, bind: Engine | None = None) -> str:
    """The name of the person the code was issued to; a wrong code counts, committed at once."""
    with session_scope(bind) as db:
        return paper_token.person_for_code(db, reference=reference, code=code, now=now)


def activate_first_key(
    session_id: str | None,
    typed: paper_token.FirstKeyForm,
    *,
    key: str,
    secret: str,
    first_code: str,
    now: datetime,
    bind: Engine | None = None,
) -> paper_token.TokenActivation | paper_token.MobileAppActivation:
    """Spends the code, activates the key chosen, and logs this browser out."""
    with session_scope(bind) as db:
        done = paper_token.activate_first_key(
            db, typed, key=key, secret=secret, first_code=first_code, now=now
        )
        if session_id is not None:
            revoke(db, session_id, now=now)
        return done
