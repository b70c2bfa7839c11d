"""Prints how many username + password + TOTP logins one core completes per second, through the
real login path on a SQLite file (WAL), next to the rate argon2id alone allows, at the default
cost (3 passes, 64 MiB) and at Keycloak's sizing-guide cost (5 passes, 7 MiB).

One login is what the portal's two pages run (state/code_login_state.py), each its own unit of
work: submit_password (username, argon2id, the login attempt), then submit_code (the TOTP code,
the attempt finished, the session opened and the first page chosen): two commits, so two fsyncs
with synchronous=FULL. The codes the phones would show are computed before the clock starts; the
clock moves 30 s after each round over the persons, so replay protection refuses nothing.

"Time above argon2id" is what a login costs beyond its verification (1/login rate - 1/verify
rate); the wall-clock figure includes waiting for the fsyncs, the CPU-time one does not.

    .venv/bin/python bench/password_totp_login.py [--logins N] [--rounds N] [--persons N]
        [--cost keycloak] [--synchronous NORMAL]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

import foundation.models
import foundation.models.digital_keys
from foundation import routes
from foundation.db import make_engine, session_scope
from foundation.models.account import Account, AccountStatus
from identity import totp
from identity.password import (
    DEFAULT_HASHER_SETTINGS,
    KEYCLOAK_HASHER_SETTINGS,
    PasswordHasherSettings,
    set_credentials,
)
from identity.password.hashing import password_hasher
from portal.login.code_login import submit_code, submit_password

START = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
STEP = timedelta(seconds=30)
PASSWORD = "correct horse battery staple"
BROWSER = "b" * 64  # the binding of the browser logging in (its pre-login cookie's hash)


@dataclass(frozen=True, slots=True)
class Person:
    national_number: str
    username: str
    secret: str


def people(engine: Engine, count: int, settings: PasswordHasherSettings) -> list[Person]:
    persons: list[Person] = []
    with session_scope(engine) as db:
        for i in range(count):
            national_number = f"{85000000000 + i:011d}"
            db.add(
                Account(
                    national_number=national_number,
                    surname=f"Nom{i}",
                    first_names=f"Prénom{i}",
                    birth_date=date(1985, 1, 1),
                    email=f"personne{i}@example.be",
                    status=AccountStatus.ACTIVE,
                    created_at=START,
                )
            )
            set_credentials(
                db,
                national_number=national_number,
                username=f"personne{i}",
                password=PASSWORD,
                now=START,
                settings=settings,
            )
            secret = totp.new_secret()
            first = totp.totp(totp.secret_bytes(secret), START)
            totp.confirm_enrolment(
                db, national_number=national_number, secret=secret, first_code=first, now=START
            )
            persons.append(Person(national_number, f"personne{i}", secret))
    return persons


def login(
    engine: Engine, person: Person, code: str, now: datetime, settings: PasswordHasherSettings
) -> None:
    passed = submit_password(  # the password page
        kind="totp",
        username=person.username,
        password=PASSWORD,
        now=now,
        browser_binding=BROWSER,
        settings=settings,
        bind=engine,
    )
    url = submit_code(  # the code page
        kind="totp",
        attempt_id=passed.attempt_id,
        code=code,
        now=now,
        browser_binding=BROWSER,
        bind=engine,
    )
    assert url.startswith(routes.SESSION_START)  # the code page: a session, its ticket


@dataclass(frozen=True, slots=True)
class Rate:
    """Per second of wall clock, and per second of this process's CPU time (one core's worth)."""

    wall: float
    cpu: float


def login_plan(persons: list[Person], logins: int) -> list[tuple[Person, str, datetime]]:
    """Who logs in, with which code, when: the clock moves 30 s after each round of persons."""
    plan: list[tuple[Person, str, datetime]] = []
    now = START + 2 * STEP
    while len(plan) < logins:
        for person in persons:
            plan.append((person, totp.totp(totp.secret_bytes(person.secret), now), now))
        now += STEP
    return plan[:logins]


def timed(work: Callable[[], object], count: int) -> Rate:
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(count):
        work()
    return Rate(count / (time.perf_counter() - wall), count / (time.process_time() - cpu))


@dataclass(frozen=True, slots=True)
class Figures:
    hash_ms: float
    verify_alone: list[Rate]
    logins: list[Rate]


def measure(
    engine: Engine,
    persons: list[Person],
    settings: PasswordHasherSettings,
    *,
    logins: int,
    rounds: int,
) -> Figures:
    """Rounds of argon2id verifications alone interleaved with rounds of logins, so that other
    work on the machine weighs on both alike."""
    hasher = password_hasher(settings)
    stored = hasher.hash(PASSWORD)
    hashes = []
    for _ in range(10):
        start = time.perf_counter()
        hasher.hash(PASSWORD)
        hashes.append(time.perf_counter() - start)
    plan = iter(login_plan(persons, logins))
    per_round = max(1, logins // rounds)
    alone, logged = [], []

    def one_login() -> None:
        person, code, moment = next(plan)
        login(engine, person, code, moment, settings)

    for _ in range(rounds):
        alone.append(timed(lambda: hasher.verify(stored, PASSWORD), per_round))
        logged.append(timed(one_login, per_round))
    return Figures(statistics.median(hashes) * 1000, alone, logged)


def best(rates: list[Rate]) -> Rate:
    return Rate(max(r.wall for r in rates), max(r.cpu for r in rates))


def median(rates: list[Rate]) -> Rate:
    return Rate(statistics.median(r.wall for r in rates), statistics.median(r.cpu for r in rates))


def above_ms(logins_per_s: float, verifies_per_s: float) -> float:
    """What a login costs beyond its argon2id verification, in milliseconds."""
    return (1 / logins_per_s - 1 / verifies_per_s) * 1000


def _synchronous(mode: str) -> Callable[[Any, Any], None]:
    def set_mode(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA synchronous={mode}")

    return set_mode


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--logins", type=int, default=300)
    parser.add_argument("--persons", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--cost", choices=["default", "keycloak", "both"], default="both")
    parser.add_argument(
        "--synchronous",
        choices=["FULL", "NORMAL"],
        default="FULL",
        help="SQLite's fsync policy: FULL is the portal's (SQLite's default); NORMAL is what "
        "SQLite advises with WAL (no fsync per commit, still never corrupt)",
    )
    args = parser.parse_args()
    print(f"one process, one thread (one core); SQLite file, WAL, synchronous={args.synchronous}")
    costs = [
        ("default", "default (argon2id t=3, 64 MiB, p=1)", DEFAULT_HASHER_SETTINGS),
        ("keycloak", "Keycloak (argon2id t=5, 7 MiB, p=1)", KEYCLOAK_HASHER_SETTINGS),
    ]
    for name, label, settings in costs:
        if args.cost not in (name, "both"):
            continue
        work = Path(tempfile.mkdtemp(prefix="monespace-bench-password-"))
        try:
            engine = make_engine(f"sqlite:///{work / 'bench.db'}")
            if args.synchronous != "FULL":
                event.listen(engine, "connect", _synchronous(args.synchronous))
            SQLModel.metadata.create_all(engine)
            persons = people(engine, args.persons, settings)
            figures = measure(engine, persons, settings, logins=args.logins, rounds=args.rounds)
            engine.dispose()
        finally:
            shutil.rmtree(work, ignore_errors=True)
        print(f"\n{label}")
        print(f"  argon2id hash alone (median of 10)  {figures.hash_ms:7.2f} ms")
        print("                                      wall clock     CPU time (one core)")
        for name, pick in [(f"best of {args.rounds} rounds", best), ("median round", median)]:
            alone, logged = pick(figures.verify_alone), pick(figures.logins)
            print(f"  {name}:")
            print(
                f"    argon2id verify alone           {alone.wall:7.1f} /s     {alone.cpu:7.1f} /s"
            )
            print(
                f"    password + TOTP logins          {logged.wall:7.1f} /s"
                f"     {logged.cpu:7.1f} /s"
            )
            print(
                f"    login rate / verify-only rate   {logged.wall / alone.wall * 100:7.1f} %"
                f"      {logged.cpu / alone.cpu * 100:7.1f} %"
            )
            print(
                f"    time above argon2id per login   {above_ms(logged.wall, alone.wall):7.2f} ms"
                f"     {above_ms(logged.cpu, alone.cpu):7.2f} ms"
            )


if __name__ == "__main__":
    assert foundation.models  # the whole schema is registered before create_all
    main()
