"""Think times: 10 s ± 50 % by default, spread uniformly so sessions drift apart."""

from __future__ import annotations

import random
import statistics

import pytest

from bench.load.think import ThinkTime


def test_default_is_ten_seconds_plus_or_minus_half() -> None:
    think = ThinkTime()
    draws = [think.draw(random.Random(seed)) for seed in range(2000)]
    assert min(draws) >= 5.0
    assert max(draws) <= 15.0
    assert statistics.mean(draws) == pytest.approx(10.0, abs=0.2)
    # Uniform, not bunched at the mean: each third of the range holds about a third.
    thirds = [
        sum(1 for d in draws if lo <= d < lo + 10 / 3) for lo in (5.0, 5 + 10 / 3, 5 + 20 / 3)
    ]
    assert all(550 < count < 780 for count in thirds), thirds


def test_no_spread_is_a_fixed_pause_and_zero_is_no_pause() -> None:
    assert ThinkTime(2.0, 0.0).draw(random.Random(1)) == 2.0
    assert ThinkTime(0.0, 0.5).draw(random.Random(1)) == 0.0


@pytest.mark.parametrize(("mean", "spread"), [(-1.0, 0.5), (10.0, 1.5), (10.0, -0.1)])
def test_impossible_think_times_are_refused(mean: float, spread: float) -> None:
    with pytest.raises(ValueError, match="think time"):
        ThinkTime(mean, spread)
