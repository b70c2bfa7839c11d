"""The figures a load run prints: percentiles, the headline round trip, logins per second and
the memory slope."""

from __future__ import annotations

import math

import pytest

from bench.load.stats import Recorder, Spread, percentile, slope_per_minute


def test_percentiles_interpolate_between_ranks_as_numpy_does() -> None:
    samples = [float(v) for v in range(1, 101)]  # 1..100, shuffled order must not matter
    samples.reverse()
    assert percentile(samples, 0.50) == pytest.approx(50.5)
    assert percentile(samples, 0.95) == pytest.approx(95.05)
    assert percentile(samples, 0.99) == pytest.approx(99.01)
    assert percentile(samples, 0.0) == 1.0
    assert percentile(samples, 1.0) == 100.0


def test_one_sample_is_every_percentile_and_none_is_nan() -> None:
    assert percentile([0.25], 0.99) == 0.25
    assert math.isnan(percentile([], 0.5))
    with pytest.raises(ValueError, match="fraction"):
        percentile([1.0], 95)


def test_a_spread_is_in_milliseconds() -> None:
    spread = Spread.of([0.010, 0.020, 0.030])
    assert spread.count == 3
    assert spread.p50_ms == pytest.approx(20.0)
    assert spread.max_ms == pytest.approx(30.0)
    assert math.isnan(Spread.of([]).p95_ms)


def test_the_headline_leaves_out_login_steps_and_whole_page_timings() -> None:
    recorder = Recorder()
    recorder.start_window()
    recorder.round_trip("navigate", 0.010)
    recorder.round_trip("check", 0.012)
    recorder.round_trip("login_password", 0.400)  # argon2 by design
    recorder.round_trip("page_load", 0.300)  # an HTTP GET and a websocket, not one event
    recorder.round_trip("login", 0.500)
    assert recorder.events().count == 2
    assert recorder.events().max_ms == pytest.approx(12.0)
    assert set(recorder.by_kind()) == {"navigate", "check", "login_password", "page_load", "login"}


def test_round_trips_and_logins_count_only_inside_the_window_but_errors_always() -> None:
    recorder = Recorder()
    recorder.round_trip("navigate", 0.010)
    recorder.login()
    recorder.error("connect: refused")
    recorder.start_window()
    recorder.login()
    recorder.end_window()
    recorder.login()
    assert recorder.events().count == 0
    assert recorder.logins == 1
    assert recorder.errors == {"connect: refused": 1}
    assert recorder.logins_per_second() == pytest.approx(1 / recorder.window_seconds)


def test_memory_slope_is_per_minute() -> None:
    growing = [(t, 1000.0 + 2.0 * t) for t in range(0, 600, 10)]  # +2 KiB/s
    assert slope_per_minute(growing) == pytest.approx(120.0)
    flat_with_noise = [(t, 5000.0 + (7 if t % 20 else -7)) for t in range(0, 600, 10)]
    assert abs(slope_per_minute(flat_with_noise)) < 0.5
    assert slope_per_minute([(0.0, 1.0)]) == 0.0
    assert slope_per_minute([(5.0, 1.0), (5.0, 9.0)]) == 0.0
