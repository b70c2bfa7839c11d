"""The plugin's command-line options: each may also come from an environment variable, and
otherwise defaults to what ``make demo`` uses on this machine."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pytest

GROUP = "monespace"
DEMO, PRIVATE = "demo", "private"
DEFAULT_PRIVATE_PORT = 3900
DEFAULT_PRIVATE_SIMULATORS_PORT = 8900


@dataclass(frozen=True, slots=True)
class Option:
    name: str  # without the leading dashes
    help: str
    metavar: str = "URL"

    @property
    def flag(self) -> str:
        return f"--{self.name}"

    @property
    def dest(self) -> str:
        return self.name.replace("-", "_")

    @property
    def env(self) -> str:
        """``--monespace-portal-url`` -> ``MONESPACE_TESTING_PORTAL_URL``."""
        return "MONESPACE_TESTING_" + self.name.removeprefix("monespace-").replace("-", "_").upper()


STACK = Option(
    "monespace-stack",
    "demo: the running `make demo` (default); private: a whole stack started for this run",
    metavar="{demo,private}",
)
PORTAL_URL = Option("monespace-portal-url", "the portal (default: the demo's public origin)")
MAILBOX_URL = Option("monespace-mailbox-url", "the mailbox (default: the demo's, port 8026)")
SMS_URL = Option("monespace-sms-url", "the SMS gateway (default: the demo's, port 8027)")
ITSME_URL = Option("monespace-itsme-url", "the itsme simulator (default: the demo's, port 8028)")
AUTHENTICATOR_URL = Option(
    "monespace-authenticator-url", "the authenticator phone (default: the demo's, port 8029)"
)
TRAINERS_URL = Option(
    "monespace-trainers-url", "the trainers' page and its demo clock (default: port 8030)"
)
COMPANY_REGISTER_URL = Option(
    "monespace-company-register-url", "the company register (default: the demo's, port 8031)"
)
EIDAS_NODE_URL = Option(
    "monespace-eidas-node-url", "the eIDAS node simulator (default: the demo's, port 8033)"
)
EID_SOCKET = Option(
    "monespace-eid-socket",
    "the demo's eID control socket (default: <the demo's data folder>/cards/control.sock)",
    metavar="PATH",
)
PRIVATE_PORT = Option(
    "monespace-private-port",
    f"private stack: the portal's port (default {DEFAULT_PRIVATE_PORT}; its frontend is built "
    "once per port)",
    metavar="PORT",
)
PRIVATE_SIMULATORS_PORT = Option(
    "monespace-private-simulators-port",
    f"private stack: the first of ten ports for the simulators (default "
    f"{DEFAULT_PRIVATE_SIMULATORS_PORT})",
    metavar="PORT",
)
PRIVATE_DATA_DIR = Option(
    "monespace-private-data-dir",
    "private stack: its data folder, emptied first (default: a temporary folder of the run)",
    metavar="DIR",
)
CHROMIUM = Option(
    "monespace-chromium",
    "launch Playwright's Chromium from this executable (e.g. /usr/bin/chromium), offline",
    metavar="PATH",
)

ALL = (
    STACK,
    PORTAL_URL,
    MAILBOX_URL,
    SMS_URL,
    ITSME_URL,
    AUTHENTICATOR_URL,
    TRAINERS_URL,
    COMPANY_REGISTER_URL,
    EIDAS_NODE_URL,
    EID_SOCKET,
    PRIVATE_PORT,
    PRIVATE_SIMULATORS_PORT,
    PRIVATE_DATA_DIR,
    CHROMIUM,
)


def add_options(parser: pytest.Parser) -> None:
    group = parser.getgroup(GROUP, "Mon Espace (testers' plugin, docs/testing.md)")
    for option in ALL:
        kwargs: dict[str, object] = {
            "dest": option.dest,
            "default": None,
            "help": f"{option.help} [env {option.env}]",
            "metavar": option.metavar,
        }
        if option is STACK:
            kwargs["choices"] = (DEMO, PRIVATE)
        group.addoption(option.flag, **kwargs)


def value(config: pytest.Config, option: Option) -> str | None:
    """The option's value: the command line, else its environment variable, else None."""
    given = config.getoption(option.dest, default=None)
    if given not in (None, ""):
        return str(given)
    return os.environ.get(option.env) or None


def stack_mode(config: pytest.Config) -> Literal["demo", "private"]:
    mode = value(config, STACK) or DEMO
    if mode not in (DEMO, PRIVATE):
        raise pytest.UsageError(f"{STACK.env} must be {DEMO} or {PRIVATE}, not {mode!r}")
    return "private" if mode == PRIVATE else "demo"


@dataclass(frozen=True, slots=True)
class DemoAddresses:
    portal: str
    mailbox: str
    sms: str
    itsme: str
    authenticator: str
    trainers: str
    company_register: str
    eid_socket: Path
    eidas_node: str


def demo_addresses(config: pytest.Config) -> DemoAddresses:
    """Where the running demo is: the options, else the demo's own settings (the same
    ``MONESPACE_*`` and ``MONESPACE_DEMO_*`` variables ``make demo`` reads)."""
    # Imported here, when a fixture first needs the demo: not in every pytest run.
    from foundation.settings import get_settings
    from simulators.demo_settings import DemoSettings

    settings, demo = get_settings(), DemoSettings()
    base = demo.key_simulators_port

    def loopback(port: int) -> str:
        return f"http://127.0.0.1:{port}"

    socket = value(config, EID_SOCKET)
    return DemoAddresses(
        portal=value(config, PORTAL_URL) or settings.public_origin,
        mailbox=value(config, MAILBOX_URL) or loopback(demo.mailbox_port),
        sms=value(config, SMS_URL) or loopback(base),
        itsme=value(config, ITSME_URL) or loopback(base + 1),
        authenticator=value(config, AUTHENTICATOR_URL) or loopback(base + 2),
        trainers=value(config, TRAINERS_URL) or loopback(base + 3),
        company_register=value(config, COMPANY_REGISTER_URL) or loopback(base + 4),
        eid_socket=Path(socket) if socket else settings.data_dir / "cards" / "control.sock",
        eidas_node=value(config, EIDAS_NODE_URL) or loopback(demo.resolved_eidas_node_port),
    )


def private_ports(config: pytest.Config) -> tuple[int, int]:
    """The private stack's portal port and first simulators' port."""
    ports = []
    for option, default in (
        (PRIVATE_PORT, DEFAULT_PRIVATE_PORT),
        (PRIVATE_SIMULATORS_PORT, DEFAULT_PRIVATE_SIMULATORS_PORT),
    ):
        given = value(config, option)
        try:
            ports.append(int(given) if given else default)
        except ValueError:
            raise pytest.UsageError(f"{option.flag} must be a port number, not {given!r}") from None
    return ports[0], ports[1]
