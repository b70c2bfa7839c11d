"""Random APDUs through the real pcscd: the card answers each with a status word and keeps
working; the link to vpcd survives."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from identity.eid.pcsc_link import PcscConnection, PcscContext
from simulators.eid.card_slots import CardSlots, reader_name

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def connections(session_slots: CardSlots) -> Iterator[dict[str, PcscConnection]]:
    session_slots.close()
    session_slots.insert(0, "naima-mremi")
    session_slots.insert(1, "chloe-ducoeur")
    context = PcscContext()
    opened = {name: context.connect(name) for name in (reader_name(0), reader_name(1))}
    yield opened
    for connection in opened.values():
        connection.disconnect()
    context.release()
    for slug in ("naima-mremi", "chloe-ducoeur"):
        session_slots.card_of(slug).unblock_pin()
    session_slots.close()


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    header=st.tuples(
        st.sampled_from([0x00, 0x80, 0xFF]),
        st.sampled_from([0xA4, 0xB0, 0x20, 0x22, 0x2A, 0xC0, 0xE4, 0xE6, 0x12]),
        st.integers(0, 255),
        st.integers(0, 255),
    ),
    data=st.binary(max_size=255),
    le=st.one_of(st.none(), st.integers(0, 255)),
    reader=st.sampled_from([0, 1]),
)
def test_random_apdus_through_pcscd(
    connections: dict[str, PcscConnection],
    session_slots: CardSlots,
    header: tuple[int, int, int, int],
    data: bytes,
    le: int | None,
    reader: int,
) -> None:
    connection = connections[reader_name(reader)]
    raw = bytes(header)
    if data:
        raw += bytes([len(data)]) + data
    if le is not None:
        raw += bytes([le])
    _, status = connection.transmit(raw)
    assert status != 0x6F00
    assert status >> 8 in {0x90, 0x61, 0x63, 0x67, 0x69, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E}
    session_slots.card_of(("naima-mremi", "chloe-ducoeur")[reader]).unblock_pin()
    card_data, status = connection.transmit(bytes.fromhex("80E400001C"))
    assert status == 0x9000
    assert len(card_data) == 28
