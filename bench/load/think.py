"""How long a virtual person waits between two actions: ``mean`` seconds ± ``spread`` (a
fraction of the mean), uniformly, so that thousands of sessions started together drift apart
instead of navigating in lockstep."""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ThinkTime:
    mean: float = 10.0
    spread: float = 0.5

    def __post_init__(self) -> None:
        if self.mean < 0 or not 0 <= self.spread <= 1:
            raise ValueError(f"think time needs mean >= 0 and spread in [0, 1]: {self}")

    @property
    def shortest(self) -> float:
        return self.mean * (1 - self.spread)

    @property
    def longest(self) -> float:
        return self.mean * (1 + self.spread)

    def draw(self, rng: random.Random) -> float:
        return rng.uniform(self.shortest, self.longest)
