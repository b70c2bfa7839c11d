"""The SMS gateway and the authenticator phone keep what they got across a restart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from simulators.authenticator.otp import Enrolment
from simulators.authenticator.store import Wallet
from simulators.sms_gateway.store import SmsStore

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def test_sms_are_listed_newest_first_and_survive_a_restart(tmp_path: Path) -> None:
    times = iter([NOW, NOW + timedelta(seconds=1), NOW + timedelta(seconds=2)])
    store = SmsStore(tmp_path, clock=lambda: next(times))
    store.add("+32470123456", "un")
    store.add("+32471000001", "deux")
    store.add("+32470123456", "trois")

    again = SmsStore(tmp_path)
    assert [m.text for m in again.all()] == ["trois", "deux", "un"]
    assert [m.text for m in again.all("+32470123456")] == ["trois", "un"]
    assert again.numbers() == [("+32470123456", 2), ("+32471000001", 1)]
    assert again.all()[0].received_at == "2026-11-22T09:00:02+00:00"

    again.clear()
    assert SmsStore(tmp_path).all() == []


def test_memory_only_store_writes_nothing(tmp_path: Path) -> None:
    SmsStore(None).add("+32470123456", "code")
    assert list(tmp_path.iterdir()) == []


def test_a_new_qr_code_for_the_same_account_replaces_the_old_secret(tmp_path: Path) -> None:
    wallet = Wallet(tmp_path)
    wallet.add(Enrolment("Mon Espace", "naima", "AAAAAAAAAAAAAAAAAAAAAAAAAA"))
    wallet.add(Enrolment("Mon Espace", "marouan", "BBBBBBBBBBBBBBBBBBBBBBBBBB"))
    wallet.add(Enrolment("Mon Espace", "naima", "CCCCCCCCCCCCCCCCCCCCCCCCCC"))
    assert [(e.account, e.secret[0]) for e in Wallet(tmp_path).all()] == [
        ("marouan", "B"),
        ("naima", "C"),
    ]
