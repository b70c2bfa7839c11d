"""Challenges: 32 random bytes, 5 minutes, once (in-memory store; the SQL one is tested on a real
SQLite file in tests/integration/identity/eid/auth)."""

from __future__ import annotations

import base64
import threading
from datetime import timedelta

import pytest

from identity.browser_binding import OtherBrowserError
from identity.eid.auth.challenge import (
    InMemoryChallengeStore,
    issue_challenge,
    new_nonce,
    require_usable,
)
from identity.eid.auth.errors import ChallengeExpiredError, ReplayedChallengeError
from tests.unit.identity.eid.auth.card_pki import NOW


def test_nonce_is_the_base64url_text_of_32_random_bytes() -> None:
    nonce = new_nonce(lambda size: bytes(range(size)))

    assert len(nonce) == 43
    assert base64.urlsafe_b64decode(nonce + "=") == bytes(range(32))


def test_random_source_giving_too_few_bytes_is_refused() -> None:
    with pytest.raises(ValueError, match="16 bytes"):
        new_nonce(lambda size: b"\x00" * 16)


def test_issued_challenge_is_stored_and_lives_five_minutes(store: InMemoryChallengeStore) -> None:
    challenge = issue_challenge(store=store, now=NOW, random_bytes=lambda n: b"\x07" * n)

    assert challenge.created_at == NOW
    assert challenge.expires_at == NOW + timedelta(minutes=5)
    assert store.take(challenge.nonce, now=NOW).nonce == challenge.nonce


def test_two_challenges_differ(store: InMemoryChallengeStore) -> None:
    first = issue_challenge(store=store, now=NOW)
    second = issue_challenge(store=store, now=NOW)

    assert first.nonce != second.nonce


def test_taking_a_challenge_marks_it_used_at_that_time(
    store: InMemoryChallengeStore, nonce: str
) -> None:
    taken = store.take(nonce, now=NOW + timedelta(seconds=20))

    assert taken.used_at == NOW + timedelta(seconds=20)


def test_challenge_taken_twice_is_a_replay(store: InMemoryChallengeStore, nonce: str) -> None:
    store.take(nonce, now=NOW)

    with pytest.raises(ReplayedChallengeError):
        store.take(nonce, now=NOW)


def test_challenge_taken_at_its_expiry_is_expired(
    store: InMemoryChallengeStore, nonce: str
) -> None:
    with pytest.raises(ChallengeExpiredError, match="expired at"):
        store.take(nonce, now=NOW + timedelta(minutes=5))


def test_unknown_nonce_is_expired(store: InMemoryChallengeStore) -> None:
    with pytest.raises(ChallengeExpiredError, match="unknown"):
        store.take("never-issued-never-issued-never-issued-000", now=NOW)


def test_many_threads_taking_one_challenge_let_exactly_one_through(
    store: InMemoryChallengeStore, nonce: str
) -> None:
    outcomes: list[str] = []
    start = threading.Barrier(16)

    def attempt() -> None:
        start.wait()
        try:
            store.take(nonce, now=NOW)
            outcomes.append("taken")
        except ReplayedChallengeError:
            outcomes.append("replay")

    threads = [threading.Thread(target=attempt) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["replay"] * 15 + ["taken"]


def test_purge_removes_only_challenges_past_their_expiry(store: InMemoryChallengeStore) -> None:
    old = issue_challenge(store=store, now=NOW - timedelta(minutes=10))
    fresh = issue_challenge(store=store, now=NOW)

    assert store.purge_expired(now=NOW) == 1
    with pytest.raises(ChallengeExpiredError, match="unknown"):
        store.take(old.nonce, now=NOW)
    assert store.take(fresh.nonce, now=NOW).nonce == fresh.nonce


def test_naive_datetimes_are_refused(store: InMemoryChallengeStore) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        issue_challenge(store=store, now=NOW.replace(tzinfo=None))


def test_a_challenge_goes_on_only_in_the_browser_it_was_issued_to(
    store: InMemoryChallengeStore,
) -> None:
    challenge = issue_challenge(store=store, now=NOW, browser_binding="b" * 64)
    require_usable(store, challenge.nonce, browser_binding="b" * 64, now=NOW)
    with pytest.raises(OtherBrowserError):
        require_usable(store, challenge.nonce, browser_binding="c" * 64, now=NOW)
    # Checking does not use it: the browser it was issued to still can.
    assert store.take(challenge.nonce, now=NOW).browser_binding == "b" * 64


def test_a_challenge_bound_to_no_browser_goes_on_in_none(store: InMemoryChallengeStore) -> None:
    challenge = issue_challenge(store=store, now=NOW)
    with pytest.raises(OtherBrowserError):
        require_usable(store, challenge.nonce, browser_binding="b" * 64, now=NOW)


def test_a_stale_or_used_challenge_is_refused_before_the_pin(
    store: InMemoryChallengeStore,
) -> None:
    stale = issue_challenge(store=store, now=NOW, browser_binding="b" * 64)
    with pytest.raises(ChallengeExpiredError):
        require_usable(store, stale.nonce, browser_binding="b" * 64, now=NOW + timedelta(minutes=5))
    used = issue_challenge(store=store, now=NOW, browser_binding="b" * 64)
    store.take(used.nonce, now=NOW)
    with pytest.raises(ReplayedChallengeError):
        require_usable(store, used.nonce, browser_binding="b" * 64, now=NOW)
    with pytest.raises(ChallengeExpiredError):
        require_usable(store, "unknown", browser_binding="b" * 64, now=NOW)
