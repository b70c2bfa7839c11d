"""Background work of the portal: deliver queued mail, purge accounts past their 30 days, stop
role assignments past their end date, forget throttling events out of their window, warn of a
username + password about to expire for want of use.

Runs inside the app (a lifespan task) and as commands for cron:

    python -m monespace_app.jobs deliver
    python -m monespace_app.jobs purge [--as-of 2026-12-31T12:00:00+00:00]
    python -m monespace_app.jobs expire-roles [--as-of ...]
    python -m monespace_app.jobs purge-throttles [--as-of ...]
    python -m monespace_app.jobs warn-passwords [--as-of ...]
    python -m monespace_app.jobs hourly [--as-of ...]

"now" is foundation.clock.utc_now: in demo mode it follows the demo clock (foundation.demo_clock).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.engine import Engine

from foundation.clock import utc_now
from foundation.db import session_scope
from foundation.job_turns import claim_turn
from foundation.mail_outbox import DeliveryReport, deliver_due
from foundation.settings import get_settings
from foundation.smtp_transport import SmtpTransport
from identity.password import warn_expiring_credentials
from identity.throttling import purge_throttles
from portal.accounts.deletion import purge_expired
from portal.companies.expiry import stop_ended_assignments, warn_ending_assignments

MAIL_INTERVAL = timedelta(seconds=2)
PURGE_INTERVAL = timedelta(hours=1)
HOURLY_JOB = "hourly"
log = logging.getLogger("monespace.jobs")


def deliver_mail(now: datetime) -> DeliveryReport:
    with session_scope() as db:
        return deliver_due(db, SmtpTransport(get_settings(), timeout=10), now=now)


def purge_accounts(now: datetime, bind: Engine | None = None) -> int:
    with session_scope(bind) as db:
        return purge_expired(db, now=now)


def expire_role_assignments(
    now: datetime, bind: Engine | None = None, public_origin: str | None = None
) -> int:
    """Warns those whose assignment ends within 14 days (once), then ends those past their
    last day; returns how many ended."""
    with session_scope(bind) as db:
        origin = public_origin or get_settings().public_origin
        warn_ending_assignments(db, now, public_origin=origin)
        return stop_ended_assignments(db, now)


def forget_throttles(now: datetime, bind: Engine | None = None) -> int:
    """Throttling events out of their window and counters past their time (they no longer count:
    the purge only keeps the tables small)."""
    with session_scope(bind) as db:
        return purge_throttles(db, now=now)


def warn_expiring_passwords(
    now: datetime, bind: Engine | None = None, public_origin: str | None = None
) -> int:
    """E-mails those whose username + password expires within 30 days for want of use (once
    per expiry date); returns how many."""
    with session_scope(bind) as db:
        return warn_expiring_credentials(db, now=now, public_origin=public_origin)


@dataclass(frozen=True, slots=True)
class HourlyReport:
    purged_accounts: int
    ended_assignments: int
    forgotten_throttles: int
    warned_passwords: int


def run_hourly_jobs(
    now: datetime, *, bind: Engine | None = None, public_origin: str | None = None
) -> HourlyReport:
    """The hourly work, as of ``now``: purge accounts past their 30 days, stop role assignments
    past their end date, forget old throttling events, warn of passwords about to expire. The
    demo's trainers' page runs it on demand ("Lancer les tâches horaires") on the demo's
    database (``bind``; the settings' by default) with the portal's ``public_origin``."""
    purged = purge_accounts(now, bind)
    if purged:
        log.info("purged %d account(s) past their withdrawal period", purged)
    expired = expire_role_assignments(now, bind, public_origin)
    if expired:
        log.info("%d role assignment(s) reached their end date", expired)
    forgotten = forget_throttles(now, bind)
    warned = warn_expiring_passwords(now, bind, public_origin)
    if warned:
        log.info("%d person(s) warned of a password about to expire", warned)
    return HourlyReport(purged, expired, forgotten, warned)


def run_hourly_jobs_if_our_turn(
    now: datetime, *, bind: Engine | None = None
) -> HourlyReport | None:
    """The hourly work, if an hour has passed since any backend last started it (of ``now``, so
    at once after a demo clock's jump, or when it is set back) and this process claimed the
    turn; None when it is not due or another backend took it."""
    with session_scope(bind) as db:
        if not claim_turn(db, HOURLY_JOB, now=now, every=PURGE_INTERVAL):
            return None
    return run_hourly_jobs(now, bind=bind)


async def run_forever() -> None:
    """The lifespan task, in every backend process: mail every two seconds (several backends
    deliver at once without sending a message twice, foundation.mail_outbox); the hourly jobs
    in whichever backend claims their turn; errors never stop it."""
    while True:
        now = utc_now()
        try:
            await asyncio.to_thread(deliver_mail, now)
            await asyncio.to_thread(run_hourly_jobs_if_our_turn, now)
        except Exception:
            log.exception("background job failed; trying again shortly")
        await asyncio.sleep(MAIL_INTERVAL.total_seconds())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m monespace_app.jobs")
    parser.add_argument(
        "job",
        choices=[
            "deliver",
            "purge",
            "expire-roles",
            "purge-throttles",
            "warn-passwords",
            "hourly",
        ],
    )
    parser.add_argument(
        "--as-of",
        type=datetime.fromisoformat,
        default=None,
        help="the moment to act as of (ISO 8601 with a zone); default: now",
    )
    args = parser.parse_args(argv)
    now: datetime = args.as_of or utc_now()
    if now.tzinfo is None:
        parser.error("--as-of needs a time zone, e.g. 2026-12-31T12:00:00+00:00")
    if args.job == "deliver":
        delivered = deliver_mail(now)
        print(f"sent {delivered.sent}, failed {delivered.failed}")
    elif args.job == "purge":
        print(f"purged {purge_accounts(now)} account(s)")
    elif args.job == "expire-roles":
        print(f"expired {expire_role_assignments(now)} role assignment(s)")
    elif args.job == "hourly":
        report = run_hourly_jobs(now)
        print(
            f"purged {report.purged_accounts} account(s), expired {report.ended_assignments} "
            f"role assignment(s), forgot {report.forgotten_throttles} throttling event(s), "
            f"warned {report.warned_passwords} person(s)"
        )
    elif args.job == "warn-passwords":
        print(f"warned {warn_expiring_passwords(now)} person(s) of a password about to expire")
    else:
        print(f"forgot {forget_throttles(now)} throttling event(s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
