"""Fuzzes what reads untrusted input: the eID reader's parsers of what a card sends (APDU
answers, TLV files, signatures, the whole reading session against a tampering card), the virtual
card's parsing of commands, the server's check of an eID token, every démarche's form (each
field, whole forms, uploads, ``drafting.save`` in SQLite) and the portal's other inputs (numbers,
e-mail addresses, phones, passwords, codes, dates, signed links and cookies).

    .venv/bin/python bench/fuzz_inputs.py [--inputs 1000000] [--seed 13] [--workers 1]
        [--only NAME]... [--replay NAME --stream STREAM --index N]

Seeded mutation fuzzing (bench/fuzzing/inputs.py): the same seed gives the same inputs, so a
crash replays with the --replay line printed under it. Prints, per target, the inputs, their
pace, the crashes, the slowest input and the refusal kinds seen; exits 1 on any crash.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.fuzzing.target import ACCEPTED, Target, TargetResult, replay, run_target
from bench.fuzzing.targets import all_targets, shares


def _chosen(targets: list[Target], only: list[str]) -> list[Target]:
    if not only:
        return targets
    chosen = [target for target in targets if any(part in target.name for part in only)]
    if not chosen:
        raise SystemExit(f"no target named like {only}: {[t.name for t in targets]}")
    return chosen


def _work(stream: str, counts: dict[str, int], only: list[str]) -> list[TargetResult]:
    """One worker's part: its own targets (cards, database), its own stream of inputs."""
    with tempfile.TemporaryDirectory(prefix="fuzz-inputs-") as folder:
        targets = _chosen(all_targets(Path(folder)), only)
        return [run_target(target, counts[target.name], stream) for target in targets]


def run(total: int, seed: str, workers: int, only: list[str]) -> list[TargetResult]:
    with tempfile.TemporaryDirectory(prefix="fuzz-inputs-") as folder:
        targets = _chosen(all_targets(Path(folder)), only)
        counts = shares(targets, total)
        if workers == 1:
            return [run_target(target, counts[target.name], f"{seed}/0") for target in targets]
    parts = [
        {name: count // workers + (k < count % workers) for name, count in counts.items()}
        for k in range(workers)
    ]
    streams = [f"{seed}/{k}" for k in range(workers)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        found = list(pool.map(_work, streams, parts, [only] * workers))
    merged = {target.name: TargetResult(target.name) for target in targets}
    for results in found:
        for result in results:
            merged[result.name].merge(result)
    return list(merged.values())


def report(results: list[TargetResult], seconds: float, workers: int) -> int:
    print(
        f"{'target':<26} {'inputs':>9} {'inputs/s':>9} {'accepted':>9} {'crashes':>7} "
        f"{'slowest':>9}  refusal kinds"
    )
    for result in results:
        pace = result.inputs / result.seconds if result.seconds else 0.0
        accepted = 100 * result.outcomes[ACCEPTED] / max(1, result.inputs)
        print(
            f"{result.name:<26} {result.inputs:>9,} {pace:>9,.0f} {accepted:>8.1f}% "
            f"{result.crashes:>7} {result.slowest * 1000:>6.1f} ms  {len(result.refusal_kinds)}"
        )
    inputs = sum(result.inputs for result in results)
    crashes = sum(result.crashes for result in results)
    kinds = sum(len(result.refusal_kinds) for result in results)
    print(
        f"total {inputs:,} inputs in {seconds:.1f} s ({inputs / seconds:,.0f} inputs/s, "
        f"{workers} worker{'s' if workers > 1 else ''}), {crashes} crashes, "
        f"{kinds} refusal kinds"
    )
    print("\nrefusal kinds seen:")
    for result in results:
        print(f"  {result.name}: {', '.join(result.refusal_kinds) or '-'}")
    for result in results:
        for crash in result.examples:
            print(f"\nCRASH in {result.name}: {crash.error}\n  at {crash.where}")
            print(f"  input: {crash.input}")
            print(
                f"  replay: bench/fuzz_inputs.py --replay {result.name} "
                f"--stream {crash.seed} --index {crash.index}"
            )
    return 1 if crashes else 0


def replay_one(name: str, stream: str, index: int) -> int:
    with tempfile.TemporaryDirectory(prefix="fuzz-inputs-") as folder:
        target = _chosen(all_targets(Path(folder)), [name])[0]
        value = replay(target, stream, index)
        print(f"input {index} of {name} ({stream}): {value!r}")
        try:
            print("answer:", target.check(value))
        except target.refusals as refusal:
            print("refused:", type(refusal).__name__, refusal)
        except Exception:
            traceback.print_exc()
            return 1
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--inputs", type=int, default=1_000_000, help="in all, over the targets")
    parser.add_argument("--seed", default="13")
    parser.add_argument("--workers", type=int, default=1, help="processes (cores) to use")
    parser.add_argument("--only", action="append", default=[], help="targets named like this")
    parser.add_argument("--replay", metavar="NAME", help="run one input of a target again")
    parser.add_argument("--stream", default="13/0", help="with --replay: the crash's stream")
    parser.add_argument("--index", type=int, default=0, help="with --replay: the crash's index")
    args = parser.parse_args()
    if args.replay:
        raise SystemExit(replay_one(args.replay, args.stream, args.index))
    print(f"fuzzing {args.inputs:,} inputs, seed {args.seed}, {args.workers} worker(s)")
    started = time.perf_counter()
    results = run(args.inputs, args.seed, args.workers, args.only)
    raise SystemExit(report(results, time.perf_counter() - started, args.workers))


if __name__ == "__main__":
    main()
