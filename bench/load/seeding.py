"""Creates the accounts a load logs in with, through the portal's own services, in the database
the portal runs on: an active account, a username + password set by ``identity.password`` (the
portal's hasher and password policy) and an authenticator app key confirmed by
``identity.totp`` (its secret sealed with the server's keys, so the seeding must run with the
portal's ``MONESPACE_DATA_DIR`` or ``MONESPACE_SECRET_KEY``).

The national numbers are valid ones (check digits) of people born in the 1950s, skipping any
already in the database; the key-added notices the services queue are dropped, or the portal's
mail job would deliver thousands of them during the measurement."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from bench.load.accounts import LoadAccount
from foundation.db import make_engine, session_scope
from foundation.models.account import Account, AccountStatus
from foundation.models.outbox import OutboxMessage
from identity import totp
from identity.bis_numbers import check_digits
from identity.password import (
    DEFAULT_HASHER_SETTINGS,
    KEYCLOAK_HASHER_SETTINGS,
    PasswordHasherSettings,
    set_credentials,
)

FIRST_BIRTH = date(1950, 1, 1)
SERIALS = 997  # a day's serial numbers, 001-997
HASH_COSTS = {"portal": DEFAULT_HASHER_SETTINGS, "keycloak": KEYCLOAK_HASHER_SETTINGS}
EMAIL_DOMAIN = "charge.example.invalid"


def national_numbers(start: int = 0) -> Iterator[tuple[str, date]]:
    """Valid national numbers (with their birth date), from the ``start``-th on."""
    index = start
    while True:
        born = FIRST_BIRTH + timedelta(days=index // SERIALS)
        first_nine = f"{born:%y%m%d}{index % SERIALS + 1:03d}"
        yield first_nine + check_digits(first_nine, born_2000_or_later=False), born
        index += 1


def _free_numbers(db: Session, count: int) -> list[tuple[str, date]]:
    taken = set(db.exec(select(Account.national_number)).all())
    chosen: list[tuple[str, date]] = []
    for number, born in national_numbers():
        if number not in taken:
            chosen.append((number, born))
        if len(chosen) == count:
            return chosen
    raise AssertionError("unreachable: the numbers never run out")


def _seed_one(
    engine: Engine, number: str, born: date, now: datetime, cost: PasswordHasherSettings
) -> LoadAccount:
    username = f"charge-{number}"
    password = secrets.token_urlsafe(15)
    secret = totp.new_secret()
    with session_scope(engine) as db:
        db.add(
            Account(
                national_number=number,
                surname=f"Charge{number[-5:]}",
                first_names="Virtuel",
                birth_date=born,
                email=f"{username}@{EMAIL_DOMAIN}",
                status=AccountStatus.ACTIVE,
                created_at=now,
                activated_at=now,
            )
        )
        db.flush()
        set_credentials(
            db,
            national_number=number,
            username=username,
            password=password,
            now=now,
            settings=cost,
        )
        # The enrolment's code is one step back, so that the step of a login right after the
        # seeding is still unused (a step is spent once, replay protection).
        first_code = totp.totp(totp.secret_bytes(secret), now - timedelta(seconds=30))
        totp.confirm_enrolment(
            db, national_number=number, secret=secret, first_code=first_code, now=now
        )
    return LoadAccount(number, username, password, secret)


def seed_accounts(
    database_url: str,
    count: int,
    *,
    workers: int = 2,
    keep_notices: bool = False,
    cost: PasswordHasherSettings = DEFAULT_HASHER_SETTINGS,
) -> list[LoadAccount]:
    """``count`` new accounts, their passwords hashed at ``cost`` (the portal's own by default:
    the portal hashes a password again at its cost after its first successful login, so other
    costs hold only until then); argon2 runs in ``workers`` threads on
    PostgreSQL, in one on SQLite (the password is hashed inside the unit of work, and two
    SQLite writers would refuse each other's lock upgrade rather than wait)."""
    if database_url.startswith("sqlite"):
        workers = 1
    engine = make_engine(database_url)
    now = datetime.now(UTC)
    with Session(engine) as db:
        numbers = _free_numbers(db, count)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        accounts = list(pool.map(lambda nb: _seed_one(engine, nb[0], nb[1], now, cost), numbers))
    if not keep_notices:
        with session_scope(engine) as db:
            db.exec(
                delete(OutboxMessage).where(col(OutboxMessage.recipient).like(f"%@{EMAIL_DOMAIN}"))
            )
    engine.dispose()
    return accounts
