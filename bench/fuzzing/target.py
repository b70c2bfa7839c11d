"""A fuzz target and its run: seeded inputs handed to one parser, every answer sorted into
"accepted", a documented refusal (by its class or problem key), or a crash.

A crash is any other exception, or a ``BrokenRuleError``: the parser answered, but broke a rule it
promises (a cleaned value that changes when cleaned again, an e-mail address the rule accepts
that mail would read as two, an identity accepted from files the card's signature does not
cover...). The first crashes of each target are kept with their input, to be replayed.
"""

from __future__ import annotations

import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bench.fuzzing.inputs import Inputs

ACCEPTED = "accepted"
KEPT_CRASHES = 8  # of different kinds
INPUT_SHOWN = 300  # characters of an input's repr kept with its crash


class BrokenRuleError(AssertionError):
    """The parser answered without an exception, but its answer breaks one of its rules."""


@dataclass(frozen=True)
class Target:
    """``make`` draws one input; ``check`` hands it to the code under test and returns what
    came of it: ``ACCEPTED``, or a refusal's name when the refusal is an answer, not an
    exception (a form's problem key, a card's status word). Exceptions of ``refusals`` are the
    documented ones; ``weight`` is the target's share of the run's inputs."""

    name: str
    covers: str
    weight: float
    make: Callable[[Inputs], Any]
    check: Callable[[Any], str]
    refusals: tuple[type[BaseException], ...] = ()


@dataclass(frozen=True)
class Crash:
    seed: str
    index: int
    input: str
    error: str
    where: str

    @property
    def kind(self) -> str:
        """Crashes of one kind: the same exception at the same place (a rule: its first words)."""
        if self.error.startswith(BrokenRuleError.__name__):
            return " ".join(self.error.split()[:4])
        return f"{self.error.split(':')[0]} {self.where}"


@dataclass
class TargetResult:
    name: str
    inputs: int = 0
    seconds: float = 0.0
    slowest: float = 0.0
    outcomes: Counter[str] = field(default_factory=Counter)
    crashes: int = 0
    examples: list[Crash] = field(default_factory=list)

    def merge(self, other: TargetResult) -> None:
        self.inputs += other.inputs
        self.seconds += other.seconds
        self.slowest = max(self.slowest, other.slowest)
        self.outcomes.update(other.outcomes)
        self.crashes += other.crashes
        known = {example.kind for example in self.examples}
        for example in other.examples:
            if example.kind not in known and len(self.examples) < KEPT_CRASHES:
                self.examples.append(example)
                known.add(example.kind)

    @property
    def refusal_kinds(self) -> list[str]:
        return sorted(kind for kind in self.outcomes if kind != ACCEPTED)


def run_target(target: Target, count: int, seed: str) -> TargetResult:
    """``count`` inputs of ``target`` from the stream ``seed``."""
    inputs = Inputs(f"{seed}:{target.name}")
    result = TargetResult(target.name)
    clock = time.perf_counter
    began = clock()
    for index in range(count):
        value = target.make(inputs)
        started = clock()
        try:
            try:
                kind = target.check(value)
            except target.refusals as refusal:
                if isinstance(refusal, UnicodeError):  # a ValueError, but never a refusal
                    raise
                kind = type(refusal).__name__
        except Exception as error:
            kind = "crash"
            result.crashes += 1
            crash = _crash(seed, index, value, error)
            known = {example.kind for example in result.examples}
            if crash.kind not in known and len(result.examples) < KEPT_CRASHES:
                result.examples.append(crash)
        result.slowest = max(result.slowest, clock() - started)
        result.outcomes[kind] += 1
        result.inputs += 1
    result.seconds = clock() - began  # making the inputs included: the run's real pace
    return result


def replay(target: Target, seed: str, index: int) -> Any:
    """The input ``index`` of the stream ``seed``, to run again under a debugger."""
    inputs = Inputs(f"{seed}:{target.name}")
    for _ in range(index):
        target.make(inputs)
    return target.make(inputs)


def _crash(seed: str, index: int, value: Any, error: Exception) -> Crash:
    frames = traceback.extract_tb(error.__traceback__)
    last = frames[-1] if frames else None
    where = f"{last.filename}:{last.lineno} in {last.name}" if last else "?"
    return Crash(
        seed=seed,
        index=index,
        input=repr(value)[:INPUT_SHOWN],
        error=f"{type(error).__name__}: {str(error)[:INPUT_SHOWN]}",
        where=where,
    )
