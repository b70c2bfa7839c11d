"""The demo's cards and the tester CLI that drives them through the control socket."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509

from identity.eid.errors import NoCardError, PinBlockedError
from identity.eid.pcsc_reader import PcscEidReader
from simulators.eid.card_slots import CardSlots, reader_name
from simulators.eid.cli import main as cli
from simulators.eid.demo_cards import DemoCards, start_demo_cards
from simulators.pcsc.stack import PcscStack
from simulators.personas.loader import persona
from tests.integration.conftest import free_port

pytestmark = pytest.mark.integration


@pytest.fixture
def demo(slots: CardSlots, pcsc_stack: PcscStack, tmp_path: Path) -> Iterator[DemoCards]:
    slots.close()  # the readers belong to the demo's cards in this test
    cards = start_demo_cards(pcsc_stack, tmp_path, ocsp_port=free_port())
    yield cards
    cards.stop()


def _threads() -> set[str]:
    return {t.name for t in threading.enumerate()}


def test_the_demo_puts_an_applet_1_7_and_an_applet_1_8_card_in_the_first_readers(
    demo: DemoCards, reader: PcscEidReader, tmp_path: Path
) -> None:
    with reader.wait_for_card(reader=reader_name(0), timeout=5) as first:
        assert first.applet_version == 0x17
        assert first.read_all().identity.surname == "Mremi"
    with reader.wait_for_card(reader=reader_name(1), timeout=5) as second:
        assert second.applet_version == 0x18
        assert second.read_all().identity.surname == "Ducoeur"
    anchor = x509.load_pem_x509_certificate(demo.trust_anchor.read_bytes())
    assert demo.trust_anchor.parent == tmp_path / "pki" / "trust-anchors"
    assert "Belgium Root CA" in anchor.subject.rfc4514_string()


def test_stop_leaves_nothing_behind(
    slots: CardSlots, pcsc_stack: PcscStack, tmp_path: Path, reader: PcscEidReader
) -> None:
    before = _threads()
    cards = start_demo_cards(pcsc_stack, tmp_path, ocsp_port=free_port())
    cards.stop()
    assert _threads() == before
    assert not cards.control_socket.exists()
    assert reader.wait_for_removal(reader_name(0), timeout=3)
    with pytest.raises(NoCardError):
        reader.wait_for_card(reader=reader_name(0), timeout=0.5)


def test_the_cli_inserts_removes_and_blocks(
    demo: DemoCards, reader: PcscEidReader, capsys: pytest.CaptureFixture[str]
) -> None:
    socket = ["--socket", str(demo.control_socket)]
    assert cli([*socket, "insert", "marouan-el-yakoubi", "--reader", "2"]) == 0
    with reader.wait_for_card(reader=reader_name(2), timeout=5) as card:
        assert card.read_identity().surname == "El Yakoubi"

    assert cli([*socket, "block-pin", "naima-mremi"]) == 0
    with reader.wait_for_card(reader=reader_name(0), timeout=5) as card:
        assert card.pin_tries_left() == 0
        with pytest.raises(PinBlockedError):
            card.verify_pin("1234")
    assert cli([*socket, "unblock-pin", "naima-mremi"]) == 0

    capsys.readouterr()
    assert cli([*socket, "status"]) == 0
    status = capsys.readouterr().out
    assert "naima-mremi (applet 1.7, PIN tries left 3)" in status
    assert "marouan-el-yakoubi (applet 1.8" in status
    assert "(empty)" in status  # reader 3

    assert cli([*socket, "remove", "marouan-el-yakoubi"]) == 0
    assert reader.wait_for_removal(reader_name(2), timeout=3)

    # A card is in one reader at a time; an unknown persona is refused with a message.
    assert cli([*socket, "insert", "naima-mremi", "--reader", "3"]) == 1
    assert cli([*socket, "insert", "nobody", "--reader", "3"]) == 1
    assert "unknown persona" in capsys.readouterr().err


def test_the_cli_changes_and_unblocks_the_pin_through_the_card(
    demo: DemoCards, reader: PcscEidReader, capsys: pytest.CaptureFixture[str]
) -> None:
    socket = ["--socket", str(demo.control_socket)]
    naima, chloe = persona("naima-mremi").card.puk, persona("chloe-ducoeur").card.puk
    assert cli([*socket, "change-pin", "naima-mremi", "--old", "1234", "--new", "8642"]) == 0
    assert "PIN tries left 3" in capsys.readouterr().out
    assert cli([*socket, "change-pin", "naima-mremi", "--old", "1234", "--new", "1111"]) == 1
    assert "2 attempt(s) left" in capsys.readouterr().err

    assert cli([*socket, "block-pin", "naima-mremi"]) == 0
    assert cli([*socket, "unblock-pin", "naima-mremi", "--puk", "1" * 12]) == 1
    assert "Incorrect PUK code" in capsys.readouterr().err
    assert cli([*socket, "unblock-pin", "naima-mremi", "--puk", naima, "--new-pin", "1234"]) == 0
    with reader.wait_for_card(reader=reader_name(0), timeout=5) as card:
        card.verify_pin("1234")

    # Applet 1.8: the card refuses the PUK; the tester's reset is the municipality's way back.
    assert cli([*socket, "block-pin", "chloe-ducoeur"]) == 0
    assert cli([*socket, "unblock-pin", "chloe-ducoeur", "--puk", chloe]) == 1
    assert "municipal administration" in capsys.readouterr().err
    assert cli([*socket, "unblock-pin", "chloe-ducoeur"]) == 0

    assert cli([*socket, "change-pin", "marouan-el-yakoubi", "--old", "1", "--new", "2"]) == 1
    assert "in no reader" in capsys.readouterr().err


def test_the_cli_runs_as_a_command(demo: DemoCards) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "simulators.eid", "--socket", str(demo.control_socket), "personas"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "naima-mremi" in result.stdout
    assert "PIN 1234" in result.stdout
    assert f"PUK {persona('naima-mremi').card.puk}" in result.stdout
    assert "in reader 0" in result.stdout


def test_the_cli_says_when_no_demo_runs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["--socket", str(tmp_path / "none.sock"), "status"]) == 2
    assert "make demo" in capsys.readouterr().err
