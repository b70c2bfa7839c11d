"""Command line of the load generator (docs/load.md).

python -m bench.load --url http://localhost:3000 --sessions 200 --duration 60
    [--journey public|login|logins] [--accounts accounts.json]
    [--ramp 100,200,500,1000] [--soak] [--redis-url redis://…]
    [--database-url postgresql+psycopg://…] [--backend-pids 123,456 | --backend-pattern RE]
python -m bench.load seed --count 500 --database-url URL --out accounts.json [--data-dir DIR]
python -m bench.load hash-only [--seconds 5] [--threads N]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import resource
import sys
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from bench.load.think import ThinkTime


def _run_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench.load",
        description="Virtual browsers on the portal; prints round trips, errors, logins/s and "
        "the server's CPU and memory. Subcommands: seed, hash-only (see their --help).",
    )
    parser.add_argument("--url", required=True, help="the portal (or its balancer)")
    parser.add_argument("--origin", help="the public origin, if not --url (the Origin header)")
    parser.add_argument("--sessions", type=int, default=100, help="concurrent people")
    parser.add_argument("--duration", type=float, default=60, help="measured seconds")
    parser.add_argument("--journey", choices=("public", "login", "logins"), default="public")
    parser.add_argument("--accounts", type=Path, help="the seed's JSON file (login journeys)")
    parser.add_argument("--ramp", help="levels run one after the other, e.g. 100,200,500,1000")
    parser.add_argument("--soak", action="store_true", help="print the memory slopes")
    parser.add_argument("--think", type=float, help="mean seconds between actions (10; logins 0)")
    parser.add_argument("--think-spread", type=float, default=0.5, help="± fraction of the mean")
    parser.add_argument(
        "--pages-per-visit", type=int, default=4, help="login: pages after Mes clés"
    )
    parser.add_argument("--ramp-up", type=float, help="seconds to start everyone (sessions/50)")
    parser.add_argument("--timeout", type=float, default=30, help="seconds an answer may take")
    parser.add_argument("--sample-every", type=float, default=5, help="server sampling period")
    parser.add_argument("--redis-url", help="the state manager's Redis: memory per session")
    parser.add_argument("--database-url", help="the portal's database: PostgreSQL connections")
    parser.add_argument("--backend-pids", help="comma-separated pids of the backend processes")
    parser.add_argument("--backend-pattern", help="regular expression on their command lines")
    parser.add_argument(
        "--forwarded-for",
        action="store_true",
        help="send each person's own X-Forwarded-For (a portal trusting one proxy hop counts "
        "throttles per person instead of per generator)",
    )
    parser.add_argument("--pause", type=float, default=10, help="seconds between ramp levels")
    parser.add_argument(
        "--watch",
        action="append",
        default=[],
        metavar="NAME=PID",
        help="another process to watch with its descendants (CPU, RSS), e.g. nginx=<master pid>; "
        "repeatable",
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    return parser


def watched_processes(values: list[str]) -> tuple[tuple[str, int], ...]:
    """``--watch nginx=123 --watch postgres=456`` as (name, pid) pairs."""
    pairs = []
    for value in values:
        name, sep, pid = value.partition("=")
        if not sep or not name or not pid.strip().isdigit():
            raise SystemExit(f"--watch takes NAME=PID, not {value!r}")
        pairs.append((name, int(pid)))
    return tuple(pairs)


def _backend_pids(args: argparse.Namespace) -> tuple[int, ...]:
    from bench.load import probes

    if args.backend_pids:
        return tuple(int(p) for p in args.backend_pids.split(",") if p.strip())
    if args.backend_pattern:
        return tuple(probes.find_processes(args.backend_pattern))
    port = urlsplit(args.url).port or (443 if args.url.startswith("https") else 80)
    return tuple(probes.listeners_on(port))


def _raise_open_files() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


async def _run(args: argparse.Namespace) -> None:
    from bench.load import report
    from bench.load.accounts import read_accounts
    from bench.load.browser import discover_site
    from bench.load.hash_rate import PORTAL, hash_rates
    from bench.load.journeys import AccountPool, JourneyPlan
    from bench.load.runner import RunSettings, run_level

    think_mean = args.think if args.think is not None else (0 if args.journey == "logins" else 10)
    plan = JourneyPlan(args.journey, ThinkTime(think_mean, args.think_spread), args.pages_per_visit)
    pool = AccountPool(read_accounts(args.accounts)) if args.accounts else None
    site = await discover_site(args.url, args.origin)
    pids = _backend_pids(args)
    levels = [int(n) for n in args.ramp.split(",")] if args.ramp else [args.sessions]
    watched = watched_processes(args.watch)
    level_records: list[dict[str, object]] = []
    record: dict[str, object] = {
        "started": f"{datetime.now(UTC):%Y-%m-%dT%H:%M:%SZ}",
        "host": platform.node(),
        "cores": os.cpu_count(),
        "url": args.url,
        "journey": args.journey,
        "think_seconds": plan.think.mean,
        "think_spread": plan.think.spread,
        "backend_pids": list(pids),
        "levels": level_records,
        "hash_only": [],
    }
    print(
        f"# bench.load, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}, "
        f"{os.cpu_count()} cores; {args.url} (origin {site.origin}); journey {args.journey}, "
        f"think {plan.think.mean:g} s ± {plan.think.spread:.0%}; backends {list(pids) or '–'}"
    )
    if not site.build.complete:
        print("  (the build's state hashes were not found: hydrates get the whole state)")
    results = []
    for index, sessions in enumerate(levels):
        if index:
            await asyncio.sleep(args.pause)
        settings = RunSettings(
            sessions=sessions,
            duration=args.duration,
            plan=plan,
            ramp_up=args.ramp_up if args.ramp_up is not None else sessions / 50,
            timeout=args.timeout,
            sample_every=args.sample_every,
            redis_url=args.redis_url,
            database_url=args.database_url,
            backend_pids=pids,
            forwarded_for=args.forwarded_for,
            watched=watched,
        )
        result = await run_level(site, settings, pool)
        results.append(result)
        print(report.level_report(result, soak=args.soak), flush=True)
        level_records.append(report.level_record(result))
        _write_json(args.json, record)
    if len(results) > 1:
        print()
        print(report.ramp_table(results))
    if args.journey == "logins":
        # Measured after the load, on the same machine: the ceiling the logins had.
        rates = await asyncio.to_thread(hash_rates, 3.0, None, (PORTAL,))
        best = max(rates, key=lambda r: r.per_second)
        record["hash_only"] = [
            {
                "label": r.label,
                "time_cost": r.settings.time_cost,
                "memory_kib": r.settings.memory_cost_kib,
                "threads": r.threads,
                "per_second": round(r.per_second, 3),
                "per_cpu_second": round(r.per_cpu_second, 3),
            }
            for r in rates
        ]
        _write_json(args.json, record)
        print(
            f"  hash-only rate (portal's hasher, {best.threads} thread(s)): "
            f"{best.per_second:.1f}/s; logins through the websocket: "
            f"{results[-1].logins_per_second / best.per_second:.0%} of it"
        )


def _write_json(path: Path | None, record: dict[str, object]) -> None:
    """Rewritten after each level: a run stopped halfway still leaves what it measured."""
    if path is not None:
        path.write_text(json.dumps(record, indent=1), encoding="utf-8")


def _seed(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.load seed",
        description="Creates accounts with a password and a TOTP key through the portal's "
        "services; run it with the portal's MONESPACE_DATA_DIR or MONESPACE_SECRET_KEY (the "
        "TOTP secrets are sealed with the server's keys).",
    )
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--database-url", default=os.environ.get("MONESPACE_DATABASE_URL"))
    parser.add_argument("--data-dir", help="the portal's MONESPACE_DATA_DIR (its secret key)")
    parser.add_argument("--out", type=Path, default=Path("accounts.json"))
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--keep-notices", action="store_true", help="keep the queued mails")
    parser.add_argument(
        "--cost",
        choices=("portal", "keycloak"),
        default="portal",
        help="argon2id cost of the passwords: the portal's (3 passes, 64 MiB) or Keycloak's "
        "(5 passes, 7 MiB). The portal verifies each hash with its own parameters but hashes "
        "it again at its own cost after the first successful login.",
    )
    args = parser.parse_args(argv)
    if not args.database_url:
        parser.error("--database-url (or MONESPACE_DATABASE_URL) is needed")
    if args.data_dir:  # before the settings are first read
        os.environ["MONESPACE_DATA_DIR"] = args.data_dir
    from bench.load.accounts import write_accounts
    from bench.load.seeding import HASH_COSTS, seed_accounts

    accounts = seed_accounts(
        args.database_url,
        args.count,
        workers=args.workers,
        keep_notices=args.keep_notices,
        cost=HASH_COSTS[args.cost],
    )
    write_accounts(args.out, accounts)
    print(f"{len(accounts)} accounts (password + TOTP) written to {args.out}")


def _hash_only(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.load hash-only")
    parser.add_argument("--seconds", type=float, default=5.0, help="per measurement")
    parser.add_argument("--threads", type=int, help="the 'all cores' count (os.cpu_count())")
    args = parser.parse_args(argv)
    from bench.load.hash_rate import describe, hash_rates

    print(f"# password hash rate on {platform.node()}, {os.cpu_count()} cores")
    for rate in hash_rates(args.seconds, args.threads):
        print(describe(rate))


def main(argv: list[str]) -> None:
    if argv and argv[0] == "seed":
        _seed(argv[1:])
    elif argv and argv[0] == "hash-only":
        _hash_only(argv[1:])
    else:
        _raise_open_files()
        asyncio.run(_run(_run_parser().parse_args(argv)))


if __name__ == "__main__":
    main(sys.argv[1:])
