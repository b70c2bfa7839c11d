"""Time to first render of the dashboard, production build, on localhost.

    .venv/bin/python bench/dashboard_render.py [--rounds 20]

Runs the portal in production mode on port 3300 (or the first free port up to 3309, each port with
its frontend build, .web-<port>, made on first use) with its own data folder, gives a seeded
persona an account and a live session (straight through the services: this measures the page,
not the card), then loads /citoyen/tableau-de-bord in Chromium again and again and times the
moment the counters are on screen. Target: <= 1 s.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright
from sqlmodel import Session

from bench.common import percentiles
from foundation.clock import utc_now
from foundation.db import make_engine
from foundation.models.account import Account, AccountStatus
from foundation.models.migrate import upgrade
from identity.assurance import LevelOfAssurance
from identity.browser_binding import browser_binding
from identity.session_cookies import cookie_names
from identity.sessions import LoginIdentity, open_session
from simulators.administration.seed import seed_administration_records
from simulators.personas.loader import persona
from simulators.stack.portal_process import portal_process, web_dir_for
from simulators.stack.processes import port_is_free, wait_for_http

PORTS = range(3300, 3310)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]


def free_port() -> int:
    for port in PORTS:
        if port_is_free(port):
            return port
    raise RuntimeError("ports 3300-3309 are all taken")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    port = free_port()
    work = Path(tempfile.mkdtemp(prefix="monespace-bench-dashboard-"))
    url = f"sqlite:///{work / 'monespace.db'}"
    upgrade(url)
    naima = persona("naima-mremi")
    identity = LoginIdentity(
        naima.national_number, naima.surname, naima.given_names, naima.birth_date
    )
    engine = make_engine(url)
    with Session(engine) as db:
        seed_administration_records(db, now=utc_now())
        db.add(
            Account(
                national_number=naima.national_number,
                surname=naima.surname,
                first_names=naima.given_names,
                birth_date=naima.birth_date,
                email="naima@example.org",
                status=AccountStatus.ACTIVE,
                created_at=utc_now(),
                activated_at=utc_now(),
            )
        )
        db.commit()
    portal = portal_process(
        port=port,
        web_dir=web_dir_for(port),
        pid_dir=work,
        log_path=work / "portal.log",
        overrides={"MONESPACE_DATA_DIR": str(work), "MONESPACE_DATABASE_URL": url},
    )
    portal.start()
    try:
        wait_for_http(f"http://127.0.0.1:{port}/", timeout=600, process=portal)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
            )
            samples = []
            for _ in range(args.rounds + 2):
                # A new browser: its first page gives it its pre-login cookie, to which the
                # session's ticket is then bound, as a login would bind it.
                page = browser.new_page()
                page.goto(f"http://localhost:{port}/aide")
                name = cookie_names(f"http://localhost:{port}").browser
                token = next(c["value"] for c in page.context.cookies() if c["name"] == name)
                with Session(engine) as db:
                    _, ticket = open_session(
                        db,
                        identity=identity,
                        key_kind="eid",
                        level=LevelOfAssurance.HIGH,
                        now=utc_now(),
                        browser_binding=browser_binding(token),
                    )
                    db.commit()
                page.goto(f"http://localhost:{port}/_auth/session?ticket={ticket}&suite=/aide")
                started = time.perf_counter()
                page.goto(f"http://localhost:{port}/citoyen/tableau-de-bord")
                page.get_by_role("link", name="8 Mes notifications").wait_for()
                samples.append(time.perf_counter() - started)
                page.close()
            browser.close()
        print(
            "dashboard, navigation to counters on screen "
            f"({args.rounds} loads): {percentiles(samples[2:], decimals=0, width=6)}"
        )
    finally:
        portal.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
