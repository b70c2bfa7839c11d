"""The pytest plugin ``monespace`` (entry point in pyproject.toml): fixtures that drive a Mon
Espace demo's simulated hardware for a tester's own suite. docs/testing.md explains them.

pytest loads this module in every run of an environment where the package is installed: it
defines options and fixtures only, none of them autouse, and imports nothing heavy until a
fixture is used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pytest

from monespace_testing import options
from monespace_testing._http import ServiceUnavailableError
from monespace_testing.authenticator import AuthenticatorPhone
from monespace_testing.company_register import CompanyRegister
from monespace_testing.demo_clock import DemoClock
from monespace_testing.eid import EidCards, EidControl, EidControlError
from monespace_testing.eidas_node import EidasNode
from monespace_testing.itsme import ItsmePhone
from monespace_testing.mailbox import Mailbox
from monespace_testing.portal import Portal
from monespace_testing.sms import SmsInbox

if TYPE_CHECKING:
    from monespace_testing.private_stack import PrivateStack

T = TypeVar("T")


@dataclass
class MonEspaceStack:
    """Where the portal and each simulator answer, in the demo or in the private stack."""

    mode: str
    portal_url: str
    mailbox_url: str
    sms_url: str
    itsme_url: str
    authenticator_url: str
    trainers_url: str
    company_register_url: str
    eid_socket: Path
    eidas_node_url: str
    private: PrivateStack | None = field(default=None, repr=False)

    def free_reader(self) -> None:
        """Private stack: no eID login left half-way by an earlier test holds the reader (the
        demo's database is not this suite's to touch: there it frees itself in 3 minutes)."""
        if self.private is not None:
            self.private.free_reader()


def pytest_addoption(parser: pytest.Parser) -> None:
    options.add_options(parser)


def pytest_configure(config: pytest.Config) -> None:
    if options.value(config, options.CHROMIUM) and config.pluginmanager.hasplugin("playwright"):
        from monespace_testing import chromium_launch

        config.pluginmanager.register(chromium_launch, "monespace-chromium")


def _reachable(make: Callable[[], T]) -> T:
    """The simulator's client, or the test fails saying what to start (not a traceback)."""
    try:
        return make()
    except (ServiceUnavailableError, EidControlError) as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="session")
def monespace_stack(
    pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[MonEspaceStack]:
    """The running demo's addresses (``--monespace-stack=demo``, the default), or a private
    stack started for the session (``--monespace-stack=private``) and stopped after it."""
    if options.stack_mode(pytestconfig) == options.DEMO:
        found = options.demo_addresses(pytestconfig)
        yield MonEspaceStack(
            mode=options.DEMO,
            portal_url=found.portal,
            mailbox_url=found.mailbox,
            sms_url=found.sms,
            itsme_url=found.itsme,
            authenticator_url=found.authenticator,
            trainers_url=found.trainers,
            company_register_url=found.company_register,
            eid_socket=found.eid_socket,
            eidas_node_url=found.eidas_node,
        )
        return

    import shutil

    from monespace_testing.private_stack import PrivateStack, StackPorts

    portal_port, simulators_port = options.private_ports(pytestconfig)
    given_dir = options.value(pytestconfig, options.PRIVATE_DATA_DIR)
    if given_dir:
        data_dir = Path(given_dir).resolve()
        shutil.rmtree(data_dir, ignore_errors=True)
    else:
        data_dir = tmp_path_factory.mktemp("monespace")
    stack = PrivateStack(data_dir, StackPorts(portal=portal_port, simulators=simulators_port))
    stack.start()
    try:
        keys = stack.keys
        yield MonEspaceStack(
            mode=options.PRIVATE,
            portal_url=stack.portal_url,
            mailbox_url=stack.mailbox_url,
            sms_url=keys.sms_url,
            itsme_url=keys.itsme_url,
            authenticator_url=keys.authenticator_url,
            trainers_url=keys.trainers_url,
            company_register_url=keys.company_register_url,
            eid_socket=stack.eid_socket,
            eidas_node_url=keys.eidas_node_url,
            private=stack,
        )
    finally:
        stack.stop()


@pytest.fixture
def eid_card(monespace_stack: MonEspaceStack) -> Iterator[EidCards]:
    """``eid_card("naima-mremi")`` puts the persona's card in the first empty reader (or
    ``reader=2``) and gives the card: ``.remove()``, ``.insert(reader)``, ``.block_pin()``,
    ``.reset()``, ``.name``, ``.pin``, ``.puk``, ``.reader``, ``.pin_tries_left``. After the
    test the readers hold what they held before it and touched cards have their PIN reset."""
    cards = _reachable(lambda: EidCards(EidControl(monespace_stack.eid_socket)))
    yield cards
    cards.restore()


@pytest.fixture
def mailbox(monespace_stack: MonEspaceStack) -> Mailbox:
    """The mails the portal sent: ``mailbox.wait_for(address, subject=...)`` gives the newest
    mail that arrived during this test, with ``.link(path)`` and ``.code()``."""
    return _reachable(lambda: Mailbox(monespace_stack.mailbox_url))


@pytest.fixture
def sms_inbox(monespace_stack: MonEspaceStack) -> SmsInbox:
    """The SMS the portal sent: ``sms_inbox.wait_for("+32470123456").code()``."""
    return _reachable(lambda: SmsInbox(monespace_stack.sms_url))


@pytest.fixture
def authenticator_phone(monespace_stack: MonEspaceStack) -> AuthenticatorPhone:
    """The TOTP app: ``enrol(qr_locator)`` from a screenshot of the QR code, then
    ``code()`` and ``next_code(after=...)``."""
    return AuthenticatorPhone(monespace_stack.authenticator_url)


@pytest.fixture
def itsme_phone(monespace_stack: MonEspaceStack) -> ItsmePhone:
    """The itsme phones: ``itsme_phone.approve("+32470123456")`` or ``.refuse(...)`` once the
    portal pushed its request."""
    return _reachable(lambda: ItsmePhone(monespace_stack.itsme_url))


@pytest.fixture
def eidas_node(monespace_stack: MonEspaceStack) -> EidasNode:
    """The simulated foreign eIDAS node: ``eidas_node.citizens()``, ``.citizen("lena-schneider")``
    (name, country, PersonIdentifier, level); ``portal.log_in_european(slug)`` logs in as one."""
    return _reachable(lambda: EidasNode(monespace_stack.eidas_node_url))


@pytest.fixture
def company_register(monespace_stack: MonEspaceStack) -> Iterator[CompanyRegister]:
    """The company register: ``company(number)``, ``companies(representative=...)``,
    ``with company_register.outage(): ...``; its outage simulation is put back after the
    test."""
    register = CompanyRegister(monespace_stack.company_register_url)
    before = _reachable(register.simulation)
    yield register
    register.simulate(
        delay_seconds=before.get("delay_seconds", 0), unavailable=before.get("unavailable", False)
    )


@pytest.fixture
def demo_clock(monespace_stack: MonEspaceStack) -> Iterator[DemoClock]:
    """The portal's time: ``demo_clock.advance(days=31)``, ``.now()``, ``.reset()``; put back
    where it was after the test."""
    clock = _reachable(lambda: DemoClock(monespace_stack.trainers_url))
    yield clock
    clock.restore()


@pytest.fixture
def portal(monespace_stack: MonEspaceStack, request: pytest.FixtureRequest) -> Portal:
    """The portal: ``portal.url``, ``portal.link(path)``, and ``portal.log_in("naima-mremi")``
    / ``portal.log_in_with_account(...)``, which put the persona's card in the reader and log in
    through the real eID flow in the test's Playwright ``page``; ``log_in_european(
    "lena-schneider")`` / ``log_in_european_with_account(...)`` through the eIDAS node."""
    from monespace_testing._http import JsonService

    _reachable(
        lambda: JsonService(
            monespace_stack.portal_url, name="Mon Espace portal", option="--monespace-portal-url"
        ).get("/ping")
    )

    def fixture(name: str) -> Callable[[], Any]:
        return lambda: request.getfixturevalue(name)

    return Portal(
        monespace_stack.portal_url,
        cards=fixture("eid_card"),
        mailbox=fixture("mailbox"),
        page=fixture("page"),
        free_reader=monespace_stack.free_reader,
        eidas_node=fixture("eidas_node"),
    )
