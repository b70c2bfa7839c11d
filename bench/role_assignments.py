"""Query times of "Gérer les attributions de rôles" on one big company, SQLite file.

    .venv/bin/python bench/role_assignments.py [--rounds 50] [--assignments 10000] [--people 2000]

Builds a database with the migrations, seeds one company with its GAP, ``--people`` persons and
``--assignments`` assignments (every status, dates, three history lines each), then times, each
in its own database session as a page's unit of work: the overview's first and a middle page
under every sort, a search by name and one by role, and the CSV export of every row. Targets:
page and search p95 <= 50 ms, export of 10,000 rows <= 1 s.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from foundation.db import make_engine
from foundation.models.companies import (
    AssignmentStatus,
    Company,
    MainAccessManager,
    RoleAssignment,
    RoleAssignmentHistory,
)
from foundation.models.migrate import upgrade
from foundation.models.session import UserSession
from portal.companies.assignments import Sort, SortColumn, assignments_of_company
from portal.companies.export import export_assignments
from portal.companies.roles import ROLES

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
COMPANY = "0845059050"
GAP = "79110221605"
SURNAMES = ["Mremi", "Dumont", "Lhoest", "Peeters", "Janssens", "Maes", "Jacobs", "Willems"]
FIRST_NAMES = ["Naïma", "Chloé", "Marc", "Anne", "Luc", "Sofia", "Jan", "Eva", "Noah"]


def seed(engine: Engine, people: int, assignments: int) -> None:
    rng = random.Random(11)  # the same database every run
    codes = sorted(ROLES)
    statuses = list(AssignmentStatus)
    with Session(engine) as db:
        db.add(
            Company(
                number=COMPANY,
                name="BLA",
                legal_form="SRL",
                street="Rue 1",
                zip_code="5000",
                municipality="Namur",
                registered_by=GAP,
                registered_at=NOW,
            )
        )
        db.add(
            MainAccessManager(
                company_number=COMPANY,
                national_number=GAP,
                surname="Ducoeur",
                first_names="Chloé",
                email="cdc@ewbs.be",
                phone="+3271123456",
                designated_by=GAP,
                designated_at=NOW,
            )
        )
        db.commit()
        persons = [
            (f"{80000000000 + n}", f"{rng.choice(SURNAMES)}{n}", rng.choice(FIRST_NAMES))
            for n in range(people)
        ]
        rows = []
        for n in range(assignments):
            number, surname, first = persons[n % people]
            start = date(2025, 1, 1) + timedelta(days=rng.randrange(500))
            rows.append(
                {
                    "company_number": COMPANY,
                    "role_code": rng.choice(codes),
                    "national_number": number,
                    "surname": surname,
                    "first_names": first,
                    "email": f"{surname.lower()}@example.be",
                    "starts_on": start,
                    "ends_on": None if rng.random() < 0.6 else start + timedelta(days=365),
                    "status": rng.choice(statuses),
                    "requested_at": NOW,
                }
            )
        db.execute(insert(RoleAssignment), rows)
        ids = db.execute(select(col(RoleAssignment.id))).scalars().all()
        history = [
            {
                "assignment_id": i,
                "at": NOW - timedelta(minutes=m),
                "actor_national_number": None,
                "actor_name": "Automatique",
                "action": action,
                "details": "",
            }
            for i in ids
            for m, action in (
                (3, "Demandé(e)"),
                (2, "Attribution de rôle approuvée"),
                (1, "Attribution de rôle octroyée"),
            )
        ]
        db.execute(insert(RoleAssignmentHistory), history)
        db.commit()


def gap_session() -> UserSession:
    return UserSession(
        id="bench",
        national_number=GAP,
        surname="Ducoeur",
        first_names="Chloé",
        birth_date="1979-11-02",
        key_kind="eid",
        level=3,
        created_at=NOW,
        authenticated_at=NOW,
        last_seen_at=NOW,
        expires_at=NOW + timedelta(hours=8),
    )


def overview(session: UserSession, search: str, sort: Sort, page: int, db: Session) -> object:
    return assignments_of_company(db, session, COMPANY, search, sort, page, now=NOW)


def export_all(session: UserSession, db: Session) -> int:
    return sum(1 for _ in export_assignments(db, session, COMPANY, NOW))


def timed(engine: Engine, rounds: int, work: Callable[[Session], object]) -> list[float]:
    samples = []
    for _ in range(rounds):
        with Session(engine) as db:
            start = time.perf_counter()
            work(db)
            samples.append(time.perf_counter() - start)
    return samples


def report(label: str, samples: list[float], target_ms: float) -> bool:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    ok = p95 * 1000 <= target_ms
    print(
        f"{label:<44} p50 {statistics.median(ordered) * 1000:7.1f} ms   "
        f"p95 {p95 * 1000:7.1f} ms   {'ok' if ok else 'OVER'} (<= {target_ms:.0f} ms)"
    )
    return ok


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--assignments", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=2_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="monespace-bench-roles-"))
    try:
        url = f"sqlite:///{work / 'monespace.db'}"
        upgrade(url)
        engine = make_engine(url)
        started = time.perf_counter()
        seed(engine, args.people, args.assignments)
        print(
            f"seeded {args.assignments} assignments of {args.people} people "
            f"in {time.perf_counter() - started:.1f} s"
        )
        session = gap_session()
        pages = -(-args.assignments // 10)
        ok = True
        for column in SortColumn:
            for page in (1, pages // 2):
                job = partial(overview, session, "", Sort(column), page)
                ok &= report(
                    f"overview page {page}, by {column.value}",
                    timed(engine, args.rounds, job),
                    50,
                )
        for needle in ("mremi1", "redacteur", "peeters@"):
            job = partial(overview, session, needle, Sort(), 1)
            ok &= report(f"search {needle!r}", timed(engine, args.rounds, job), 50)
        export = timed(engine, 5, partial(export_all, session))
        ok &= report(f"export of {args.assignments} rows (CSV)", export, 1000)
        engine.dispose()
        print("all targets met" if ok else "SOME TARGETS MISSED")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
