"""``make demo``: the portal in production mode with its simulated hardware, on one machine.

Starts, in order: the database migrations, pcscd with the virtual readers, the SMTP sink with its
mailbox page, the portal. One Ctrl-C stops everything it started.

``python -m simulators.demo reset --scenario NAME`` puts the running demo into a named, known
state (simulators/scenarios/, docs/trainers.md) through its trainers' page.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from types import FrameType

from foundation.clock import utc_now
from foundation.db import session_scope
from foundation.demo_clock import demo_clock_for
from foundation.models.migrate import upgrade
from foundation.settings import Settings, get_settings
from simulators.administration.seed import seed_administration_records
from simulators.demo_settings import DemoSettings
from simulators.eid.demo_cards import start_demo_cards
from simulators.key_simulators import KeySimulatorPorts, start_key_simulators
from simulators.mailbox.smtp_sink import SmtpSink
from simulators.mailbox.store import MailStore
from simulators.mailbox.web import MailboxWeb
from simulators.pcsc.stack import PcscStack
from simulators.scenarios.model import load_scenarios
from simulators.scenarios.reset import DemoParts
from simulators.stack.portal_process import portal_process, web_dir_for
from simulators.stack.processes import (
    ProcessStartError,
    kill_recorded_group,
    port_is_free,
    wait_for_http,
)
from simulators.stack.scaled import ScaledStack


def run_demo(*, backends: int = 0) -> int:
    """The demo; with ``backends`` (``make demo-scaled``), the portal as a deployment runs it:
    PostgreSQL, Redis, that many backend processes behind nginx (simulators.stack.scaled)."""
    # This process and the portal it starts are the demo: both read the demo clock
    # (foundation.clock.utc_now), the portal through portal_process's environment.
    os.environ["MONESPACE_DEMO_MODE"] = "true"
    get_settings.cache_clear()
    settings = get_settings()
    demo = DemoSettings()
    data_dir = settings.data_dir
    run_dir = data_dir / "run"
    stop_requested = threading.Event()
    scaled = (
        ScaledStack(
            data_dir / "scaled",
            settings.port,
            [demo.backends_port + i for i in range(backends)],
            demo.postgres_port,
            demo.redis_port,
        )
        if backends
        else None
    )
    if scaled is not None:
        for port, what in (
            (demo.postgres_port, "PostgreSQL"),
            (demo.redis_port, "Redis"),
            *((port, "backend") for port in scaled.backend_ports),
        ):
            if not port_is_free(port):
                print(f"error: port {port} ({what}) is already in use.", file=sys.stderr)
                return 2
        print("Mon Espace — PostgreSQL et Redis…", flush=True)
        scaled.start_databases()
        # From here on, this process (migrations, seed, trainers' tools) uses PostgreSQL too.
        os.environ["MONESPACE_DATABASE_URL"] = scaled.database_url
        get_settings.cache_clear()
        settings = get_settings()
        try:
            return _run_demo_parts(settings, demo, data_dir, run_dir, stop_requested, scaled)
        finally:
            scaled.stop()
    return _run_demo_parts(settings, demo, data_dir, run_dir, stop_requested, None)


def _run_demo_parts(
    settings: Settings,
    demo: DemoSettings,
    data_dir: Path,
    run_dir: Path,
    stop_requested: threading.Event,
    scaled: ScaledStack | None,
) -> int:

    def request_stop(_signum: int, _frame: FrameType | None) -> None:
        stop_requested.set()

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)

    started = time.monotonic()
    print("Mon Espace — démarrage de la démo…", flush=True)
    upgrade()
    settings.resolved_secret_key()
    with session_scope() as db:
        seed_administration_records(db, now=utc_now())

    pcsc = PcscStack(run_dir / "pcsc", private=demo.pcsc_private, base_port=demo.pcsc_base_port)
    # The portal logs Europeans in at the node this launcher starts.
    node_url = f"http://127.0.0.1:{demo.resolved_eidas_node_port}"
    portal_env = {**pcsc.client_env, "MONESPACE_EIDAS_METADATA_URL": node_url + "/metadata"}
    store = MailStore(data_dir / "mailbox")
    sink = SmtpSink(store, host=settings.smtp_host, port=settings.smtp_port)
    portal = portal_process(
        port=settings.port,
        web_dir=web_dir_for(settings.port),
        pid_dir=run_dir,
        log_path=data_dir / "logs" / "portal.log",
        # A private pcscd is reachable only through its socket's path: the portal must use it,
        # not a demo already serving the machine's /run/pcscd.
        overrides=portal_env,
    )
    if scaled is not None:
        scaled.overrides = portal_env
    (data_dir / "logs").mkdir(parents=True, exist_ok=True)
    # A demo that was killed (not stopped) leaves its children behind: stop them first.
    kill_recorded_group(portal.pid_file)
    pcsc.stop_leftover()
    for port, what in (
        (settings.port, "portal"),
        (settings.smtp_port, "SMTP sink"),
        (demo.mailbox_port, "mailbox page"),
        (demo.resolved_eidas_node_port, "eIDAS node"),
    ):
        if not port_is_free(port):
            print(
                f"error: port {port} ({what}) is already in use; stop whatever uses it "
                "(another `make demo`?) and try again.",
                file=sys.stderr,
            )
            return 2
    mailbox_web = MailboxWeb(store, port=demo.mailbox_port)

    stoppers: list[tuple[str, Callable[[], None]]] = []
    try:
        pcsc.start()
        stoppers.append(("pcscd", pcsc.stop))
        # The trainers' tools read and sign with the cards from this process: with a private
        # pcscd, this process must reach it too, before its first PC/SC call (libpcsclite reads
        # the socket's path once per process).
        os.environ.update(pcsc.client_env)
        cards = start_demo_cards(
            pcsc,
            data_dir,
            trust_anchors_dir=settings.trust_anchors_dir,
            ocsp_port=demo.ocsp_port,
        )
        stoppers.append(("virtual cards", cards.stop))
        base = demo.key_simulators_port
        keys = start_key_simulators(
            data_dir,
            ports=KeySimulatorPorts(
                sms=base,
                itsme=base + 1,
                authenticator=base + 2,
                trainers=base + 3,
                company_register=base + 4,
                back_office=base + 5,
                eidas_node=demo.resolved_eidas_node_port,
            ),
            sms_token=settings.sms_gateway_token.get_secret_value(),
            mailbox_url=mailbox_web.url,
            portal_url=settings.public_origin,
            # The portal (started below with the same settings and data folder) resolves the
            # same token: the one configured, or the one derived from its secret key.
            back_office_token=settings.resolved_back_office_token(),
            clock=demo_clock_for(data_dir),
            demo_clock_dir=data_dir,
            eidas_service_providers=(settings.resolved_eidas_sp_entity_id(),),
        )
        stoppers.append(("key simulators", keys.stop))
        keys.trainers.attach(
            DemoParts(
                data_dir=data_dir,
                database_url=settings.effective_database_url,
                public_origin=settings.public_origin,
                company_register_url=keys.company_register_url,
                trust_anchors_dir=settings.trust_anchors_dir,
                mail_store=store,
                card_slots=cards.slots,
                sms=keys.sms.store,
                wallet=keys.authenticator.wallet,
                itsme=keys.itsme,
                mailbox_url=mailbox_web.url,
                sms_url=keys.sms_url,
                authenticator_url=keys.authenticator_url,
                back_office_url=keys.back_office_url,
                eidas_node_url=keys.eidas_node_url,
            )
        )
        sink.start()
        stoppers.append(("SMTP sink", sink.stop))
        mailbox_web.start()
        stoppers.append(("mailbox", mailbox_web.stop))
        if scaled is None:
            portal.start()
            stoppers.append(("portal", portal.stop))
            wait_for_http(f"http://127.0.0.1:{settings.port}/ping", timeout=600, process=portal)
            wait_for_http(f"http://127.0.0.1:{settings.port}/", timeout=120, process=portal)
        else:
            print("Mon Espace — construction du frontend, backends et nginx…", flush=True)
            stoppers.append(("portal", scaled.stop_portal))
            scaled.start_portal()
        elapsed = time.monotonic() - started
        print(
            f"\nMon Espace est prêt en {elapsed:.0f} s :\n"
            f"  portail                 {settings.public_origin}\n"
            f"  boîte aux lettres       {mailbox_web.url}\n"
            f"  serveur SMTP (démo)     {settings.smtp_host}:{settings.smtp_port}\n"
            f"  lecteurs PC/SC          {pcsc.readers} lecteurs virtuels (pcscd)\n"
            f"  cartes eID              Naïma Mremi (lecteur 1), Chloé Ducoeur (lecteur 2)\n"
            f"  répondeur OCSP (test)   {cards.ocsp_url}\n"
            f"  cartes (testeurs)       .venv/bin/python -m simulators.eid --help\n"
            f"  page des formateurs     {keys.trainers_url}\n"
            f"  SMS (passerelle)        {keys.sms_url}\n"
            f"  téléphone itsme         {keys.itsme_url}\n"
            f"  application mobile      {keys.authenticator_url}\n"
            f"  registre BCE            {keys.company_register_url}\n"
            f"  back-office (dossiers)  {keys.back_office_url}\n"
            f"  nœud eIDAS (européens)  {keys.eidas_node_url}\n"
            + (scaled.summary() if scaled is not None else "")
            + "Ctrl-C pour tout arrêter.",
            flush=True,
        )
        while not stop_requested.wait(1.0):
            running = portal.running() if scaled is None else scaled.running()
            if not running:
                tail = portal.log_tail() if scaled is None else scaled.log_tail()
                print("error: the portal stopped unexpectedly:\n" + tail, file=sys.stderr)
                return 1
        return 0
    except ProcessStartError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    finally:
        # A second Ctrl-C during shutdown must not leave half the processes running.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        for name, stop in reversed(stoppers):
            try:
                stop()
            except Exception as error:
                print(f"warning: stopping {name} failed: {error}", file=sys.stderr)
        print("Mon Espace est arrêté.", flush=True)


def trainers_url() -> str:
    """The running demo's trainers' page (the fourth of the key simulators' ports)."""
    return f"http://127.0.0.1:{DemoSettings().key_simulators_port + 3}"


def reset(name: str) -> int:
    """Asks the running demo's trainers' page for the reset: the demo's own process holds the
    cards in the readers, the phones and the mailbox it empties and fills."""
    url = f"{trainers_url()}/api/scenarios/{name}"
    request = urllib.request.Request(url, data=b"", method="POST")  # noqa: S310 - loopback
    print(f"Remise à zéro de la démo : scénario « {name} »…", flush=True)
    try:
        with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
            report = json.loads(response.read())
    except urllib.error.HTTPError as error:
        detail = json.loads(error.read() or b"{}").get("message", error.reason)
        print(f"error: the reset failed: {detail}", file=sys.stderr)
        return 1
    except OSError as error:
        print(
            f"error: no running demo answers at {trainers_url()} ({error}); start `make demo` "
            "first (in another terminal).",
            file=sys.stderr,
        )
        return 2
    readers = ", ".join(
        f"lecteur {i + 1} : {slug}" for i, slug in enumerate(report["readers"]) if slug
    )
    print(
        f"La démo est dans l'état « {report['title']} » en {report['seconds']:.1f} s "
        f"({report['sessions_ended']} session(s) fermée(s) ; cartes : {readers}).",
        flush=True,
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m simulators.demo",
        description="Run the demo (no command), or reset the running demo to a scenario.",
    )
    commands = parser.add_subparsers(dest="command")
    resetting = commands.add_parser(
        "reset", help="put the running demo into a named, known state (docs/trainers.md)"
    )
    names = list(load_scenarios())
    resetting.add_argument("--scenario", required=True, choices=names, help="the state")
    parser.add_argument(
        "--backends",
        type=int,
        default=0,
        metavar="N",
        help="run the portal as deployed: PostgreSQL, Redis, N backends behind nginx",
    )
    arguments = parser.parse_args(argv)
    if arguments.command == "reset":
        return reset(arguments.scenario)
    if arguments.backends < 0:
        parser.error("--backends: a number of backend processes, 2 or more")
    return run_demo(backends=arguments.backends)


if __name__ == "__main__":
    sys.exit(main())
