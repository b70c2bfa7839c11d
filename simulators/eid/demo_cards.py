"""The eID side of ``make demo``: cards in the readers, the CLI's control socket, OCSP.

    cards = start_demo_cards(stack, data_dir)   # after stack.start()
    ...
    cards.stop()                                 # before stack.stop()

Everything runs as threads of the calling process (no process per card) and ``stop`` ends
them all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from foundation.demo_clock import demo_clock_for
from simulators.eid.card_slots import CardSlots
from simulators.eid.control import ControlServer
from simulators.pcsc.stack import PcscStack
from simulators.pki.ocsp_responder import OcspResponder
from simulators.pki.test_pki import DEFAULT_OCSP_PORT, TestPki

FIRST_READER_PERSONA = "naima-mremi"  # applet 1.7 (RSA)
SECOND_READER_PERSONA = "chloe-ducoeur"  # applet 1.8 (ECDSA)


def control_socket_path(data_dir: Path) -> Path:
    return data_dir / "cards" / "control.sock"


@dataclass
class DemoCards:
    slots: CardSlots
    control: ControlServer
    ocsp: OcspResponder
    trust_anchor: Path  # the test root, as PEM, where the portal reads its trust anchors

    @property
    def control_socket(self) -> Path:
        return self.control.socket_path

    @property
    def ocsp_url(self) -> str:
        return self.ocsp.url

    def stop(self) -> None:
        self.control.stop()
        self.slots.close()
        self.ocsp.stop()


def start_demo_cards(
    stack: PcscStack,
    data_dir: Path,
    *,
    trust_anchors_dir: Path | None = None,
    ocsp_port: int = DEFAULT_OCSP_PORT,
    personas: tuple[str | None, ...] = (FIRST_READER_PERSONA, SECOND_READER_PERSONA),
    clock: Callable[[], dt.datetime] | None = None,
) -> DemoCards:
    """Generates the test PKI on first run (under ``data_dir/pki``), writes its root to
    ``trust_anchors_dir`` (default ``data_dir/pki/trust-anchors``, the portal's default),
    starts the OCSP responder on 127.0.0.1:``ocsp_port`` and the control socket
    ``data_dir/cards/control.sock``, and inserts ``personas[i]`` in reader i. The responder
    dates its answers by ``clock``, by default ``data_dir``'s demo clock: a portal whose time a
    trainer moved 30 days ahead would find answers of the real time too old."""
    pki = TestPki(data_dir / "pki", ocsp_url=f"http://127.0.0.1:{ocsp_port}/ocsp")
    trust_anchor = pki.write_trust_anchors(trust_anchors_dir or data_dir / "pki" / "trust-anchors")
    ocsp = OcspResponder(pki, port=ocsp_port, clock=clock or demo_clock_for(data_dir))
    ocsp.start()
    slots = CardSlots(stack, pki)
    try:
        control = ControlServer(slots, control_socket_path(data_dir))
        control.start()
    except BaseException:
        ocsp.stop()
        raise
    cards = DemoCards(slots=slots, control=control, ocsp=ocsp, trust_anchor=trust_anchor)
    try:
        for index, slug in enumerate(personas):
            if slug is not None:
                slots.insert(index, slug)
    except BaseException:
        cards.stop()
        raise
    return cards
