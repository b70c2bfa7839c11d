"""Logging in with the authenticator app: window, replay, lockout, constant-time comparison."""

from __future__ import annotations

import hmac
import shutil
import subprocess
from datetime import timedelta

import pytest
from sqlmodel import Session

from foundation.models.digital_keys import KeyStatus
from foundation.secrets_at_rest import UnreadableSecretError, server_keys
from foundation.settings import get_settings
from identity import totp
from identity.keys.errors import (
    InvalidCodeError,
    KeyLockedError,
    KeyNotEnrolledError,
    ReplayedCodeError,
)
from identity.keys.lockout import MAX_CONSECUTIVE_FAILURES
from identity.keys.records import find_key
from identity.totp import MalformedCodeError, time_step
from tests.unit.identity.key_holder import NATIONAL_NUMBER, NOW, OTHER_NATIONAL_NUMBER
from tests.unit.identity.totp.helpers import SECRET, code_at, enrol

LATER = NOW + timedelta(minutes=5)  # well past the enrolment code's step
STEP = timedelta(seconds=30)


def wrong_code(moment_code: str) -> str:
    return f"{(int(moment_code) + 1) % 1_000_000:06d}"


def test_the_current_code_is_accepted_and_its_step_remembered(db: Session) -> None:
    row = enrol(db)
    step = totp.verify(db, national_number=NATIONAL_NUMBER, code=code_at(LATER), now=LATER)
    assert step == time_step(LATER)
    db.refresh(row)
    assert row.last_totp_step == time_step(LATER)


def test_spaces_in_the_code_are_ignored(db: Session) -> None:
    enrol(db)
    code = code_at(LATER)
    totp.verify(db, national_number=NATIONAL_NUMBER, code=f" {code[:3]} {code[3:]} ", now=LATER)


@pytest.mark.parametrize("drift", [-1, 1])
def test_the_code_of_the_step_before_or_after_is_accepted(db: Session, drift: int) -> None:
    enrol(db)
    totp.verify(db, national_number=NATIONAL_NUMBER, code=code_at(LATER + drift * STEP), now=LATER)


@pytest.mark.parametrize("drift", [-2, 2])
def test_the_code_two_steps_away_is_refused(db: Session, drift: int) -> None:
    enrol(db)
    with pytest.raises(InvalidCodeError):
        totp.verify(
            db, national_number=NATIONAL_NUMBER, code=code_at(LATER + drift * STEP), now=LATER
        )


def test_the_window_edges_are_the_first_and_last_second_of_the_neighbour_steps(db: Session) -> None:
    enrol(db)
    start = NOW + timedelta(minutes=10)
    start = start - timedelta(seconds=start.second % 30)  # first second of a step
    # At the first second of a step, the previous step's code still passes...
    totp.verify(db, national_number=NATIONAL_NUMBER, code=code_at(start - STEP), now=start)
    # ...and at its last second, the next step's code passes too.
    last_second = start + timedelta(seconds=29)
    totp.verify(db, national_number=NATIONAL_NUMBER, code=code_at(start + STEP), now=last_second)
    # One second later the step before the previous one is out of the window.
    with pytest.raises((InvalidCodeError, ReplayedCodeError)):
        totp.verify(
            db,
            national_number=NATIONAL_NUMBER,
            code=code_at(start - STEP),
            now=start + STEP,
        )


def test_the_same_code_twice_is_a_replay(db: Session) -> None:
    enrol(db)
    code = code_at(LATER)
    totp.verify(db, national_number=NATIONAL_NUMBER, code=code, now=LATER)
    with pytest.raises(ReplayedCodeError):
        totp.verify(
            db, national_number=NATIONAL_NUMBER, code=code, now=LATER + timedelta(seconds=5)
        )


def test_an_older_step_after_a_newer_one_is_a_replay(db: Session) -> None:
    enrol(db)
    totp.verify(db, national_number=NATIONAL_NUMBER, code=code_at(LATER + STEP), now=LATER)
    with pytest.raises(ReplayedCodeError):
        totp.verify(db, national_number=NATIONAL_NUMBER, code=code_at(LATER), now=LATER)


def test_the_enrolment_code_cannot_serve_to_log_in(db: Session) -> None:
    enrol(db)
    with pytest.raises(ReplayedCodeError):
        totp.verify(db, national_number=NATIONAL_NUMBER, code=code_at(NOW), now=NOW)


def test_a_replay_is_not_counted_as_a_failure(db: Session) -> None:
    row = enrol(db)
    code = code_at(LATER)
    totp.verify(db, national_number=NATIONAL_NUMBER, code=code, now=LATER)
    with pytest.raises(ReplayedCodeError):
        totp.verify(db, national_number=NATIONAL_NUMBER, code=code, now=LATER)
    db.refresh(row)
    assert row.consecutive_failures == 0


def test_a_wrong_code_counts_a_failure_that_survives_the_callers_rollback(db: Session) -> None:
    row = enrol(db)
    with pytest.raises(InvalidCodeError) as raised:
        totp.verify(db, national_number=NATIONAL_NUMBER, code=wrong_code(code_at(LATER)), now=LATER)
    assert type(raised.value) is InvalidCodeError
    db.rollback()
    db.refresh(row)
    assert row.consecutive_failures == 1


def test_a_malformed_code_is_refused_without_counting(db: Session) -> None:
    row = enrol(db)
    for typed in ["12345", "1234567", "12a456", "١٢٣٤٥٦"]:
        with pytest.raises(MalformedCodeError):
            totp.verify(db, national_number=NATIONAL_NUMBER, code=typed, now=LATER)
    db.refresh(row)
    assert row.consecutive_failures == 0


def test_a_success_resets_the_failure_count(db: Session) -> None:
    row = enrol(db)
    for _ in range(3):
        with pytest.raises(InvalidCodeError):
            totp.verify(
                db, national_number=NATIONAL_NUMBER, code=wrong_code(code_at(LATER)), now=LATER
            )
    totp.verify(db, national_number=NATIONAL_NUMBER, code=code_at(LATER), now=LATER)
    db.commit()
    db.refresh(row)
    assert row.consecutive_failures == 0


def test_the_hundredth_wrong_code_locks_the_key_and_then_even_the_right_one_is_refused(
    db: Session,
) -> None:
    row = enrol(db)
    bad = wrong_code(code_at(LATER))
    for _ in range(MAX_CONSECUTIVE_FAILURES - 1):
        with pytest.raises(InvalidCodeError):
            totp.verify(db, national_number=NATIONAL_NUMBER, code=bad, now=LATER)
    with pytest.raises(KeyLockedError):
        totp.verify(db, national_number=NATIONAL_NUMBER, code=bad, now=LATER)
    db.refresh(row)
    assert row.status == KeyStatus.LOCKED
    assert row.locked_at is not None
    assert row.consecutive_failures == MAX_CONSECUTIVE_FAILURES
    with pytest.raises(KeyLockedError):
        totp.verify(db, national_number=NATIONAL_NUMBER, code=code_at(LATER + STEP), now=LATER)


def test_a_person_without_the_app_key_is_told_so(db: Session) -> None:
    with pytest.raises(KeyNotEnrolledError):
        totp.verify(db, national_number=NATIONAL_NUMBER, code="123456", now=LATER)


def test_every_step_of_the_window_is_compared_in_constant_time_even_after_a_match(
    db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    enrol(db)
    compared: list[tuple[str, str]] = []
    constant_time = hmac.compare_digest

    def spy(a: str, b: str) -> bool:
        compared.append((a, b))
        return constant_time(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)  # the module matching.py calls
    totp.verify(db, national_number=NATIONAL_NUMBER, code=code_at(LATER - STEP), now=LATER)
    assert len(compared) == 3  # the match on the first step did not cut the loop short
    assert all(typed == code_at(LATER - STEP) for _, typed in compared)


def test_naive_times_are_refused(db: Session) -> None:
    enrol(db)
    with pytest.raises(ValueError, match="timezone-aware"):
        totp.verify(
            db, national_number=NATIONAL_NUMBER, code="123456", now=LATER.replace(tzinfo=None)
        )


@pytest.mark.skipif(
    shutil.which("oathtool") is None,
    reason="oathtool is not installed (apt-get install oathtool; scripts/bootstrap.sh does it)",
)
def test_the_code_oathtool_prints_for_our_secret_is_accepted(db: Session) -> None:
    enrol(db)
    answer = subprocess.run(
        ["oathtool", "--totp", "-b", "--now", LATER.strftime("%Y-%m-%d %H:%M:%S UTC"), SECRET],
        capture_output=True,
        text=True,
        check=True,
    )
    step = totp.verify(db, national_number=NATIONAL_NUMBER, code=answer.stdout.strip(), now=LATER)
    assert step == time_step(LATER)


def test_the_row_in_hand_shows_the_accepted_step_without_reading_it_again(db: Session) -> None:
    row = enrol(db)
    with pytest.raises(InvalidCodeError):
        totp.verify(db, national_number=NATIONAL_NUMBER, code=wrong_code(code_at(LATER)), now=LATER)
    totp.verify(db, national_number=NATIONAL_NUMBER, code=code_at(LATER), now=LATER)
    assert row.last_totp_step == time_step(LATER)
    assert row.consecutive_failures == 0


def test_of_two_requests_racing_with_the_same_code_only_one_passes(db: Session) -> None:
    enrol(db)
    first = Session(db.get_bind())
    # The first request has read the key (step not yet used) when the second one commits.
    stale = find_key(first, national_number=NATIONAL_NUMBER, kind="totp")
    assert stale is not None
    code = code_at(LATER)
    totp.verify(db, national_number=NATIONAL_NUMBER, code=code, now=LATER)
    db.commit()
    assert stale.last_totp_step == time_step(NOW)  # what the first request still believes
    with pytest.raises(ReplayedCodeError):
        totp.verify(first, national_number=NATIONAL_NUMBER, code=code, now=LATER)
    first.close()


def test_a_secret_copied_to_another_persons_row_does_not_open(db: Session) -> None:
    mine = enrol(db)
    other_secret = totp.new_secret()
    theirs = totp.confirm_enrolment(
        db,
        national_number=OTHER_NATIONAL_NUMBER,
        secret=other_secret,
        first_code=totp.totp(totp.secret_bytes(other_secret), NOW),
        now=NOW,
    )
    db.commit()
    theirs.secret = mine.secret  # someone with write access to the table
    db.add(theirs)
    db.commit()
    with pytest.raises(UnreadableSecretError, match="does not open"):
        totp.verify(db, national_number=OTHER_NATIONAL_NUMBER, code=code_at(LATER), now=LATER)
    assert theirs.consecutive_failures == 0  # not a wrong code of the person's


def test_after_the_server_secret_key_changed_the_stored_secret_no_longer_opens(
    db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    enrol(db)
    monkeypatch.setenv("MONESPACE_SECRET_KEY", "a new server secret key")
    get_settings.cache_clear()
    server_keys.cache_clear()
    with pytest.raises(UnreadableSecretError):
        totp.verify(db, national_number=NATIONAL_NUMBER, code=code_at(LATER), now=LATER)


def test_a_secret_left_in_clear_is_refused(db: Session) -> None:
    row = enrol(db)
    row.secret = SECRET  # what the rows held before migration 0007
    db.add(row)
    db.commit()
    with pytest.raises(UnreadableSecretError, match="not sealed"):
        totp.verify(db, national_number=NATIONAL_NUMBER, code=code_at(LATER), now=LATER)
