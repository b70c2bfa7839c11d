"""Each target of bench/fuzz_inputs.py on a few hundred inputs, so that none can rot between
full runs: it still builds, still reaches its parser (some inputs accepted, some refused), and
finds no crash. The million inputs of the full run are not for ``make test``."""

from __future__ import annotations

import pytest

from bench.fuzzing.target import ACCEPTED, Target, replay, run_target
from bench.fuzzing.targets import all_targets, shares

INPUTS = 300
# Targets whose answer is never "accepted" on purpose: a rule broken if it were.
NEVER_ACCEPTED = {"eid.basic_key"}


@pytest.fixture(scope="module")
def targets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Target]:
    built = all_targets(tmp_path_factory.mktemp("fuzz"))
    return {target.name: target for target in built}


def test_every_target_runs_without_a_crash_and_reaches_its_parser(
    targets: dict[str, Target],
) -> None:
    for name, target in targets.items():
        result = run_target(target, INPUTS, "unit")
        assert result.crashes == 0, (name, result.examples)
        assert result.inputs == INPUTS
        assert result.refusal_kinds, f"{name}: nothing refused"
        if name not in NEVER_ACCEPTED:
            assert result.outcomes[ACCEPTED], f"{name}: nothing accepted"


def test_a_run_replays_input_by_input(targets: dict[str, Target]) -> None:
    target = targets["input.national_number"]
    assert replay(target, "unit", 7) == replay(target, "unit", 7)


def test_the_full_run_is_a_million_inputs_over_every_target(targets: dict[str, Target]) -> None:
    counts = shares(list(targets.values()), 1_000_000)
    assert sum(counts.values()) >= 999_000
    assert all(count >= 1_000 for count in counts.values())


def test_the_targets_cover_the_card_the_reader_the_forms_and_the_inputs(
    targets: dict[str, Target],
) -> None:
    groups = {name.split(".")[0] for name in targets}
    assert groups == {"eid", "card", "forms", "input", "links"}
