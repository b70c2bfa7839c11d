"""The virtual readers of a PC/SC stack and the persona cards inserted in them.

A persona's card is built once and kept: its PIN counter survives removal and reinsertion, as
on a real card. A card can sit in one reader at a time.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

from smartcard import scard

from simulators.eid.belpic_card import BelpicCard
from simulators.eid.card_builder import build_card
from simulators.eid.vpcd_link import CardOs, VpcdLink
from simulators.pcsc.stack import PcscStack
from simulators.personas.loader import Persona, load_personas, persona
from simulators.pki.test_pki import DEFAULT_OCSP_URL, TestPki

INSERT_TIMEOUT = 5.0
# pcscd polls vpcd readers every 0.4 s: a card swapped faster than that is never seen leaving,
# and the new one is never powered up. A hand takes longer anyway.
SWAP_DELAY = 0.5


class CardSlotError(RuntimeError):
    pass


@dataclass(frozen=True, slots=True)
class SlotStatus:
    index: int
    port: int
    reader_name: str
    persona: str | None
    connected: bool
    pin_tries_left: int | None
    applet: str | None


def _seen_present(reader: str) -> bool | None:
    """Whether PC/SC clients of this process see a card in ``reader``; None when this process
    cannot tell (its pcscd is another one), and then the caller stops asking."""
    hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hresult != scard.SCARD_S_SUCCESS:
        return None
    try:
        hresult, states = scard.SCardGetStatusChange(
            context, 0, [(reader, scard.SCARD_STATE_UNAWARE)]
        )
        if hresult != scard.SCARD_S_SUCCESS:
            return None
        return bool(states[0][1] & scard.SCARD_STATE_PRESENT)
    finally:
        scard.SCardReleaseContext(context)


def reader_name(index: int) -> str:
    """pyscard's name of the stack's reader ``index`` (two slots per vpcd driver instance)."""
    return f"Virtual PCD {index // 2 + 1} 00 {index % 2:02d}"


class CardSlots:
    def __init__(self, stack: PcscStack, pki: TestPki) -> None:
        self.stack = stack
        self.pki = pki
        self._lock = threading.RLock()
        self._cards: dict[str, BelpicCard] = {}
        self._links: dict[int, VpcdLink] = {}
        self._occupant: dict[int, str] = {}
        self._emptied_at: dict[int, float] = {}

    @classmethod
    def for_data_dir(
        cls, stack: PcscStack, data_dir: Path, *, ocsp_url: str = DEFAULT_OCSP_URL
    ) -> CardSlots:
        return cls(stack, TestPki(data_dir / "pki", ocsp_url=ocsp_url))

    def card_of(self, slug: str) -> BelpicCard:
        """The persona's card, personalised on first use."""
        with self._lock:
            card = self._cards.get(slug)
            if card is None:
                card = build_card(persona(slug), self.pki)
                self._cards[slug] = card
            return card

    def personas(self) -> dict[str, Persona]:
        return load_personas()

    def insert(self, index: int, slug: str, *, wait: bool = True) -> BelpicCard:
        """Inserts the persona's card; with ``wait``, returns once pcscd has powered it up."""
        port = self.stack.reader_port(index)
        with self._lock:
            for other, occupant in self._occupant.items():
                if occupant == slug and other != index:
                    raise CardSlotError(f"the card of {slug} is already in reader {other}")
            if index in self._links:
                self.remove(index)
            self._wait_seen_empty(index)
            card = self.card_of(slug)
            link = VpcdLink(card, port)
            link.open()
            self._links[index] = link
            self._occupant[index] = slug
        if wait:
            self._wait_taken(index, link)
        return card

    def insert_card(
        self, index: int, card: CardOs, *, wait: bool = True, quickack: bool = True
    ) -> None:
        """Inserts any card OS (a foreign card in tests, for instance)."""
        with self._lock:
            if index in self._links:
                self.remove(index)
            self._wait_seen_empty(index)
            link = VpcdLink(card, self.stack.reader_port(index), quickack=quickack)
            link.open()
            self._links[index] = link
            self._occupant[index] = "(other card)"
        if wait:
            self._wait_taken(index, link)

    def remove(self, index: int) -> None:
        self.stack.reader_port(index)  # IndexError for a reader that does not exist
        with self._lock:
            link = self._links.pop(index, None)
            self._occupant.pop(index, None)
        if link is not None:
            link.close()
            self._emptied_at[index] = time.monotonic()

    def _wait_taken(self, index: int, link: VpcdLink) -> None:
        """Until pcscd has powered the card and PC/SC clients see it present."""
        if not link.wait_powered(INSERT_TIMEOUT):
            raise CardSlotError(f"reader {index} (port {link.port}) did not take the card")
        # pcscd asks for the ATR, then publishes the new state: look from the client side.
        deadline = time.monotonic() + INSERT_TIMEOUT
        while _seen_present(reader_name(index)) is False:
            if time.monotonic() >= deadline:
                raise CardSlotError(f"PC/SC clients do not see the card in reader {index}")
            time.sleep(0.01)

    def _wait_seen_empty(self, index: int) -> None:
        emptied_at = self._emptied_at.get(index)
        if emptied_at is not None:
            time.sleep(max(0.0, emptied_at + SWAP_DELAY - time.monotonic()))

    def status(self) -> list[SlotStatus]:
        with self._lock:
            result = []
            for index in range(self.stack.readers):
                link = self._links.get(index)
                slug = self._occupant.get(index)
                card = self._cards.get(slug) if slug else None
                result.append(
                    SlotStatus(
                        index=index,
                        port=self.stack.reader_port(index),
                        reader_name=reader_name(index),
                        persona=slug,
                        connected=link.connected if link else False,
                        pin_tries_left=card.content.pin.tries_left if card else None,
                        applet=card.content.profile.name if card else None,
                    )
                )
            return result

    def close(self) -> None:
        with self._lock:
            indexes = list(self._links)
        for index in indexes:
            self.remove(index)
