"""Runs the portal in production mode, with its own data folder, mail sink and port, for Chromium.

The build lives in .web-3100 and the portal listens on 3100, so the suite never disturbs a demo
running on 3000.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete
from sqlmodel import Session, SQLModel

import foundation.models  # noqa: F401 - every table on the metadata, for the reset between files
from e2e.database import URL_FILE, database_url, portal_engine
from foundation import routes
from foundation.clock import utc_now
from foundation.db import make_engine
from foundation.demo_clock import demo_clock_for, reset_demo_clock
from foundation.models.eid_reader_lease import EidReaderLease
from foundation.models.migrate import upgrade
from foundation.secrets_at_rest import server_keys
from foundation.settings import PROJECT_ROOT, get_settings
from monespace_testing.chromium import CHROMIUM_ARGS, SYSTEM_CHROMIUM
from simulators.administration.seed import seed_administration_records
from simulators.authenticator.web import AuthenticatorPhone
from simulators.back_office.web import BackOfficeSimulator
from simulators.company_register.web import CompanyRegisterSimulator
from simulators.eid.card_slots import CardSlots
from simulators.eid.demo_cards import DemoCards, start_demo_cards
from simulators.eidas_node import EidasNodeSimulator
from simulators.itsme import ItsmeSimulator, portal_client
from simulators.mailbox.smtp_sink import SmtpSink
from simulators.mailbox.store import MailStore
from simulators.mailbox.web import MailboxWeb
from simulators.pcsc.stack import PcscStack
from simulators.scenarios.reset import DemoParts
from simulators.sms_gateway.web import SmsGateway
from simulators.stack.portal_process import portal_process, web_dir_for
from simulators.stack.processes import port_is_free, wait_for_http
from simulators.stack.scaled import ScaledStack
from simulators.trainers_page import TrainersPage

# Two suites can run side by side on one machine: MONESPACE_E2E_PORT moves the portal (and its
# build folder .web-<port>), MONESPACE_E2E_SIMULATORS_PORT the first of the simulators' ports.
E2E_PORT = int(os.environ.get("MONESPACE_E2E_PORT", "3100"))
_SIMULATORS_PORT = int(os.environ.get("MONESPACE_E2E_SIMULATORS_PORT", "8125"))
E2E_SMTP_PORT = _SIMULATORS_PORT
E2E_MAILBOX_PORT = _SIMULATORS_PORT + 1
E2E_OCSP_PORT = _SIMULATORS_PORT + 2
E2E_SMS_PORT = _SIMULATORS_PORT + 3
E2E_ITSME_PORT = _SIMULATORS_PORT + 4
E2E_COMPANY_REGISTER_PORT = _SIMULATORS_PORT + 5
E2E_BACK_OFFICE_PORT = _SIMULATORS_PORT + 6
E2E_TRAINERS_PORT = _SIMULATORS_PORT + 7
E2E_AUTHENTICATOR_PORT = _SIMULATORS_PORT + 8
E2E_POSTGRES_PORT = _SIMULATORS_PORT + 9
E2E_REDIS_PORT = _SIMULATORS_PORT + 10
E2E_EIDAS_NODE_PORT = _SIMULATORS_PORT + 11
# MONESPACE_E2E_STACK=scaled runs the journeys against the portal as deployed (PostgreSQL,
# Redis, two backends behind nginx); the journeys marked `scaled` are the representative set
# scripts/test.sh runs there.
SCALED = os.environ.get("MONESPACE_E2E_STACK", "single") == "scaled"
# The faults a deployment survives (a backend killed, PostgreSQL or Redis restarted) need the
# scaled stack: they are collected only there.
collect_ignore = [] if SCALED else ["test_scaled_faults.py"]
_RUNNING_STACKS: list[ScaledStack] = []
E2E_SMS_TOKEN = "e2e-sms-token"
E2E_BACK_OFFICE_TOKEN = "e2e-back-office-token"
# One server secret for the portal and for this process: the journeys' set-up writes mail to the
# outbox (a GAP designated through the services), sealed with it, and the portal sends it.
os.environ.setdefault("MONESPACE_SECRET_KEY", "e2e-server-secret-key-not-for-production")
get_settings.cache_clear()
server_keys.cache_clear()
# Chromium must not reach out to the internet: this machine has none, and tests must not depend
# on it (DESIGN §5); the testers' plugin and the project's suites launch it alike.
CHROMIUM = SYSTEM_CHROMIUM


@pytest.fixture(scope="session")
def e2e_data_dir() -> Path:
    # Its own folder per portal port: a suite's clean start must not wipe another's database.
    data_dir = PROJECT_ROOT / "var" / ("e2e" if E2E_PORT == 3100 else f"e2e-{E2E_PORT}")
    # Checked before the wipe: a second suite started on a taken port must not delete the
    # database of the suite already running there.
    if not port_is_free(E2E_PORT):
        pytest.fail(f"port {E2E_PORT} is taken: the end-to-end suite runs the portal there")
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    return data_dir


@pytest.fixture(scope="session")
def mail_store(e2e_data_dir: Path) -> Iterator[MailStore]:
    store = MailStore(e2e_data_dir / "mailbox")
    sink = SmtpSink(store, port=E2E_SMTP_PORT)
    web = MailboxWeb(store, port=E2E_MAILBOX_PORT)
    sink.start()
    web.start()
    yield store
    web.stop()
    sink.stop()


@pytest.fixture(scope="session")
def sms_gateway(e2e_data_dir: Path) -> Iterator[SmsGateway]:
    """The SMS provider the portal posts to; tests read the inbox through its HTTP API."""
    gateway = SmsGateway(
        e2e_data_dir / "sms",
        port=E2E_SMS_PORT,
        token=E2E_SMS_TOKEN,
        clock=demo_clock_for(e2e_data_dir),
    )
    gateway.start()
    yield gateway
    gateway.stop()


@pytest.fixture(scope="session")
def itsme_simulator(e2e_data_dir: Path) -> Iterator[ItsmeSimulator]:
    """The itsme OpenID provider and its phones, whose pages the tests open to confirm a request;
    it knows the portal of this suite (its return page, its published keys)."""
    simulator = ItsmeSimulator(
        port=E2E_ITSME_PORT,
        clock=demo_clock_for(e2e_data_dir),
        key_dir=e2e_data_dir / "itsme-provider",
        clients=[portal_client(f"http://localhost:{E2E_PORT}")],
    )
    simulator.start()
    yield simulator
    simulator.stop()


@pytest.fixture(scope="session")
def eidas_node(e2e_data_dir: Path) -> Iterator[EidasNodeSimulator]:
    """The simulated foreign eIDAS node; it answers the portal of this suite (whose metadata it
    reads when the first request arrives)."""
    node = EidasNodeSimulator(
        port=E2E_EIDAS_NODE_PORT,
        clock=demo_clock_for(e2e_data_dir),
        key_dir=e2e_data_dir / "eidas-node",
        service_providers=(f"http://localhost:{E2E_PORT}{routes.EIDAS_METADATA}",),
    )
    node.start()
    yield node
    node.stop()


@pytest.fixture(scope="session")
def company_register() -> Iterator[CompanyRegisterSimulator]:
    """The company register the portal reads over HTTP; tests may make it fail for a while."""
    register = CompanyRegisterSimulator(port=E2E_COMPANY_REGISTER_PORT)
    register.start()
    yield register
    register.stop()


@pytest.fixture(scope="session")
def demo_cards(pcsc_stack: PcscStack, e2e_data_dir: Path) -> Iterator[DemoCards]:
    """The test PKI, its OCSP responder and empty virtual readers; tests insert cards."""
    cards = start_demo_cards(
        pcsc_stack,
        e2e_data_dir,
        trust_anchors_dir=e2e_data_dir / "trust-anchors",
        ocsp_port=E2E_OCSP_PORT,
        personas=(),
    )
    yield cards
    cards.stop()


@pytest.fixture
def card_slots(demo_cards: DemoCards, e2e_data_dir: Path) -> Iterator[CardSlots]:
    """Empty readers at the start of each test, and the reader held by no login (each test is
    another browser at the kiosk: a login an earlier test left half-way would hold the reader
    for minutes, identity.eid.reader_lease); every PIN unblocked after it."""
    demo_cards.slots.close()
    with Session(portal_engine(e2e_data_dir)) as db:
        db.exec(delete(EidReaderLease))
        db.commit()
    yield demo_cards.slots
    demo_cards.slots.close()
    for slug in demo_cards.slots.personas():
        demo_cards.slots.card_of(slug).unblock_pin()


@pytest.fixture(scope="session")
def portal_url(
    e2e_data_dir: Path,
    mail_store: MailStore,
    pcsc_stack: PcscStack,
    demo_cards: DemoCards,
    sms_gateway: SmsGateway,
    itsme_simulator: ItsmeSimulator,
    eidas_node: EidasNodeSimulator,
    company_register: CompanyRegisterSimulator,
) -> Iterator[str]:
    if not port_is_free(E2E_PORT):
        pytest.fail(f"port {E2E_PORT} is taken: the end-to-end suite runs the portal there")
    settings = {
        "MONESPACE_DATA_DIR": str(e2e_data_dir),
        "MONESPACE_SMTP_PORT": str(E2E_SMTP_PORT),
        "MONESPACE_DEFAULT_LANGUAGE": "fr",
        "MONESPACE_TRUST_ANCHORS_DIR": str(e2e_data_dir / "trust-anchors"),
        "MONESPACE_SMS_GATEWAY_URL": sms_gateway.url,
        "MONESPACE_SMS_GATEWAY_TOKEN": E2E_SMS_TOKEN,
        "MONESPACE_ITSME_URL": itsme_simulator.url,
        "MONESPACE_EIDAS_METADATA_URL": eidas_node.metadata_url,
        "MONESPACE_COMPANY_REGISTER_URL": company_register.url,
        "MONESPACE_BACK_OFFICE_TOKEN": E2E_BACK_OFFICE_TOKEN,
        # As behind one reverse proxy: a journey may stand for another client address by
        # sending X-Forwarded-For (e2e/test_login_throttling.py); without it the address
        # is the socket's, 127.0.0.1, as before. (The scaled stack's nginx is that proxy.)
        "MONESPACE_TRUSTED_PROXY_HOPS": "1",
        **pcsc_stack.client_env,
    }
    if SCALED:
        yield from _scaled_portal(e2e_data_dir, settings)
        return
    url = database_url(e2e_data_dir)
    _prepare_database(url)
    portal = portal_process(
        port=E2E_PORT,
        web_dir=web_dir_for(E2E_PORT),
        pid_dir=e2e_data_dir / "run",
        log_path=e2e_data_dir / "portal.log",
        overrides={**settings, "MONESPACE_DATABASE_URL": url},
    )
    portal.start()
    try:
        wait_for_http(f"http://127.0.0.1:{E2E_PORT}/", timeout=600, process=portal)
        yield f"http://localhost:{E2E_PORT}"
    finally:
        portal.stop()


def _prepare_database(url: str) -> None:
    upgrade(url)
    with Session(make_engine(url)) as db:
        seed_administration_records(db, now=utc_now())
        db.commit()


def _scaled_portal(data_dir: Path, settings: dict[str, str]) -> Iterator[str]:
    """The portal as deployed (simulators.stack.scaled): PostgreSQL, Redis, two backends behind
    nginx on the suite's port; each request and websocket goes to whichever backend nginx
    picks. The journeys' set-up reaches the same PostgreSQL (e2e/database.py)."""
    stack = ScaledStack(
        data_dir / "scaled",
        E2E_PORT,
        [E2E_PORT + 1, E2E_PORT + 2],
        E2E_POSTGRES_PORT,
        E2E_REDIS_PORT,
        overrides=settings,
        fresh_database=True,
    )
    try:
        stack.start_databases()
        (data_dir / URL_FILE).write_text(stack.database_url, encoding="utf-8")
        _prepare_database(stack.database_url)
        stack.start_portal()
        _RUNNING_STACKS.append(stack)
        yield f"http://localhost:{E2E_PORT}"
    finally:
        _RUNNING_STACKS.clear()
        stack.stop()


@pytest.fixture
def scaled_stack(portal_url: str) -> ScaledStack:
    """The running scaled stack, for the journeys that break one of its parts."""
    [stack] = _RUNNING_STACKS
    return stack


@pytest.fixture(scope="session")
def base_url(portal_url: str) -> str:
    return portal_url


@pytest.fixture(scope="session")
def back_office(portal_url: str) -> Iterator[BackOfficeSimulator]:
    """The administration's back office: the agent's pages at ``back_office.url`` (the dossiers
    to handle; ``back_office.case_url(reference)`` opens one) call the portal's API with the
    token the portal was started with."""
    simulator = BackOfficeSimulator(
        f"http://127.0.0.1:{E2E_PORT}", E2E_BACK_OFFICE_TOKEN, port=E2E_BACK_OFFICE_PORT
    )
    simulator.start()
    yield simulator
    simulator.stop()


@pytest.fixture(scope="module", autouse=True)
def fresh_records(
    portal_url: str, e2e_data_dir: Path, mail_store: MailStore, sms_gateway: SmsGateway
) -> None:
    """Each journey file starts from the records of a new portal (the administration's records of
    the personas, no account, no company) and empty mail and SMS inboxes, so that what one file's
    journeys leave behind (an account, a GAP, a role, an old activation mail) never changes what
    another file's first login shows."""
    with Session(portal_engine(e2e_data_dir)) as db:
        for table in reversed(SQLModel.metadata.sorted_tables):
            db.exec(delete(table))
        seed_administration_records(db, now=utc_now())
        db.commit()
    mail_store.clear()
    sms_gateway.store.clear()
    reset_demo_clock(e2e_data_dir)  # a file whose test moved the portal's time left it moved


@pytest.fixture(scope="session")
def authenticator_phone(e2e_data_dir: Path) -> Iterator[AuthenticatorPhone]:
    """The authenticator app's phone (its accounts and codes), on the portal's time."""
    phone = AuthenticatorPhone(
        port=E2E_AUTHENTICATOR_PORT,
        clock=demo_clock_for(e2e_data_dir),
        store_dir=e2e_data_dir / "authenticator",
    )
    phone.start()
    yield phone
    phone.stop()


@pytest.fixture(scope="session")
def trainers_page(
    portal_url: str,
    e2e_data_dir: Path,
    mail_store: MailStore,
    demo_cards: DemoCards,
    sms_gateway: SmsGateway,
    itsme_simulator: ItsmeSimulator,
    company_register: CompanyRegisterSimulator,
    authenticator_phone: AuthenticatorPhone,
) -> Iterator[TrainersPage]:
    """The trainers' page of this stack, as ``make demo`` runs it: the demo clock of the
    suite's data folder, scenario resets, the guides and the hardware panel."""
    page = TrainersPage([], port=E2E_TRAINERS_PORT, clock_dir=e2e_data_dir)
    page.attach(
        DemoParts(
            data_dir=e2e_data_dir,
            database_url=database_url(e2e_data_dir),
            public_origin=portal_url,
            company_register_url=company_register.url,
            trust_anchors_dir=e2e_data_dir / "trust-anchors",
            mail_store=mail_store,
            card_slots=demo_cards.slots,
            sms=sms_gateway.store,
            wallet=authenticator_phone.wallet,
            itsme=itsme_simulator,
            mailbox_url=f"http://127.0.0.1:{E2E_MAILBOX_PORT}",
            sms_url=sms_gateway.url,
            authenticator_url=authenticator_phone.url,
        )
    )
    page.start()
    yield page
    page.stop()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "fr-BE", "viewport": {"width": 1280, "height": 900}}
