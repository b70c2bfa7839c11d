"""Every fuzz target, built once per process (two virtual cards, a test PKI, a SQLite database
with a dossier of each démarche)."""

from __future__ import annotations

from pathlib import Path

from bench.fuzzing.card_targets import card_targets
from bench.fuzzing.cards import build_cards
from bench.fuzzing.dossier_targets import dossier_targets
from bench.fuzzing.form_targets import form_targets
from bench.fuzzing.input_targets import input_targets
from bench.fuzzing.reader_targets import reader_targets
from bench.fuzzing.target import Target
from bench.fuzzing.token_targets import token_targets


def all_targets(folder: Path) -> list[Target]:
    """``folder``: where the test PKI of the virtual cards is written."""
    cards = build_cards(folder)
    return [
        *reader_targets(cards),
        *token_targets(),
        *card_targets(cards),
        *form_targets(),
        *dossier_targets(),
        *input_targets(),
    ]


def shares(targets: list[Target], total: int) -> dict[str, int]:
    """How many of ``total`` inputs each target gets, by weight (at least one each)."""
    weight = sum(target.weight for target in targets)
    return {target.name: max(1, round(total * target.weight / weight)) for target in targets}
