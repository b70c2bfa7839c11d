"""An unknown username answers like a real one, lockout included: "incorrect" 99 times, then
"locked" from the 100th failure on, whatever password is typed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from foundation.i18n.error_messages import error_text
from foundation.models.throttling import ThrottleCounter
from identity.keys.lockout import MAX_CONSECUTIVE_FAILURES
from identity.password import check_credentials, set_credentials
from identity.password.errors import InvalidCredentialsError, PasswordLockedError
from identity.password.unknown_usernames import REMEMBERED_FOR
from tests.unit.identity.key_holder import FAST, NATIONAL_NUMBER, NOW

PASSWORD = "correct horse battery"


def answers(db: Session, username: str, tries: int, **kwargs: object) -> list[str]:
    """The French text of each refusal, in order."""
    texts = []
    for _ in range(tries):
        with pytest.raises((InvalidCredentialsError, PasswordLockedError)) as refused:
            check_credentials(
                db,
                username=username,
                password=str(kwargs.get("password", "wrong password!")),
                now=kwargs.get("now", NOW),  # type: ignore[arg-type]
                settings=FAST,
            )
        texts.append(error_text("fr", refused.value))
    return texts


def test_an_unknown_username_is_locked_after_100_failures_exactly_like_a_real_one(
    db: Session,
) -> None:
    set_credentials(
        db,
        national_number=NATIONAL_NUMBER,
        username="marie.dupont",
        password=PASSWORD,
        now=NOW,
        settings=FAST,
    )
    db.commit()
    real = answers(db, "marie.dupont", MAX_CONSECUTIVE_FAILURES + 2)
    unknown = answers(db, "nobody.here", MAX_CONSECUTIVE_FAILURES + 2)
    assert unknown == real
    assert "incorrect" in unknown[MAX_CONSECUTIVE_FAILURES - 2]
    assert "bloqués" in unknown[MAX_CONSECUTIVE_FAILURES - 1]
    assert "bloqués" in unknown[-1]


def test_once_locked_any_password_is_answered_locked(db: Session) -> None:
    answers(db, "nobody.here", MAX_CONSECUTIVE_FAILURES)
    assert "bloqués" in answers(db, "nobody.here", 1, password=PASSWORD)[0]
    # Another unknown name is not locked by it; case and spaces do not make a new name.
    assert "incorrect" in answers(db, "someone.else", 1)[0]
    assert "bloqués" in answers(db, "  NOBODY.here ", 1)[0]


def test_the_count_is_kept_under_a_keyed_hash_for_a_year_after_the_last_failure(
    db: Session,
) -> None:
    answers(db, "nobody.here", MAX_CONSECUTIVE_FAILURES)
    rows = db.exec(select(ThrottleCounter)).all()
    assert len(rows) == 1
    assert "nobody" not in rows[0].bucket
    later = NOW + REMEMBERED_FOR - timedelta(days=1)
    assert "bloqués" in answers(db, "nobody.here", 1, now=later)[0]
    forgotten = later + REMEMBERED_FOR
    assert "incorrect" in answers(db, "nobody.here", 1, now=forgotten)[0]
