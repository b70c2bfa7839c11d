"""The demo clock over the trainers' page: the JSON API testers' suites use and the buttons
trainers press, against the demo's data folder."""

from __future__ import annotations

import html
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from foundation.demo_clock import demo_clock_offset, offset_file
from simulators.trainers_page import TrainersPage
from tests.integration.simulators.http_client import call


@pytest.fixture
def trainers(tmp_path: Path) -> Iterator[TrainersPage]:
    service = TrainersPage([], port=0, clock_dir=tmp_path)
    service.start()
    yield service
    service.stop()


def test_the_api_moves_the_clock_and_says_where_it_is(
    trainers: TrainersPage, tmp_path: Path
) -> None:
    state = call("GET", trainers.url + "/api/clock").json()
    assert state["offset_seconds"] == 0
    real = datetime.fromisoformat(state["now"])
    moved = call("POST", trainers.url + "/api/clock", json_body={"advance_seconds": 86400})
    assert moved.status == 200
    assert moved.json()["offset_seconds"] == 86400
    assert datetime.fromisoformat(moved.json()["now"]) - real >= timedelta(days=1)
    call("POST", trainers.url + "/api/clock", json_body={"advance_seconds": 30 * 86400})
    assert demo_clock_offset(tmp_path) == timedelta(days=31)
    absolute = call("POST", trainers.url + "/api/clock", json_body={"offset_seconds": 3600})
    assert absolute.json()["offset_seconds"] == 3600
    back = call("POST", trainers.url + "/api/clock", json_body={"reset": True})
    assert back.json()["offset_seconds"] == 0
    assert not offset_file(tmp_path).exists()


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"advance_seconds": "86400"},
        {"advance_seconds": 1.5},
        {"reset": False},
        {"advance_seconds": 1, "reset": True},
        {"offset_seconds": -1},
        {"offset_seconds": 11 * 365 * 86400},
    ],
)
def test_a_bad_request_is_refused_and_moves_nothing(
    trainers: TrainersPage, tmp_path: Path, body: dict[str, object]
) -> None:
    call("POST", trainers.url + "/api/clock", json_body={"advance_seconds": 60})
    answer = call("POST", trainers.url + "/api/clock", json_body=body)
    assert answer.status == 400
    assert answer.json()["error"] == "invalid_clock"
    assert demo_clock_offset(tmp_path) == timedelta(seconds=60)


def test_the_buttons_move_the_clock_and_the_page_says_so(
    trainers: TrainersPage, tmp_path: Path
) -> None:
    pressed = call(
        "POST",
        trainers.url + "/horloge",
        body=b"bouton=plus-trente-jours",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert pressed.status == 303
    assert demo_clock_offset(tmp_path) == timedelta(days=30)
    page = html.unescape(call("GET", trainers.url + pressed.headers["Location"]).text)
    assert "L'horloge de la démo a été déplacée." in page
    assert "en avance de 30 jours" in page
    call(
        "POST",
        trainers.url + "/horloge",
        body=b"bouton=maintenant",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert demo_clock_offset(tmp_path) == timedelta(0)
    assert "à l'heure réelle" in html.unescape(call("GET", trainers.url + "/").text)


def test_without_the_demos_folder_there_is_no_clock(tmp_path: Path) -> None:
    service = TrainersPage([], port=0)
    service.start()
    try:
        assert call("GET", service.url + "/api/clock").status == 404
        answer = call("POST", service.url + "/api/clock", json_body={"advance_seconds": 60})
        assert answer.status == 404
        assert "Horloge" not in call("GET", service.url + "/").text
    finally:
        service.stop()
