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
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import free_base_port, percentiles, timed
from simulators.eid.card_slots import CardSlots, reader_name
from simulators.pcsc.stack import PcscStack
from simulators.pki.test_pki import TestPki

BENCH_PORTS = range(36700, 36800, 4)
PROFILES = (("applet 1.7 (RSA-2048)", "naima-mremi"), ("applet 1.8 (ECDSA P-384)", "chloe-ducoeur"))


def _measure(slots: CardSlots, index: int, label: str, slug: str, apdus: int, rounds: int) -> None:
    from identity.eid.pcsc_link import PcscContext
    from identity.eid.pcsc_reader import PcscEidReader

    slots.insert(index, slug)
    context = PcscContext()
    connection = context.connect(reader_name(index))
    get_card_data = bytes.fromhex("80E400001C")
    timed(lambda: connection.transmit(get_card_data), 20)  # warm up
    apdu = timed(lambda: connection.transmit(get_card_data), apdus)
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
    full = timed(full_sequence, rounds)
    read_all = timed(card.read_all, max(10, rounds // 2))
    card.close()
    print(f"\n{label} — {slug}")
    print(f"  APDU round trip ({apdus}):                {percentiles(apdu, decimals=2)}")
    print(f"  identity+certs+PIN+sign ({rounds}):         {percentiles(full, decimals=2)}")
    print(f"  read_all, signatures checked ({len(read_all)}):  {percentiles(read_all, decimals=2)}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--apdus", type=int, default=1000)
    parser.add_argument(
        "--without-quickack", action="store_true", help="also measure a card without TCP_QUICKACK"
    )
    arguments = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="eid-bench-"))  # removed at the end
    stack = PcscStack(work / "pcsc", private=True, base_port=free_base_port(BENCH_PORTS))
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
            slow = timed(lambda: connection.transmit(bytes.fromhex("80E400001C")), 20)
            connection.disconnect()
            context.release()
            print(f"\nwithout TCP_QUICKACK, APDU round trip (20): {percentiles(slow, decimals=2)}")
    finally:
        slots.close()
        stack.stop()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
