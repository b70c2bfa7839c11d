"""Benchmark of signing a dossier's receipt with the virtual eID card through the real pcscd
(private stack, four free ports from 36700) and the test OCSP responder.

    .venv/bin/python bench/receipt_signing.py [--rounds 10]

Prints, for each applet profile, the whole ``sign_dossier_receipt`` (card, certificate checks
with OCSP, render, VERIFY + signature, pyHanko's validation) and its parts (median and p95).
"""

from __future__ import annotations

import argparse
import datetime as dt
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
from simulators.personas.loader import persona
from simulators.pki.ocsp_responder import OcspResponder
from simulators.pki.test_pki import TestPki

BENCH_PORTS = range(36700, 36800, 4)
PROFILES = (("applet 1.7 (RSA-2048)", "naima-mremi"), ("applet 1.8 (ECDSA P-384)", "chloe-ducoeur"))


def _measure(
    slots: CardSlots, pki: TestPki, ocsp_url: str, label: str, slug: str, rounds: int
) -> None:
    from identity.eid.auth.ocsp import OcspRevocationChecker
    from identity.eid.auth.trust_anchors import TrustAnchors
    from identity.eid.pcsc_reader import PcscEidReader
    from identity.eid.signing.session import open_signing_session
    from portal.dossiers.receipt import ReceiptContent, render_receipt_pdf
    from portal.dossiers.receipt_signature import check_signed_receipt, sign_receipt
    from portal.dossiers.signature import sign_dossier_receipt

    slots.insert(0, slug)
    holder = persona(slug)
    anchors = TrustAnchors.of([pki.root.certificate])
    checker = OcspRevocationChecker(responder_url=ocsp_url)
    reader = PcscEidReader()
    now = dt.datetime.now(dt.UTC)
    content = ReceiptContent(
        reference="ME-2026-000123",
        procedure_title="Demande d'équivalence de diplôme",
        applicant_name=f"{holder.given_names} {holder.surname}",
        applicant_national_number=holder.national_number,
        signed_at=now,
        sections=[
            (f"Étape {n}", [(f"Champ {n}.{m}", "Valeur") for m in range(8)]) for n in range(4)
        ],
        attachments=[("diplôme.pdf", 234_567, "ab" * 32)],
    )
    session_args = {
        "reader_name": reader_name(0),
        "pin": "1234",
        "expected_national_number": holder.national_number,
        "trust_anchors": anchors,
        "revocation_checker": checker,
        "now": now,
    }

    def whole() -> None:
        sign_dossier_receipt(content, reader=reader, **session_args)  # type: ignore[arg-type]

    whole()  # warm up
    total = timed(whole, rounds)
    pdf = render_receipt_pdf(content)
    render = timed(lambda: render_receipt_pdf(content), rounds)
    opening: list[float] = []
    signing: list[float] = []
    signed = b""
    for _ in range(rounds):
        started = time.perf_counter()
        with open_signing_session(reader, **session_args) as session:  # type: ignore[arg-type]
            opened = time.perf_counter()
            signed = sign_receipt(pdf, card_session=session, signed_at=now, reason="Signature")
            signing.append(time.perf_counter() - opened)
        opening.append(opened - started)
    check = timed(lambda: check_signed_receipt(signed, trust_roots=anchors.roots, now=now), rounds)
    print(f"\n{label} — {slug}")
    print(f"  sign_dossier_receipt, whole ({rounds}):                {percentiles(total)}")
    print(f"  card found, certificate read and checked (OCSP): {percentiles(opening)}")
    print(f"  render the receipt (fpdf2):                      {percentiles(render)}")
    print(f"  pyHanko + VERIFY + card signature:               {percentiles(signing)}")
    print(f"  pyHanko validation:                              {percentiles(check)}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=10)
    arguments = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="receipt-bench-"))  # removed at the end
    stack = PcscStack(work / "pcsc", private=True, base_port=free_base_port(BENCH_PORTS))
    stack.start()
    os.environ.update(stack.client_env)  # before the first PC/SC call of this process
    pki = TestPki(work / "pki")
    ocsp = OcspResponder(pki, port=0)
    ocsp.start()
    slots = CardSlots(stack, pki)
    print(f"Signing a dossier's receipt through pcscd + vpcd ({os.cpu_count()} CPUs)")
    try:
        for label, slug in PROFILES:
            _measure(slots, pki, ocsp.url, label, slug, arguments.rounds)
    finally:
        slots.close()
        ocsp.stop()
        stack.stop()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
