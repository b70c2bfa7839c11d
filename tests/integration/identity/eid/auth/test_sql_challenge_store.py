"""The SQL challenge store on a real SQLite file (WAL, the portal's pragmas)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

from foundation.db import make_engine
from foundation.models.eid_challenge import EidChallenge
from identity.browser_binding import OtherBrowserError
from identity.eid.auth.challenge import SqlChallengeStore, issue_challenge, require_usable
from identity.eid.auth.errors import ChallengeExpiredError, ReplayedChallengeError
from identity.eid.auth.trust_anchors import TrustAnchors
from identity.eid.auth.validation import validate_token
from tests.unit.identity.eid.auth.card_pki import NATIONAL_NUMBER, NOW, ORIGIN, TestPki
from tests.unit.identity.eid.auth.conftest import FixedRevocationChecker

pytestmark = pytest.mark.integration


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'challenges.db'}")
    SQLModel.metadata.create_all(engine, tables=[EidChallenge.__table__])  # type: ignore[attr-defined]
    yield engine
    engine.dispose()


@pytest.fixture
def store(engine: Engine) -> SqlChallengeStore:
    return SqlChallengeStore(engine)


def test_issued_challenge_is_a_row_with_its_expiry(
    engine: Engine, store: SqlChallengeStore
) -> None:
    challenge = issue_challenge(store=store, now=NOW)

    with Session(engine) as session:
        row = session.exec(select(EidChallenge)).one()
    assert row.nonce == challenge.nonce
    assert row.expires_at.replace(tzinfo=UTC) == NOW + timedelta(minutes=5)
    assert row.used_at is None


def test_taken_challenge_comes_back_from_the_database_and_is_marked_used(
    engine: Engine, store: SqlChallengeStore
) -> None:
    challenge = issue_challenge(store=store, now=NOW)

    taken = store.take(challenge.nonce, now=NOW + timedelta(seconds=30))

    assert (taken.nonce, taken.created_at, taken.expires_at) == (
        challenge.nonce,
        challenge.created_at,
        challenge.expires_at,
    )
    with Session(engine) as session:
        row = session.exec(select(EidChallenge)).one()
    assert row.used_at is not None
    assert row.used_at.replace(tzinfo=UTC) == NOW + timedelta(seconds=30)


def test_second_take_is_a_replay(store: SqlChallengeStore) -> None:
    nonce = issue_challenge(store=store, now=NOW).nonce
    store.take(nonce, now=NOW)

    with pytest.raises(ReplayedChallengeError):
        store.take(nonce, now=NOW + timedelta(seconds=1))


def test_take_after_five_minutes_is_expired(store: SqlChallengeStore) -> None:
    nonce = issue_challenge(store=store, now=NOW).nonce

    with pytest.raises(ChallengeExpiredError, match="expired at"):
        store.take(nonce, now=NOW + timedelta(minutes=5))


def test_unknown_nonce_is_expired(store: SqlChallengeStore) -> None:
    with pytest.raises(ChallengeExpiredError, match="unknown"):
        store.take("B" * 43, now=NOW)


def test_concurrent_takes_from_separate_connections_let_exactly_one_through(
    store: SqlChallengeStore,
) -> None:
    nonce = issue_challenge(store=store, now=NOW).nonce
    outcomes: list[str] = []
    start = threading.Barrier(12)

    def attempt() -> None:
        start.wait()
        try:
            store.take(nonce, now=NOW)
            outcomes.append("taken")
        except ReplayedChallengeError:
            outcomes.append("replay")

    threads = [threading.Thread(target=attempt) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["replay"] * 11 + ["taken"]


def test_purge_deletes_expired_challenges_only(engine: Engine, store: SqlChallengeStore) -> None:
    issue_challenge(store=store, now=NOW - timedelta(minutes=6))
    fresh = issue_challenge(store=store, now=NOW)

    assert store.purge_expired(now=NOW) == 1
    with Session(engine) as session:
        assert [row.nonce for row in session.exec(select(EidChallenge))] == [fresh.nonce]


def test_login_with_the_sql_store_succeeds_once(store: SqlChallengeStore) -> None:
    pki = TestPki.create()
    nonce = issue_challenge(store=store, now=NOW).nonce
    token = pki.rsa_card.token(origin=ORIGIN, nonce=nonce)

    def login() -> str:
        return validate_token(
            token,
            expected_origin=ORIGIN,
            challenge_store=store,
            trust_anchors=TrustAnchors(roots=(pki.root.certificate,)),
            revocation_checker=FixedRevocationChecker(),
            now=NOW + timedelta(seconds=40),
            intermediates=[pki.citizen_ca.certificate],
        ).national_number

    assert login() == NATIONAL_NUMBER
    with pytest.raises(ReplayedChallengeError):
        login()


def test_the_browser_a_challenge_was_issued_to_is_kept_with_it(store: SqlChallengeStore) -> None:
    challenge = issue_challenge(store=store, now=NOW, browser_binding="b" * 64)
    require_usable(store, challenge.nonce, browser_binding="b" * 64, now=NOW)
    with pytest.raises(OtherBrowserError):
        require_usable(store, challenge.nonce, browser_binding="c" * 64, now=NOW)
    peeked = store.peek(challenge.nonce)
    assert peeked is not None
    assert (peeked.browser_binding, peeked.used_at) == ("b" * 64, None)
    store.take(challenge.nonce, now=NOW)
    with pytest.raises(ReplayedChallengeError):
        require_usable(store, challenge.nonce, browser_binding="b" * 64, now=NOW)
    assert store.peek("unknown") is None
