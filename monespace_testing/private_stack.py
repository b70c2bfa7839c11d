"""A whole Mon Espace for one test run: pcscd with the virtual readers and cards, the mailbox,
the SMS gateway, itsme, the authenticator phone, the trainers' page, the company register, the
back office, the eIDAS node, and the portal in production mode, each on its own port, its data
in one folder.

What ``make demo`` starts, apart from a running demo: the same cards in the same readers
(Naïma Mremi in reader 0, Chloé Ducoeur in reader 1), so a suite passes against either. It runs
the portal from the project's checkout (an editable install of the package): its first start on
a port builds the frontend into ``.web-<port>`` (a few minutes), later ones reuse it.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete
from sqlmodel import Session

from foundation.clock import utc_now
from foundation.db import make_engine
from foundation.demo_clock import demo_clock_for
from foundation.models.eid_reader_lease import EidReaderLease
from foundation.models.migrate import upgrade
from simulators.administration.seed import seed_administration_records
from simulators.eid.demo_cards import DemoCards, start_demo_cards
from simulators.key_simulators import KeySimulatorPorts, KeySimulators, start_key_simulators
from simulators.mailbox.smtp_sink import SmtpSink
from simulators.mailbox.store import MailStore
from simulators.mailbox.web import MailboxWeb
from simulators.pcsc.stack import PcscStack
from simulators.stack.portal_process import portal_process, web_dir_for
from simulators.stack.processes import ManagedProcess, port_is_free, wait_for_http

# The readers' ports of test runs (the project's own suites take theirs from the same range,
# each run the first four free ones; the demo's are 35963-35966).
READER_PORTS = range(36300, 36700, 4)
PORTAL_START_TIMEOUT = 900.0  # a first start builds the frontend


class PrivateStackError(RuntimeError):
    pass


@dataclass(frozen=True, slots=True)
class StackPorts:
    """The portal's port, and ten consecutive ports from ``simulators`` for the rest."""

    portal: int
    simulators: int

    @property
    def smtp(self) -> int:
        return self.simulators

    @property
    def mailbox(self) -> int:
        return self.simulators + 1

    @property
    def ocsp(self) -> int:
        return self.simulators + 2

    @property
    def key_simulators(self) -> KeySimulatorPorts:
        base = self.simulators + 3
        return KeySimulatorPorts(
            sms=base,
            itsme=base + 1,
            authenticator=base + 2,
            trainers=base + 3,
            company_register=base + 4,
            back_office=base + 5,
            eidas_node=base + 6,
        )

    def named(self) -> list[tuple[int, str]]:
        return [
            (self.portal, "portal"),
            (self.smtp, "SMTP sink"),
            (self.mailbox, "mailbox"),
            (self.ocsp, "OCSP responder"),
            *self.key_simulators.named(),
        ]


def free_reader_ports() -> int:
    for base in READER_PORTS:
        if all(port_is_free(port, "0.0.0.0") for port in range(base, base + 4)):  # noqa: S104
            return base
    raise PrivateStackError("no four free ports for the virtual readers in 36300-36699")


@dataclass
class PrivateStack:
    data_dir: Path
    ports: StackPorts
    _stoppers: list[tuple[str, Callable[[], None]]] = field(default_factory=list, init=False)
    _pcsc: PcscStack | None = field(default=None, init=False)
    _cards: DemoCards | None = field(default=None, init=False)
    _mailbox: MailboxWeb | None = field(default=None, init=False)
    _keys: KeySimulators | None = field(default=None, init=False)
    _portal: ManagedProcess | None = field(default=None, init=False)
    _previous_env: dict[str, str | None] = field(default_factory=dict, init=False)

    @property
    def database_url(self) -> str:
        return f"sqlite:///{self.data_dir / 'monespace.db'}"

    @property
    def portal_url(self) -> str:
        # localhost, not 127.0.0.1: the portal's public origin (the eID login binds to it).
        return f"http://localhost:{self.ports.portal}"

    @property
    def mailbox_url(self) -> str:
        return f"http://127.0.0.1:{self.ports.mailbox}"

    @property
    def eid_socket(self) -> Path:
        assert self._cards is not None, "the stack is not started"
        return self._cards.control_socket

    @property
    def keys(self) -> KeySimulators:
        assert self._keys is not None, "the stack is not started"
        return self._keys

    @property
    def portal_log(self) -> Path:
        return self.data_dir / "portal.log"

    def start(self) -> None:
        taken = [f"{port} ({what})" for port, what in self.ports.named() if not port_is_free(port)]
        if taken:
            raise PrivateStackError(
                "ports already in use: " + ", ".join(taken) + "; choose others with "
                "--monespace-private-port and --monespace-private-simulators-port"
            )
        self.data_dir.mkdir(parents=True, exist_ok=True)
        try:
            self._start_all()
        except BaseException:
            self.stop()
            raise

    def _start_all(self) -> None:
        upgrade(self.database_url)
        with Session(make_engine(self.database_url)) as db:
            seed_administration_records(db, now=utc_now())
            db.commit()

        pcsc = PcscStack(self.data_dir / "pcsc", private=True, base_port=free_reader_ports())
        pcsc.start()
        self._stoppers.append(("pcscd", pcsc.stop))
        self._pcsc = pcsc
        # The cards run in this process and look at their reader through PC/SC: this pcscd.
        self._previous_env = {name: os.environ.get(name) for name in pcsc.client_env}
        os.environ.update(pcsc.client_env)
        self._stoppers.append(("environment", self._restore_environment))

        cards = start_demo_cards(
            pcsc,
            self.data_dir,
            trust_anchors_dir=self.data_dir / "trust-anchors",
            ocsp_port=self.ports.ocsp,
        )
        self._stoppers.append(("virtual cards", cards.stop))
        self._cards = cards

        store = MailStore(self.data_dir / "mailbox")
        sink = SmtpSink(store, port=self.ports.smtp)
        sink.start()
        self._stoppers.append(("SMTP sink", sink.stop))
        mailbox = MailboxWeb(store, port=self.ports.mailbox)
        mailbox.start()
        self._stoppers.append(("mailbox", mailbox.stop))
        self._mailbox = mailbox

        # Secrets of this run only: the portal and the simulators that call it share them.
        sms_token = secrets.token_urlsafe(16)
        back_office_token = secrets.token_urlsafe(24)
        keys = start_key_simulators(
            self.data_dir,
            ports=self.ports.key_simulators,
            sms_token=sms_token,
            mailbox_url=mailbox.url,
            portal_url=self.portal_url,
            back_office_token=back_office_token,
            # The trainers' page moves this stack's demo clock (the demo_clock fixture); the
            # phones, the SMS gateway and itsme date by it, as the portal does.
            clock=demo_clock_for(self.data_dir),
            demo_clock_dir=self.data_dir,
        )
        self._stoppers.append(("simulators", keys.stop))
        self._keys = keys

        portal = portal_process(
            port=self.ports.portal,
            web_dir=web_dir_for(self.ports.portal),
            pid_dir=self.data_dir / "run",
            log_path=self.portal_log,
            overrides={
                "MONESPACE_DATA_DIR": str(self.data_dir),
                "MONESPACE_DATABASE_URL": self.database_url,
                "MONESPACE_SECRET_KEY": secrets.token_urlsafe(32),
                "MONESPACE_SMTP_PORT": str(self.ports.smtp),
                "MONESPACE_DEFAULT_LANGUAGE": "fr",
                "MONESPACE_TRUST_ANCHORS_DIR": str(self.data_dir / "trust-anchors"),
                "MONESPACE_SMS_GATEWAY_URL": keys.sms_url,
                "MONESPACE_SMS_GATEWAY_TOKEN": sms_token,
                "MONESPACE_ITSME_URL": keys.itsme_url,
                # The node reads the portal's metadata at portal_url (its default entity id).
                "MONESPACE_EIDAS_METADATA_URL": keys.eidas_metadata_url,
                "MONESPACE_COMPANY_REGISTER_URL": keys.company_register_url,
                "MONESPACE_BACK_OFFICE_TOKEN": back_office_token,
                **pcsc.client_env,
            },
        )
        portal.start()
        self._stoppers.append(("portal", portal.stop))
        self._portal = portal
        wait_for_http(
            f"http://127.0.0.1:{self.ports.portal}/", timeout=PORTAL_START_TIMEOUT, process=portal
        )

    def free_reader(self) -> None:
        """No eID login holds the reader: a test that stopped half-way through one would hold
        it for minutes (identity.eid.reader_lease), and the next test is another browser."""
        with Session(make_engine(self.database_url)) as db:
            db.exec(delete(EidReaderLease))
            db.commit()

    def stop(self) -> None:
        while self._stoppers:
            _name, stop = self._stoppers.pop()
            with contextlib.suppress(Exception):
                stop()

    def _restore_environment(self) -> None:
        for name, value in self._previous_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
