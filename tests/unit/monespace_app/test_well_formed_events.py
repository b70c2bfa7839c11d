"""A forged websocket event with lone surrogates in its JSON ("\\ud800") reaches its handler
with U+FFFD instead: bench/fuzz_inputs.py showed such text crashing SQLite and argon2."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from reflex_base.event import Event

from monespace_app.monespace_app import app
from monespace_app.well_formed_events import WellFormedEvents


def _preprocessed(payload: dict[str, Any]) -> dict[str, Any]:
    event = Event(name="state.form_state.save", payload=payload)
    # A loop of its own, in a thread: in a whole run Playwright's sync API holds this thread's.
    with ThreadPoolExecutor(max_workers=1) as worker:
        answer = worker.submit(
            asyncio.run,
            WellFormedEvents().preprocess(app, None, event),  # type: ignore[arg-type]
        ).result()
    assert answer is None  # the handler runs, with the payload cleaned
    return event.payload


def test_every_string_of_an_event_is_well_formed() -> None:
    payload = {
        "values": {"surname": "Mr\ud800emi", "k\udfff": ["a\udc00", 3, None]},
        "password": "x\udbff",
        "step": "identity",
    }
    assert _preprocessed(payload) == {
        "values": {"surname": "Mr\ufffdemi", "k\ufffd": ["a\ufffd", 3, None]},
        "password": "x\ufffd",
        "step": "identity",
    }


def test_an_ordinary_event_is_left_as_it_is() -> None:
    payload = {"values": {"surname": "Naïma 😀"}, "flag": True}
    assert _preprocessed(dict(payload)) == payload


def test_the_portal_runs_every_event_through_it() -> None:
    assert any(isinstance(m, WellFormedEvents) for m in app._middlewares)
