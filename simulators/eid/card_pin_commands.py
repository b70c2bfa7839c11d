"""What a citizen's own software does with the PIN letter, through the card reader: change the
PIN (CHANGE REFERENCE DATA) and unblock it with the PUK (RESET RETRY COUNTER, applet 1.7 cards).

The tester CLI (``change-pin``, ``unblock-pin --puk``) goes this way, through pcscd to the card in
its reader, rather than through the demo's control socket. Each returns the PIN tries left.
"""

from __future__ import annotations

from identity.eid.pcsc_reader import PcscEidReader

CARD_WAIT_SECONDS = 5.0


def change_pin(reader_name: str, *, old: str, new: str) -> int:
    with PcscEidReader().wait_for_card(reader=reader_name, timeout=CARD_WAIT_SECONDS) as card:
        card.change_pin(old, new)
        return card.pin_tries_left()


def unblock_pin(reader_name: str, *, puk: str, new_pin: str | None) -> int:
    with PcscEidReader().wait_for_card(reader=reader_name, timeout=CARD_WAIT_SECONDS) as card:
        card.unblock_pin(puk, new_pin)
        return card.pin_tries_left()
