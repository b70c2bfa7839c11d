"""A long-running portal opens a card session per login, signature or company check: closing
each one must hand its PC/SC context back, or pcscd refuses the 201st ("Access denied")."""

from __future__ import annotations

import pytest

from identity.eid.pcsc_reader import PcscEidReader
from simulators.eid.card_slots import CardSlots, reader_name

pytestmark = pytest.mark.integration

# pcscd serves at most 200 contexts at once (its --max-thread default).
PCSCD_CONTEXT_LIMIT = 200


def test_the_card_is_still_read_after_more_sessions_than_pcscd_holds_contexts(
    slots: CardSlots, reader: PcscEidReader
) -> None:
    slots.insert(0, "naima-mremi")
    for _ in range(PCSCD_CONTEXT_LIMIT + 10):
        card = reader.wait_for_card(reader=reader_name(0), timeout=5)
        card.close()  # as the eID login, the dossier signature and the company check do
    card = reader.wait_for_card(reader=reader_name(0), timeout=5)
    try:
        assert card.read_identity().surname == "Mremi"
    finally:
        card.close()
