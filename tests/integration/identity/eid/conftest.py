"""Virtual eID cards in the readers of the test run's private pcscd.

The stack itself is the session fixture ``pcsc_stack`` of the root conftest.py (private pcscd on
ports 36300-36303, never the demo's 35963-35966): libpcsclite reads the socket path once per
process, so all tests of a run share it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from identity.eid.pcsc_reader import PcscEidReader
from simulators.eid.card_slots import CardSlots
from simulators.eid.pin import CardholderPin, UnblockingKey
from simulators.pcsc.stack import PcscStack
from simulators.personas.loader import persona
from simulators.pki.test_pki import TestPki


@pytest.fixture(scope="session")
def test_pki(tmp_path_factory: pytest.TempPathFactory) -> TestPki:
    return TestPki(tmp_path_factory.mktemp("eid") / "pki")


@pytest.fixture(scope="session")
def session_slots(pcsc_stack: PcscStack, test_pki: TestPki) -> Iterator[CardSlots]:
    slots = CardSlots(pcsc_stack, test_pki)
    yield slots
    slots.close()


def _restore_codes(slots: CardSlots) -> None:
    """Every card's PIN back to the persona's own with three tries, its PUK's tries full."""
    for slug in list(slots._cards):
        content = slots.card_of(slug).content
        content.pin = CardholderPin(persona(slug).card.pin)
        if content.puk is not None:
            content.puk = UnblockingKey(persona(slug).card.puk)


@pytest.fixture
def slots(session_slots: CardSlots) -> Iterator[CardSlots]:
    """Empty readers and the personas' own PIN and PUK at the start and the end of each test
    (a test may change, block or unblock them)."""
    session_slots.close()
    _restore_codes(session_slots)
    yield session_slots
    session_slots.close()
    _restore_codes(session_slots)


@pytest.fixture
def reader() -> PcscEidReader:
    return PcscEidReader()


@pytest.fixture
def pki_dir(test_pki: TestPki) -> Path:
    return test_pki.directory
