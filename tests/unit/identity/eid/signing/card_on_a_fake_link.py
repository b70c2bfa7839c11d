"""A virtual card in memory behind the real ``PcscEidCard`` (no pcscd), and a reader finding it;
the APDUs sent are kept, so a test can tell what the card was asked."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from identity.eid.pcsc_card import PcscEidCard
from simulators.eid.belpic_card import BelpicCard
from simulators.eid.card_keys import NON_REPUDIATION_KEY_REFERENCE, Signer
from simulators.eid.vpcd_link import CardOs
from tests.unit.identity.eid.test_reader_with_a_fake_link import FakeConnection, FakeContext

# Inside the validity of every persona's card and certificates of the test PKI.
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
VERIFY, MSE_SET, PSO = 0x20, 0x22, 0x2A


@dataclass
class ClosableConnection(FakeConnection):
    disconnected: bool = False

    def disconnect(self) -> None:
        self.disconnected = True

    def instructions(self) -> list[int]:
        return [apdu[1] for apdu in self.sent]


def open_card(card: CardOs) -> tuple[PcscEidCard, ClosableConnection]:
    connection = ClosableConnection(card)
    session = PcscEidCard(
        FakeContext(),  # type: ignore[arg-type]
        connection,  # type: ignore[arg-type]
        today=lambda: date(NOW.year, NOW.month, NOW.day),
    )
    return session, connection


@dataclass
class FakeReader:
    """An ``EidReader`` with one card in it."""

    card: CardOs
    connections: list[ClosableConnection] = field(default_factory=list)

    def list_readers(self) -> list[str]:
        return ["Fake reader 00 00"]

    def wait_for_card(self, *, reader: str | None = None, timeout: float = 0.0) -> PcscEidCard:
        session, connection = open_card(self.card)
        self.connections.append(connection)
        return session

    def wait_for_removal(self, reader: str, *, timeout: float) -> bool:
        return False


@dataclass
class CountingSigner:
    """The card's private key, counting what it signs."""

    key: Signer
    count: int = 0

    def sign(self, algorithm_reference: int, data: bytes) -> bytes:
        self.count += 1
        return self.key.sign(algorithm_reference, data)


@contextmanager
def non_repudiation_signatures(card: BelpicCard) -> Iterator[CountingSigner]:
    """Counts the signatures the card's non-repudiation key makes inside the block."""
    key = card.content.signers[NON_REPUDIATION_KEY_REFERENCE]
    counter = CountingSigner(key)
    card.content.signers[NON_REPUDIATION_KEY_REFERENCE] = counter
    try:
        yield counter
    finally:
        card.content.signers[NON_REPUDIATION_KEY_REFERENCE] = key
