"""The login attempt between the password step and the code step."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session

from foundation.i18n.error_messages import error_text
from foundation.models.digital_keys import LoginAttempt
from identity.keys.errors import KeyLockedError, KeyNotEnrolledError, LoginAttemptExpiredError
from identity.keys.lockout import MAX_CONSECUTIVE_FAILURES, record_failure
from identity.password import (
    LOGIN_ATTEMPT_LIFETIME,
    finish_login,
    pending_login,
    pending_person,
    purge_login_attempts,
    start_login,
)
from tests.unit.identity.key_holder import NATIONAL_NUMBER, NOW
from tests.unit.identity.totp.helpers import enrol


def start(db: Session) -> LoginAttempt:
    attempt_id = start_login(db, national_number=NATIONAL_NUMBER, key_kind="totp", now=NOW)
    db.commit()
    attempt = db.get(LoginAttempt, attempt_id)
    assert attempt is not None
    return attempt


def test_an_attempt_has_a_random_256_bit_id_and_lives_ten_minutes(db: Session) -> None:
    enrol(db)
    attempt = start(db)
    assert len(attempt.id) == 64
    assert timedelta(minutes=10) == LOGIN_ATTEMPT_LIFETIME
    assert attempt.expires_at.replace(tzinfo=None) == (NOW + timedelta(minutes=10)).replace(
        tzinfo=None
    )


def test_the_id_comes_from_the_token_source_given(db: Session) -> None:
    enrol(db)
    attempt_id = start_login(
        db, national_number=NATIONAL_NUMBER, key_kind="totp", now=NOW, token=lambda n: "a" * 2 * n
    )
    assert attempt_id == "a" * 64


def test_a_person_without_that_key_cannot_start(db: Session) -> None:
    with pytest.raises(KeyNotEnrolledError):
        start_login(db, national_number=NATIONAL_NUMBER, key_kind="totp", now=NOW)


def test_a_locked_key_cannot_start(db: Session) -> None:
    row = enrol(db)
    for _ in range(MAX_CONSECUTIVE_FAILURES):
        record_failure(db, row, now=NOW)
    with pytest.raises(KeyLockedError):
        start_login(db, national_number=NATIONAL_NUMBER, key_kind="totp", now=NOW)


def test_a_pending_attempt_says_whose_it_is(db: Session) -> None:
    enrol(db)
    attempt = start(db)
    found = pending_login(db, attempt_id=attempt.id, key_kind="totp", now=NOW)
    assert found.national_number == NATIONAL_NUMBER
    assert pending_person(db, attempt_id=attempt.id, key_kind="totp", now=NOW) == NATIONAL_NUMBER


def test_an_attempt_is_finished_once(db: Session) -> None:
    enrol(db)
    attempt = start(db)
    finish_login(db, attempt_id=attempt.id, key_kind="totp", now=NOW)
    db.commit()
    assert attempt.completed_at is not None
    with pytest.raises(LoginAttemptExpiredError) as raised:
        finish_login(db, attempt_id=attempt.id, key_kind="totp", now=NOW)
    assert "Recommencez" in error_text("fr", raised.value)
    for pending in (pending_login, pending_person):
        with pytest.raises(LoginAttemptExpiredError):
            pending(db, attempt_id=attempt.id, key_kind="totp", now=NOW)


def test_an_attempt_is_refused_after_ten_minutes(db: Session) -> None:
    enrol(db)
    attempt = start(db)
    with pytest.raises(LoginAttemptExpiredError):
        finish_login(db, attempt_id=attempt.id, key_kind="totp", now=NOW + LOGIN_ATTEMPT_LIFETIME)
    with pytest.raises(LoginAttemptExpiredError):
        pending_person(db, attempt_id=attempt.id, key_kind="totp", now=NOW + LOGIN_ATTEMPT_LIFETIME)
    finish_login(
        db,
        attempt_id=attempt.id,
        key_kind="totp",
        now=NOW + LOGIN_ATTEMPT_LIFETIME - timedelta(seconds=1),
    )


def test_an_attempt_for_another_key_or_an_unknown_id_is_refused(db: Session) -> None:
    enrol(db)
    attempt = start(db)
    for pending in (pending_login, pending_person):
        with pytest.raises(LoginAttemptExpiredError):
            pending(db, attempt_id=attempt.id, key_kind="sms_code", now=NOW)
        with pytest.raises(LoginAttemptExpiredError):
            pending(db, attempt_id="0" * 64, key_kind="totp", now=NOW)
    with pytest.raises(LoginAttemptExpiredError):
        finish_login(db, attempt_id=attempt.id, key_kind="sms_code", now=NOW)


def test_purging_removes_only_attempts_past_their_lifetime(db: Session) -> None:
    enrol(db)
    old = start(db)
    later = NOW + timedelta(minutes=6)
    fresh_id = start_login(db, national_number=NATIONAL_NUMBER, key_kind="totp", now=later)
    db.commit()
    old_id = old.id
    assert purge_login_attempts(db, now=NOW + timedelta(minutes=11)) == 1
    db.expunge_all()
    assert db.get(LoginAttempt, old_id) is None
    assert db.get(LoginAttempt, fresh_id) is not None
