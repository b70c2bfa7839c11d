"""What a two-column picker shows of one value: the value sent back, its label and the longer
description read on focus or hover. The pages' states build them; ``components.two_column_picker``
draws them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PickerOption:
    value: str
    label: str
    description: str


def moved(chosen: list[str], values: list[str], *, add: bool) -> list[str]:
    """``chosen`` with ``values`` added at its end (in their order, once) or taken out."""
    if add:
        return chosen + [value for value in dict.fromkeys(values) if value not in chosen]
    return [value for value in chosen if value not in values]
