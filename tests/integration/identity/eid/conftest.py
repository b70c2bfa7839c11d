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
from simulators.pcsc.stack import PcscStack
from simulators.pki.test_pki import TestPki


@pytest.fixture(scope="session")
def test_pki(tmp_path_factory: pytest.TempPathFactory) -> TestPki:
    return TestPki(tmp_path_factory.mktemp("eid") / "pki")


@pytest.fixture(scope="session")
def session_slots(pcsc_stack: PcscStack, test_pki: TestPki) -> Iterator[CardSlots]:
    slots = CardSlots(pcsc_stack, test_pki)
    yield slots
    slots.close()


@pytest.fixture
def slots(session_slots: CardSlots) -> Iterator[CardSlots]:
    """Empty readers at the start of each test; PINs unblocked at the end."""
    session_slots.close()
    yield session_slots
    session_slots.close()
    for slug in list(session_slots._cards):
        session_slots.card_of(slug).unblock_pin()


@pytest.fixture
def reader() -> PcscEidReader:
    return PcscEidReader()


@pytest.fixture
def pki_dir(test_pki: TestPki) -> Path:
    return test_pki.directory
