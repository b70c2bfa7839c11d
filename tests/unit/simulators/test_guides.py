"""The guides' walk-throughs of the trainers' page: one per seed guide, every step naming a
persona, a scenario and a page the portal has, and a mistake in a file said with its place."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from foundation import routes
from monespace_app.monespace_app import app
from simulators.personas.loader import load_personas
from simulators.scenarios.model import load_scenarios
from simulators.trainers.guide_files import (
    TOOLS,
    GuideError,
    GuideStep,
    load_guides,
    read_guide,
)

GUIDES = load_guides()
STEPS = [
    (slug, f"{p}.{n}", step)
    for slug, guide in GUIDES.items()
    for p, part in enumerate(guide.parts, 1)
    for n, step in enumerate(part.steps, 1)
]


def registered_pages() -> set[str]:
    return {"/" + route.strip("/") for route in app._unevaluated_pages} | {routes.HOME}


def test_one_guide_per_seed_guide() -> None:
    assert [guide.seed[:3] for guide in GUIDES.values()] == ["000", "001", "002", "003", "004"]
    for guide in GUIDES.values():
        assert guide.title
        assert guide.summary
        assert guide.parts


def test_every_part_starts_from_a_scenario() -> None:
    scenarios = load_scenarios()
    for guide in GUIDES.values():
        for part in guide.parts:
            assert part.scenario in scenarios, (guide.slug, part.title)


@pytest.mark.parametrize(("slug", "number", "step"), STEPS)
def test_every_step_names_what_exists(slug: str, number: str, step: GuideStep) -> None:
    if step.persona is not None:
        assert step.persona in load_personas(), (slug, number)
    if step.portal is not None:
        assert step.portal.split("?")[0] in registered_pages(), (slug, number, step.portal)
    if step.tool is not None:
        assert step.tool in TOOLS
    assert step.portal or step.tool or step.detail, (slug, number)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "guide.toml"
    path.write_text('seed = "x"\ntitle = "T"\nsummary = "S"\n' + text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[parts]]\ntitle = "P"\n[[parts.steps]]\ntitle = "s"\ntool = "fax"\n', "tool 'fax'"),
        (
            '[[parts]]\ntitle = "P"\n[[parts.steps]]\ntitle = "s"\nportal = "https://x"\n',
            "portal must be a path",
        ),
        ('[[parts]]\ntitle = "P"\n[[parts.steps]]\ntitle = "s"\ncard = true\n', "names its"),
        ('[[parts]]\ntitle = "P"\n', "a part has steps"),
        ('[[parts]]\ntitle = "P"\n[[parts.steps]]\ntitel = "s"\n', "'title' is missing"),
        ('colour = "red"\n', "unknown value"),
    ],
)
def test_a_mistake_in_a_guide_says_where_it_is(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(GuideError, match=re.escape(message)):
        read_guide(write(tmp_path, text))


def test_broken_toml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("title = \n", encoding="utf-8")
    with pytest.raises(GuideError, match=r"broken\.toml"):
        read_guide(path)
