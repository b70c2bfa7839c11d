"""One-time codes: random, hashed, bound to their attempt, 10 minutes, 5 tries, once, throttled."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from foundation.i18n.error_messages import error_text
from foundation.models.one_time_code import OneTimeCode
from foundation.secrets_at_rest import derive_keys
from identity.one_time_code import Channel, check_code, issue_code, purge_codes
from identity.one_time_code import errors as e
from identity.one_time_code.hashing import code_hash, matches
from tests.unit.identity.code_people import NATIONAL_NUMBER, NOW, sequence

PURPOSE = "email_code.login"


def issue(
    db: Session, *, attempt: str | None = "a1", at: timedelta = timedelta(0), value: int = 123456
) -> str:
    code = issue_code(
        db,
        purpose=PURPOSE,
        national_number=NATIONAL_NUMBER,
        attempt_id=attempt,
        channel=Channel.EMAIL,
        destination="m@example.be",
        now=NOW + at,
        random=sequence(value),
    )
    db.commit()
    return code


def check(
    db: Session, code: str, *, attempt: str | None = "a1", at: timedelta = timedelta(0)
) -> OneTimeCode:
    return check_code(
        db,
        purpose=PURPOSE,
        national_number=NATIONAL_NUMBER,
        attempt_id=attempt,
        code=code,
        now=NOW + at,
    )


def test_a_code_is_six_digits_from_the_random_source_and_only_its_hash_is_stored(
    db: Session,
) -> None:
    assert issue(db, value=42) == "000042"
    row = db.exec(select(OneTimeCode)).one()
    assert "000042" not in row.code_hash
    # Keyed: a copy of the database cannot try the million codes without the server's key.
    assert row.code_hash.startswith("h1:")
    assert row.code_hash != code_hash(row.salt, "000042", keys=derive_keys("another server"))
    assert matches(row.salt, row.code_hash, "000042")
    assert row.salt
    assert row.attempt_id == "a1"
    assert row.channel == "email"


def test_two_codes_with_the_same_digits_have_different_hashes(db: Session) -> None:
    issue(db, attempt="a1")
    issue(db, attempt="a2")
    first, second = db.exec(select(OneTimeCode)).all()
    assert first.code_hash != second.code_hash


def test_the_right_code_is_accepted_once_then_refused_as_used(db: Session) -> None:
    issue(db)
    row = check(db, "123456", at=timedelta(minutes=1))
    assert row.destination == "m@example.be"
    assert row.used_at is not None
    db.commit()
    with pytest.raises(e.CodeAlreadyUsedError) as refused:
        check(db, "123456", at=timedelta(minutes=2))
    assert "déjà été utilisé" in error_text("fr", refused.value)


def test_spaces_and_dashes_inside_the_code_are_ignored(db: Session) -> None:
    issue(db)
    check(db, " 123 - 456 ")


def test_a_wrong_code_says_how_many_tries_are_left_and_survives_a_rollback(db: Session) -> None:
    issue(db)
    with pytest.raises(e.WrongCodeError) as wrong:
        check(db, "000000")
    assert wrong.value.tries_left == 4
    assert error_text("fr", wrong.value) == (
        "Le code introduit est incorrect. Il vous reste 4 essai(s) avec ce code."
    )
    db.rollback()  # what the caller's unit of work does on an error
    with pytest.raises(e.WrongCodeError) as again:
        check(db, "000001")
    assert again.value.tries_left == 3


def test_the_fifth_wrong_code_voids_the_code_even_for_the_right_digits(db: Session) -> None:
    issue(db)
    for left in (4, 3, 2, 1):
        with pytest.raises(e.WrongCodeError) as wrong:
            check(db, "999999")
        assert wrong.value.tries_left == left
    assert "1 essai(s) " in error_text("fr", wrong.value)
    with pytest.raises(e.TooManyAttemptsError):
        check(db, "999999")
    db.rollback()
    with pytest.raises(e.TooManyAttemptsError) as void:
        check(db, "123456")
    assert "Demandez un nouveau code" in error_text("fr", void.value)


def test_a_malformed_entry_is_refused_without_spending_a_try(db: Session) -> None:
    issue(db)
    for entry in ("12345", "1234567", "12345a", "١٢٣٤٥٦"):
        with pytest.raises(e.CodeFormatError):
            check(db, entry)
    with pytest.raises(e.WrongCodeError) as wrong:
        check(db, "000000")
    assert wrong.value.tries_left == 4


def test_a_code_works_until_ten_minutes_and_not_at_ten_minutes(db: Session) -> None:
    issue(db)
    with pytest.raises(e.OneTimeCodeExpiredError) as expired:
        check(db, "123456", at=timedelta(minutes=10))
    assert "10 minutes" in error_text("fr", expired.value)
    check(db, "123456", at=timedelta(minutes=9, seconds=59))


def test_a_code_is_bound_to_its_login_attempt(db: Session) -> None:
    issue(db, attempt="a1")
    with pytest.raises(e.NoCodeError):
        check(db, "123456", attempt="a2")
    with pytest.raises(e.NoCodeError):
        check(db, "123456", attempt=None)  # nor to an enrolment of the same person
    check(db, "123456", attempt="a1")


def test_a_resend_within_a_minute_is_refused_with_the_seconds_to_wait(db: Session) -> None:
    issue(db)
    with pytest.raises(e.CodeResendTooSoonError) as soon:
        issue(db, at=timedelta(seconds=15, microseconds=1))
    assert soon.value.seconds_left == 45
    assert "45 seconde(s)" in error_text("fr", soon.value)


def test_a_new_code_replaces_the_previous_one(db: Session) -> None:
    issue(db, value=111111)
    issue(db, at=timedelta(seconds=60), value=222222)
    with pytest.raises(e.WrongCodeError):
        check(db, "111111", at=timedelta(seconds=61))
    check(db, "222222", at=timedelta(seconds=62))


def test_at_most_five_codes_are_sent_for_one_login_attempt(db: Session) -> None:
    for minute in range(5):
        issue(db, at=timedelta(minutes=minute))
    with pytest.raises(e.SendLimitError):
        issue(db, at=timedelta(hours=5))
    issue(db, attempt="a2", at=timedelta(hours=5))  # a new attempt starts afresh


def test_enrolment_codes_are_limited_to_five_an_hour(db: Session) -> None:
    for minute in range(5):
        issue(db, attempt=None, at=timedelta(minutes=minute))
    with pytest.raises(e.SendLimitError) as limit:
        issue(db, attempt=None, at=timedelta(minutes=30))
    assert "nombre maximal de codes" in error_text("fr", limit.value)
    issue(db, attempt=None, at=timedelta(minutes=60, seconds=1))


def test_purging_removes_only_codes_expired_for_more_than_an_hour(db: Session) -> None:
    issue(db, attempt="old")
    issue(db, attempt="recent", at=timedelta(minutes=30))
    removed = purge_codes(db, now=NOW + timedelta(hours=1, minutes=10))
    db.commit()
    assert removed == 1
    assert [row.attempt_id for row in db.exec(select(OneTimeCode)).all()] == ["recent"]
