"""Server-side eID login time, challenge to session, through the real stack.

    .venv/bin/python bench/eid_login.py [--rounds 50]

Private pcscd with a virtual card, the test PKI's OCSP responder on loopback, the SQL challenge
store on a SQLite file, then the session row and its one-time ticket: everything the portal does
between "S'identifier" and the redirect, minus the person's own clicks. Target p95 <= 100 ms.
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

from sqlmodel import Session, SQLModel

import foundation.models  # noqa: F401 - every table
from bench.common import free_base_port, percentiles
from foundation.db import make_engine
from identity.eid.auth import OcspRevocationChecker, SqlChallengeStore, load_trust_anchors
from identity.eid.login import EidLogin
from identity.eid.pcsc_reader import PcscEidReader
from identity.eid.reader_lease import ReaderLeases
from identity.sessions import open_session, redeem_ticket
from simulators.eid.card_slots import CardSlots, reader_name
from simulators.pcsc.stack import PcscStack
from simulators.pki.ocsp_responder import OcspResponder
from simulators.pki.test_pki import TestPki

BENCH_PORTS = range(36800, 36900, 4)
ORIGIN = "https://monespace.localhost"
BROWSER = "b" * 64  # the binding of the one browser logging in, round after round
PROFILES = (("applet 1.7 (RSA-2048)", "naima-mremi"), ("applet 1.8 (ECDSA P-384)", "chloe-ducoeur"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="monespace-bench-login-"))
    stack = PcscStack(work / "pcsc", private=True, base_port=free_base_port(BENCH_PORTS))
    stack.start()
    os.environ.update(stack.client_env)
    pki = TestPki(work / "pki")
    pki.write_trust_anchors(work / "anchors")
    ocsp = OcspResponder(pki, port=0)
    ocsp.start()
    slots = CardSlots(stack, pki)
    engine = make_engine(f"sqlite:///{work / 'bench.db'}")
    SQLModel.metadata.create_all(engine)
    login = EidLogin(
        reader=PcscEidReader(),
        origin=ORIGIN,
        challenge_store=SqlChallengeStore(engine),
        reader_leases=ReaderLeases(engine),
        trust_anchors=lambda: load_trust_anchors(work / "anchors"),
        revocation_checker=OcspRevocationChecker(responder_url=ocsp.url),
        reader_name=reader_name(0),
    )
    try:
        print(f"eID login, challenge to session ({args.rounds} rounds each, OCSP on loopback)")
        for label, slug in PROFILES:
            slots.insert(0, slug)
            samples = []
            for _ in range(args.rounds + 3):
                started = time.perf_counter()
                now = dt.datetime.now(dt.UTC)
                nonce, cert = login.begin(now=now, browser_binding=BROWSER)
                result = login.complete(
                    nonce=nonce,
                    reader=cert.reader,
                    confirmed_fingerprint=cert.fingerprint,
                    pin="1234",
                    now=now,
                    browser_binding=BROWSER,
                )
                with Session(engine) as db:
                    _, ticket = open_session(
                        db,
                        identity=result.identity,
                        key_kind="eid",
                        level=result.level,
                        now=now,
                        photo_jpeg=result.photo_jpeg,
                        browser_binding=BROWSER,
                    )
                    db.commit()
                    assert redeem_ticket(db, ticket, browser_binding=BROWSER, now=now) is not None
                    db.commit()
                samples.append(time.perf_counter() - started)
            print(f"  {label:26} {percentiles(samples[3:], width=6)}")  # the first rounds warm up
            slots.remove(0)
    finally:
        slots.close()
        ocsp.stop()
        stack.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
