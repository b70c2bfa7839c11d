"""Two virtual cards in memory (applet 1.7 RSA, applet 1.8 ECDSA P-384), built from the personas
and a test PKI, with what they hold: the seeds of the eID targets."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from simulators.eid.belpic_card import BelpicCard
from simulators.eid.card_builder import build_card
from simulators.eid.file_system import DedicatedFile, ElementaryFile
from simulators.eid.pin import MAX_PUK_TRIES
from simulators.personas.loader import persona
from simulators.pki.test_pki import TestPki

SLUGS = ("naima-mremi", "chloe-ducoeur")  # applet 1.7 (RSA), applet 1.8 (ECDSA P-384)


@dataclass
class FuzzCard:
    """A card and what to put back after each input (a PIN changed, tries spent)."""

    card: BelpicCard
    pin: str
    puk: str | None

    def restore(self) -> None:
        content = self.card.content
        content.pin.value = self.pin
        content.pin.unblock()
        if content.puk is not None and self.puk is not None:
            content.puk.value = self.puk
            content.puk.tries_left = MAX_PUK_TRIES
        self.card.power_up()

    def file(self, *path: int) -> bytes:
        """The content of the file at ``path`` from the MF (``0xDF01, 0x4031``)."""
        node: DedicatedFile | ElementaryFile = self.card.content.master_file
        for file_id in path:
            assert isinstance(node, DedicatedFile)
            node = node.children[file_id]
        assert isinstance(node, ElementaryFile)
        return node.content


def build_cards(folder: Path) -> list[FuzzCard]:
    pki = TestPki(folder / "pki")
    cards = []
    for slug in SLUGS:
        card = build_card(persona(slug), pki)
        puk = card.content.puk.value if card.content.puk is not None else None
        cards.append(FuzzCard(card, card.content.pin.value, puk))
    for one in cards:
        one.restore()
    return cards
