"""The accounts file the seed writes and the generator reads, and the pool that never lends an
account for a second login within the same TOTP step (the portal refuses a step twice)."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from bench.load.accounts import LoadAccount, read_accounts, write_accounts
from bench.load.journeys import AccountPool
from identity import totp

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


T = TypeVar("T")


def apart_from_any_loop(work: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run`` in a thread of its own: a whole run's Playwright tests leave an event loop
    running in the main thread, where asyncio.run refuses to start."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, work).result()


def account(index: int) -> LoadAccount:
    return LoadAccount(f"5001010{index:04d}", f"charge-{index}", f"mot-de-passe-{index}", SECRET)


def test_the_file_holds_every_account_and_only_its_owner_reads_it(tmp_path: Path) -> None:
    path = tmp_path / "accounts.json"
    accounts = [account(1), account(2)]
    write_accounts(path, accounts)
    assert read_accounts(path) == accounts
    assert path.stat().st_mode & 0o077 == 0


def test_the_code_is_the_one_the_phone_shows() -> None:
    moment = datetime(2026, 11, 30, 12, 0, 15, tzinfo=UTC)
    assert account(1).code_at(moment) == totp.totp(totp.secret_bytes(SECRET), moment)


def test_an_account_used_in_this_step_waits_for_the_next_one() -> None:
    clock = [1_000_000_000.0]  # 30-second steps: this one ends at ...010

    async def scenario() -> list[str]:
        pool = AccountPool([account(1), account(2)], clock=lambda: clock[0])
        first = await pool.borrow()
        second = await pool.borrow()
        pool.give_back(first, AccountPool.step(clock[0]))
        pool.give_back(second, None)  # the login failed before its code: the step is unused
        again = await pool.borrow()
        assert again == second
        pool.give_back(again, AccountPool.step(clock[0]))
        waiting = asyncio.create_task(pool.borrow())
        await asyncio.sleep(0.05)
        assert not waiting.done()  # both spent this step
        clock[0] += 30
        pool.give_back(account(99), AccountPool.step(clock[0]))  # wakes the waiter up
        lent = await asyncio.wait_for(waiting, 1)
        return [first.username, second.username, lent.username]

    lent = apart_from_any_loop(scenario())
    assert lent == ["charge-1", "charge-2", "charge-1"]
