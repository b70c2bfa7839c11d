"""Cards built in memory from the personas and a test PKI (no pcscd needed).

The card's own tests (tests/unit/simulators/eid) and the reader's (tests/unit/identity/eid) import
these fixtures in their conftest.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from simulators.eid.belpic_card import BelpicCard
from simulators.eid.card_builder import build_card
from simulators.personas.loader import persona
from simulators.pki.test_pki import TestPki


@pytest.fixture(scope="session")
def unit_pki(tmp_path_factory: pytest.TempPathFactory) -> TestPki:
    return TestPki(tmp_path_factory.mktemp("unit-eid") / "pki")


def fresh_card(pki: TestPki, slug: str) -> BelpicCard:
    card = build_card(persona(slug), pki)
    card.power_up()
    return card


@pytest.fixture
def rsa_card(unit_pki: TestPki) -> BelpicCard:
    return fresh_card(unit_pki, "naima-mremi")


@pytest.fixture
def ec_card(unit_pki: TestPki) -> BelpicCard:
    return fresh_card(unit_pki, "chloe-ducoeur")


@pytest.fixture
def pki_dir(unit_pki: TestPki) -> Path:
    return unit_pki.directory
