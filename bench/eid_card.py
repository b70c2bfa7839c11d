"""Benchmark of the virtual eID card through the real pcscd (private stack, four free ports
from 36700, above the test runs' 36300-36699 and the demo's 35963-35966).

    .venv/bin/python bench/eid_card.py [--rounds 50] [--apdus 1000] [--without-quickack]

Prints, for each applet profile, the APDU round trip (GET CARD DATA) and the full sequence
"read identity (with its signature) + 5 certificates + verify PIN + sign" (median and p95).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simulators.eid.card_slots import CardSlots, reader_name
from simulators.pcsc.stack import PcscStack
from simulators.pki.test_pki import TestPki
from simulators.stack.processes import port_is_free

BENCH_PORTS = range(36700, 36800, 4)
PROFILES = (("applet 1.7 (RSA-2048)", "naima-mremi"), ("applet 1.8 (ECDSA P-384)", "chloe-ducoeur"))


def _free_base_port() -> int:
    for base in BENCH_PORTS:
        if all(port_is_free(port, "0.0.0.0") for port in range(base, base + 4)):
            return base
    raise RuntimeError("no four free ports in 36700-36799 for the virtual readers")


def _percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"median {statistics.median(ordered) * 1000:7.2f} ms   p95 {p95 * 1000:7.2f} ms"


def _time(action: Callable[[], object], rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return samples


def _measure(slots: CardSlots, index: int, label: str, slug: str, apdus: int, rounds: int) -> None:
    from identity.eid.pcsc_link import PcscContext
    from identity.eid.pcsc_reader import PcscEidReader

    slots.insert(index, slug)
    context = PcscContext()
    connection = context.connect(reader_name(index))
    get_card_data = bytes.fromhex("80E400001C")
    _time(lambda: connection.transmit(get_card_data), 20)  # warm up
    apdu = _time(lambda: connection.transmit(get_card_data), apdus)
    connection.disconnect()
    context.release()

    card = PcscEidReader().wait_for_card(reader=reader_name(index), timeout=5)
    digest = hashlib.sha256(b"origin" + b"challenge").digest()

    def full_sequence() -> None:
        card.read_file(bytes.fromhex("DF014031"))  # identity
        card.read_file(bytes.fromhex("DF014032"))  # its signature
        card.read_certificates()  # authentication, signature, CA, root, RRN
        card.verify_pin("1234")
        card.sign(digest, hash_algorithm="sha256")

    full_sequence()
    full = _time(full_sequence, rounds)
    read_all = _time(card.read_all, max(10, rounds // 2))
    card.close()
    print(f"\n{label} — {slug}")
    print(f"  APDU round trip ({apdus}):                {_percentiles(apdu)}")
    print(f"  identity+certs+PIN+sign ({rounds}):         {_percentiles(full)}")
    print(f"  read_all, signatures checked ({len(read_all)}):  {_percentiles(read_all)}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--apdus", type=int, default=1000)
    parser.add_argument(
        "--without-quickack", action="store_true", help="also measure a card without TCP_QUICKACK"
    )
    arguments = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="eid-bench-"))  # removed at the end
    stack = PcscStack(work / "pcsc", private=True, base_port=_free_base_port())
    stack.start()
    os.environ.update(stack.client_env)  # before the first PC/SC call of this process
    from identity.eid.pcsc_link import PcscContext

    slots = CardSlots(stack, TestPki(work / "pki"))
    print(f"eID card through pcscd + vpcd ({os.cpu_count()} CPUs)")
    try:
        for index, (label, slug) in enumerate(PROFILES):
            _measure(slots, index, label, slug, arguments.apdus, arguments.rounds)
        if arguments.without_quickack:
            card_os = slots.card_of("marouan-el-yakoubi")
            slots.insert_card(2, card_os, quickack=False)
            context = PcscContext()
            deadline = time.monotonic() + 10
            while not context.card_present(reader_name(2)) and time.monotonic() < deadline:
                time.sleep(0.05)
            connection = context.connect(reader_name(2))
            slow = _time(lambda: connection.transmit(bytes.fromhex("80E400001C")), 20)
            connection.disconnect()
            context.release()
            print(f"\nwithout TCP_QUICKACK, APDU round trip (20): {_percentiles(slow)}")
    finally:
        slots.close()
        stack.stop()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
