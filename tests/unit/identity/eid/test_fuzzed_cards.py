"""What a broken or hostile card sent when bench/fuzz_inputs.py crashed the reader: each is now
refused as the card's data (CardDataError), and the reading ends."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest

from identity.eid.errors import CardDataError
from identity.eid.identity_file import parse_birth_date
from identity.eid.pcsc_card import MAX_FILE_LENGTH, MAX_RESPONSE_ROUNDS, PcscEidCard
from simulators.eid.belpic_card import BelpicCard
from simulators.eid.file_system import DedicatedFile, ElementaryFile


@dataclass
class EndlessCard:
    """Hands commands to the card OS, then answers as a card that never finishes: "61 10, more
    to come" to everything once it is identified, or full READ BINARY chunks for ever."""

    card: BelpicCard
    endless: str
    reader: str = "Hostile reader 00 00"
    sent: list[bytes] = field(default_factory=list)

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        self.sent.append(apdu)
        if len(self.sent) > 10_000:
            raise AssertionError("the reader never stopped")
        answer = self.card.execute(apdu)
        if self.endless == "more" and len(self.sent) > 1:
            return b"\x00" * 16, 0x6110
        if self.endless == "chunks" and apdu[1] == 0xB0:
            return b"\x00" * apdu[4], 0x9000
        return answer[:-2], int.from_bytes(answer[-2:], "big")

    def disconnect(self) -> None:
        pass


class _Context:
    def release(self) -> None:
        pass


def _session(card: BelpicCard, endless: str) -> tuple[PcscEidCard, EndlessCard]:
    link = EndlessCard(card, endless)
    reader = PcscEidCard(_Context(), link, today=lambda: date(2026, 11, 22))  # type: ignore[arg-type]
    return reader, link


@pytest.mark.parametrize("text", ["¹1 MARS 1979", "14 MARS 1⑦79", "14 MARS 99999999999999999999"])
def test_birth_dates_with_other_digits_or_huge_years_are_card_data_errors(text: str) -> None:
    # Were ValueError (int("¹1")) and OverflowError (date(10**20, ...)).
    with pytest.raises(CardDataError):
        parse_birth_date(text)


def test_a_card_that_always_has_more_to_send_is_refused(rsa_card: BelpicCard) -> None:
    reader, link = _session(rsa_card, "more")
    with pytest.raises(CardDataError):
        reader.read_identity()  # was an endless GET RESPONSE loop
    assert len(link.sent) <= 2 * MAX_RESPONSE_ROUNDS + 2


def test_a_file_that_never_ends_is_refused(ec_card: BelpicCard) -> None:
    reader, link = _session(ec_card, "chunks")
    with pytest.raises(CardDataError):
        reader.read_address()  # was ValueError: READ BINARY's offset past 65535
    assert len(link.sent) <= MAX_FILE_LENGTH // 252 + 4


def test_a_certificate_with_a_wrong_version_is_card_data(rsa_card: BelpicCard) -> None:
    certificates = rsa_card.content.master_file.children[0xDF00]
    assert isinstance(certificates, DedicatedFile)
    authentication = certificates.children[0x5038]
    assert isinstance(authentication, ElementaryFile)
    # x509.InvalidVersion is no ValueError: the reader let it through before.
    assert bytes.fromhex("a003020102") in authentication.content
    authentication.content = authentication.content.replace(
        bytes.fromhex("a003020102"), bytes.fromhex("a003020112"), 1
    )
    reader, _ = _session(rsa_card, "no")
    with pytest.raises(CardDataError):
        reader.read_certificates()
