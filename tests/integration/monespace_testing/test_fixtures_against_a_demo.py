"""The fixtures of a tester's suite against a running demo (its addresses given as options):
what the suite changed (cards moved or blocked, the register down, the clock moved) is put
back when each test ends, and the mailbox shows each test only its own mails."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from foundation.demo_clock import demo_clock_offset
from simulators.company_register.web import CompanyRegisterSimulator
from simulators.eid.demo_cards import DemoCards, start_demo_cards
from simulators.mailbox.smtp_sink import SmtpSink
from simulators.mailbox.store import MailStore
from simulators.mailbox.web import MailboxWeb
from simulators.pcsc.stack import PcscStack
from simulators.trainers_page import TrainersPage
from tests.integration.conftest import free_port
from tests.integration.monespace_testing.outside_suite import run_suite
from tests.integration.monespace_testing.test_clients import send_mail

pytestmark = pytest.mark.integration

SUITE = """
import os
import smtplib
from email.message import EmailMessage


def test_cards(eid_card):
    marouan = eid_card("marouan-el-yakoubi", reader=2)
    marouan.block_pin()
    eid_card.alone("chloe-ducoeur")
    assert [r.persona for r in eid_card.readers()] == [None, "chloe-ducoeur", None, None]


def test_register_and_clock(company_register, demo_clock):
    company_register.simulate(unavailable=True)
    demo_clock.advance(days=2)
    assert demo_clock.offset.days == 2


def test_mail(mailbox):
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "a@example.org", "new@example.org", "Code"
    message.set_content("Votre code : 123456")
    with smtplib.SMTP("127.0.0.1", int(os.environ["SUITE_SMTP_PORT"])) as smtp:
        smtp.send_message(message)
    assert mailbox.wait_for("new@example.org", subject="Code").code() == "123456"
    assert mailbox.new_messages("old@example.org") == []
"""


@pytest.fixture
def demo(pcsc_stack: PcscStack, tmp_path: Path) -> Iterator[dict[str, str]]:
    """The parts of a demo this suite uses, with the options that point the plugin at them."""
    cards: DemoCards = start_demo_cards(pcsc_stack, tmp_path / "demo", ocsp_port=free_port())
    store = MailStore(tmp_path / "mailbox")
    sink, mailbox = SmtpSink(store, port=free_port()), MailboxWeb(store, port=free_port())
    register = CompanyRegisterSimulator(port=0)
    trainers = TrainersPage([], port=0, clock_dir=tmp_path / "demo")
    for service in (sink, mailbox, register, trainers):
        service.start()
    try:
        send_mail(sink, "old@example.org", "Code", "Votre code : 999999")
        yield {
            "cards": str(cards.control_socket),
            "smtp": str(sink.port),
            "--monespace-eid-socket": str(cards.control_socket),
            "--monespace-mailbox-url": mailbox.url,
            "--monespace-company-register-url": register.url,
            "--monespace-trainers-url": trainers.url,
        }
        assert [slot.persona for slot in cards.slots.status()] == [
            "naima-mremi",
            "chloe-ducoeur",
            None,
            None,
        ]
        assert cards.slots.card_of("marouan-el-yakoubi").content.pin.tries_left == 3
        assert register.simulation.unavailable is False
        assert demo_clock_offset(tmp_path / "demo") == timedelta(0)
    finally:
        for service in (trainers, register, mailbox, sink):
            service.stop()
        cards.stop()


def test_a_suite_leaves_the_demo_as_it_found_it(demo: dict[str, str], tmp_path: Path) -> None:
    options = [f"{name}={value}" for name, value in demo.items() if name.startswith("--")]
    run = run_suite(
        tmp_path / "suite",
        {"test_against_the_demo.py": SUITE},
        *options,
        env={"SUITE_SMTP_PORT": demo["smtp"]},
    )
    assert run.returncode == 0, run.output
    assert "3 passed" in run.output
    # The demo fixture then checks the readers, the PIN, the register and the clock.
