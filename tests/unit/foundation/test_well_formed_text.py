"""Lone surrogates, which a forged websocket event can carry in its JSON, become U+FFFD."""

from __future__ import annotations

from foundation.well_formed_text import REPLACEMENT, well_formed


def test_lone_surrogates_become_the_replacement_character() -> None:
    assert well_formed("Mr\ud800emi\udfff") == f"Mr{REPLACEMENT}emi{REPLACEMENT}"
    assert well_formed("Mr\ud800emi").encode("utf-8") == "Mr\ufffdemi".encode()


def test_well_formed_text_is_left_as_it_is() -> None:
    text = "Naïma 😀 Ωж 中 \u00a0"
    assert well_formed(text) is text or well_formed(text) == text
