"""The reader's rules (GET RESPONSE, 6Cxx, checks of read_all) against the card OS in memory;
the same paths run through pcscd in tests/integration/identity/eid."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

import pytest

from identity.eid.errors import CardExpiredError, FileSignatureError, NotBelgianEidError
from identity.eid.pcsc_card import PcscEidCard
from simulators.eid.belpic_card import BelpicCard
from simulators.eid.file_system import DedicatedFile, ElementaryFile
from simulators.eid.foreign_card import ForeignCard
from simulators.eid.vpcd_link import CardOs


@dataclass
class FakeConnection:
    """Stands for a PC/SC connection: hands APDUs straight to a card OS and logs them."""

    card: CardOs
    reader: str = "Fake reader 00 00"
    sent: list[bytes] = field(default_factory=list)

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        self.sent.append(apdu)
        answer = self.card.execute(apdu)
        return answer[:-2], int.from_bytes(answer[-2:], "big")

    def disconnect(self) -> None:
        pass


class FakeContext:
    def release(self) -> None:
        pass


def open_card(card: CardOs, today: date = date(2026, 11, 22)) -> tuple[PcscEidCard, FakeConnection]:
    connection = FakeConnection(card)
    session = PcscEidCard(FakeContext(), connection, today=lambda: today)  # type: ignore[arg-type]
    return session, connection


def test_the_reader_follows_6cxx_and_get_response(rsa_card: BelpicCard) -> None:
    session, connection = open_card(rsa_card)
    assert session.applet_version == 0x17
    reading = session.read_all()
    assert reading.identity.surname == "Mremi"
    assert any(apdu[1] == 0xB0 and apdu[4] == 252 for apdu in connection.sent)
    session.verify_pin("1234")
    signature = session.sign(hashlib.sha256(b"x").digest(), hash_algorithm="sha256")
    assert len(signature) == 256
    assert connection.sent[-1][:4] == bytes.fromhex("00C00000")  # fetched by GET RESPONSE


def test_an_expired_card_is_refused_on_the_day_after(rsa_card: BelpicCard) -> None:
    until = date(2032, 5, 2)
    open_card(rsa_card, today=until)[0].read_all()
    with pytest.raises(CardExpiredError):
        open_card(rsa_card, today=date(2032, 5, 3))[0].read_all()


def test_a_tampered_identity_file_is_refused(ec_card: BelpicCard) -> None:
    id_files = ec_card.content.master_file.children[0xDF01]
    assert isinstance(id_files, DedicatedFile)
    identity = id_files.children[0x4031]
    assert isinstance(identity, ElementaryFile)
    identity.content = identity.content.replace(b"Ducoeur", b"Dupont!")
    with pytest.raises(FileSignatureError):
        open_card(ec_card)[0].read_all()


def test_a_foreign_card_is_not_a_belgian_eid() -> None:
    with pytest.raises(NotBelgianEidError):
        open_card(ForeignCard())


def test_a_certificate_of_someone_else_is_refused(
    ec_card: BelpicCard, rsa_card: BelpicCard
) -> None:
    ec_pkcs15 = ec_card.content.master_file.children[0xDF00]
    rsa_pkcs15 = rsa_card.content.master_file.children[0xDF00]
    assert isinstance(ec_pkcs15, DedicatedFile)
    assert isinstance(rsa_pkcs15, DedicatedFile)
    ec_pkcs15.children[0x5038] = rsa_pkcs15.children[0x5038]
    with pytest.raises(FileSignatureError, match="different people"):
        open_card(ec_card)[0].read_all()
