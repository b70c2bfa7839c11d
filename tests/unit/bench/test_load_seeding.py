"""The seeded accounts are real: the portal's own login services let each one in with the
username, password and TOTP code the generator reads from the file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bench.load.seeding import HASH_COSTS, national_numbers, seed_accounts
from foundation import routes
from foundation.db import make_engine
from foundation.models.account import Account, AccountStatus
from foundation.models.digital_keys import Credential
from foundation.models.migrate import upgrade
from foundation.models.outbox import OutboxMessage
from identity.keys.errors import DigitalKeyError
from portal.companies.national_number import is_valid_national_number
from portal.login.code_login import submit_code, submit_password

BROWSER = "b" * 64


def test_national_numbers_are_valid_and_distinct() -> None:
    numbers = [n for n, _ in zip(national_numbers(), range(2500), strict=False)]
    assert len({n for n, _ in numbers}) == 2500
    assert all(is_valid_national_number(n) for n, _ in numbers)
    assert numbers[997][1] == numbers[0][1] + timedelta(days=1)  # 997 serials a day


def test_seeded_accounts_log_in_through_the_portals_services(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'monespace.db'}"
    upgrade(url)
    engine = make_engine(url)
    accounts = seed_accounts(url, 2, workers=2)
    more = seed_accounts(url, 1, workers=1)  # skips the numbers taken
    assert len({a.national_number for a in [*accounts, *more]}) == 3
    with Session(engine) as db:
        assert {a.status for a in db.exec(select(Account)).all()} == {AccountStatus.ACTIVE}
        assert db.exec(select(OutboxMessage)).all() == []  # the key-added notices dropped
    now = datetime.now(UTC)
    for account in accounts:
        passed = submit_password(
            kind="totp",
            username=account.username,
            password=account.password,
            now=now,
            browser_binding=BROWSER,
            bind=engine,
        )
        assert passed.national_number == account.national_number
        url_after = submit_code(
            kind="totp",
            attempt_id=passed.attempt_id,
            code=account.code_at(now),
            now=now,
            browser_binding=BROWSER,
            bind=engine,
        )
        assert url_after.startswith(routes.SESSION_START)
    with pytest.raises(DigitalKeyError):
        submit_password(
            kind="totp",
            username=more[0].username,
            password=more[0].password + "x",
            now=now,
            browser_binding=BROWSER,
            bind=engine,
        )


def test_keycloaks_cost_holds_until_the_first_login_then_the_portal_hashes_at_its_own(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'monespace.db'}"
    upgrade(url)
    engine = make_engine(url)
    [account] = seed_accounts(url, 1, workers=1, cost=HASH_COSTS["keycloak"])
    assert "$m=7168,t=5,p=1$" in stored_hash(engine, account.national_number)
    now = datetime.now(UTC)
    passed = submit_password(  # verified with the parameters the hash holds
        kind="totp",
        username=account.username,
        password=account.password,
        now=now,
        browser_binding=BROWSER,
        bind=engine,
    )
    assert passed.national_number == account.national_number
    assert "$m=65536,t=3,p=1$" in stored_hash(engine, account.national_number)


def stored_hash(engine: Engine, national_number: str) -> str:
    with Session(engine) as db:
        row = db.get(Credential, national_number)
        assert row is not None
        return row.password_hash
