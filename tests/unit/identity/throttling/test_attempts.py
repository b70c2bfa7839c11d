"""Login attempts per client address and overall: failures count, successes are given back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from foundation.clock import aware
from foundation.i18n.error_messages import error_text
from foundation.models.throttling import ThrottleSlot
from identity.throttling import (
    AttemptLimits,
    Limit,
    Step,
    ThrottledError,
    TooManyCodesSentError,
    begin_attempt,
    take,
    throttle_store,
)

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
LIMITS = AttemptLimits(per_address=3, overall=5, window=timedelta(minutes=15))


def fail(db: Session, address: str, *, at: datetime = NOW, step: Step = Step.PASSWORD) -> None:
    begin_attempt(throttle_store(db), step, address=address, now=at, limits=LIMITS)


def test_an_address_is_refused_after_its_failures_and_told_when_to_come_back(db: Session) -> None:
    for minute in range(3):
        fail(db, "192.0.2.7", at=NOW + timedelta(minutes=minute))
    with pytest.raises(ThrottledError) as refused:
        fail(db, "192.0.2.7", at=NOW + timedelta(minutes=3))
    assert refused.value.minutes == 12
    assert error_text("fr", refused.value) == "Trop de tentatives. Réessayez dans 12 minutes."
    assert error_text("nl", refused.value) == (
        "Te veel pogingen. Probeer het over 12 minuten opnieuw."
    )
    fail(db, "198.51.100.1")  # another address is not held back


def test_the_last_minute_is_said_as_one_minute(db: Session) -> None:
    for _ in range(3):
        fail(db, "192.0.2.7")
    with pytest.raises(ThrottledError) as refused:
        fail(db, "192.0.2.7", at=NOW + timedelta(minutes=14, seconds=30))
    assert error_text("fr", refused.value) == "Trop de tentatives. Réessayez dans une minute."
    assert error_text("en", refused.value) == "Too many attempts. Try again in a minute."


def test_the_whole_portal_has_a_ceiling_whatever_the_addresses(db: Session) -> None:
    for number in range(5):
        fail(db, f"192.0.2.{number}")
    with pytest.raises(ThrottledError):
        fail(db, "203.0.113.9")


def test_an_attempt_refused_by_the_ceiling_costs_its_address_nothing(db: Session) -> None:
    for number in range(5):
        fail(db, f"192.0.2.{number}")
    for _ in range(5):
        with pytest.raises(ThrottledError):
            fail(db, "192.0.2.0")
    counted = [
        row
        for row in db.exec(select(ThrottleSlot)).all()
        if ".address:" in row.bucket and aware(row.expires_at) > NOW
    ]
    assert len(counted) == 5  # one per address, none for the refusals (given back)


def test_a_success_is_given_back(db: Session) -> None:
    for _ in range(10):
        attempt = begin_attempt(
            throttle_store(db), Step.PASSWORD, address="192.0.2.7", now=NOW, limits=LIMITS
        )
        attempt.succeeded()
    fail(db, "192.0.2.7")


def test_each_step_counts_apart(db: Session) -> None:
    for _ in range(3):
        fail(db, "192.0.2.7", step=Step.PASSWORD)
    fail(db, "192.0.2.7", step=Step.CODE)


def test_no_address_in_clear_in_the_database(db: Session) -> None:
    fail(db, "192.0.2.7")
    assert all("192.0.2.7" not in row.bucket for row in db.exec(select(ThrottleSlot)).all())


def test_a_limit_of_any_service_and_its_own_refusal(db: Session) -> None:
    sends = Limit("codes.sms.person", events=2, window=timedelta(hours=1))
    store = throttle_store(db)
    take(store, sends, subject="85073003328", now=NOW)
    take(store, sends, subject="85073003328", now=NOW)
    with pytest.raises(TooManyCodesSentError) as refused:
        take(store, sends, subject="85073003328", now=NOW, error=TooManyCodesSentError)
    assert "Trop de codes" in error_text("fr", refused.value)
    assert refused.value.minutes == 60
