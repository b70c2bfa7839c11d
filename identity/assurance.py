"""Levels of assurance of the digital keys (eIDAS-like: low, substantial, high)."""

from __future__ import annotations

from enum import IntEnum


class LevelOfAssurance(IntEnum):
    LOW = 1
    SUBSTANTIAL = 2
    HIGH = 3

    def satisfies(self, required: LevelOfAssurance) -> bool:
        return self >= required
