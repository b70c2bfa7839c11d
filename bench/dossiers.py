"""Opening, signing and submitting a dossier of 30 fields and 5 attachments of ~200 KB, on a
SQLite file database holding a few thousand other dossiers, with the virtual eID card behind the
real pcscd (private stack, four free ports from 36800) and the test OCSP responder.

    .venv/bin/python bench/dossiers.py [--rounds 20] [--others 3000]

(a) ``dossier_visits.open_dossier`` and ``open_form`` (the identity step, and the documents step
that lists the 5 files), each call its own unit of work, as a page's load is.
(b) ``dossier_visits.sign`` (the portal's ``card_signer``: card, certificate checks with OCSP,
receipt rendered, PAdES signature, pyHanko's validation) then ``dossier_visits.submit``, on a
fresh dossier each round. Every PC/SC call (pcscd → vpcd → the virtual card) is timed apart:
"server side" is the whole minus the card. Target: server side p95 <= 300 ms.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import free_base_port
from simulators.eid.card_slots import CardSlots, reader_name
from simulators.pcsc.stack import PcscStack
from simulators.personas.loader import Persona, persona
from simulators.pki.ocsp_responder import OcspResponder
from simulators.pki.test_pki import TestPki

BENCH_PORTS = range(36800, 36900, 4)
SLUG = "naima-mremi"
PROCEDURE = "banc-trente-champs"
ATTACHMENTS = 5
ATTACHMENT_BYTES = 200 * 1024
TARGET_MS = 300.0
CARD = "card (PC/SC: pcscd, vpcd, virtual card)"

# 30 fields over 5 steps; the identity comes from the card, the files go in the last step.
ABOUT = {
    "audience": "citoyens",
    "title": "Banc d'essai : démarche à trente champs",
    "summary": "Une démarche de mesure, à trente champs et cinq pièces jointes.",
    "who": "Toute personne.",
    "needed": ["Carte d'identité électronique (eID) et son code PIN"],
    "spaces": ["citoyen"],
}
TWO = {"choices": [{"value": "a", "label": "Oui"}, {"value": "b", "label": "Non"}]}
NEEDED = {"required": True}
STEPS: dict[str, list[dict[str, Any]]] = {
    "identite": [
        {"key": "surname", "type": "text", "source": "eid.surname"},
        {"key": "given_names", "type": "text", "source": "eid.given_names"},
        {"key": "birth_date", "type": "date", "source": "eid.birth_date"},
        {"key": "national_number", "type": "national_number", "source": "eid.national_number"},
        {"key": "email", "type": "email", **NEEDED},
        {"key": "phone", "type": "phone"},
    ],
    "adresse": [
        {"key": "street", "type": "text", "source": "eid.street"},
        {"key": "postal_code", "type": "postal_code", "source": "eid.postal_code"},
        {"key": "municipality", "type": "text", "source": "eid.municipality"},
        {"key": "country", "type": "text", **NEEDED},
        {"key": "since", "type": "date", "max": "today", **NEEDED},
        {"key": "housing", "type": "choice", **TWO, **NEEDED},
    ],
    "situation": [
        {"key": "profession", "type": "text", **NEEDED},
        {"key": "employer", "type": "text", **NEEDED},
        {"key": "income", "type": "amount", "min": 0, **NEEDED},
        {"key": "dependants", "type": "number", "min": 0, "max": 20, **NEEDED},
        {"key": "iban", "type": "iban", **NEEDED},
        {"key": "status", "type": "radio", **TWO, **NEEDED},
    ],
    "projet": [
        {"key": "project", "type": "text", **NEEDED},
        {"key": "description", "type": "textarea", **NEEDED},
        {"key": "start", "type": "date", **NEEDED},
        {"key": "budget", "type": "amount", "min": 0, **NEEDED},
        {"key": "kind", "type": "choice", **TWO, **NEEDED},
        {"key": "remarks", "type": "textarea"},
    ],
    "pieces": [
        {"key": "documents", "type": "file", "accept": ["pdf"], "max_files": 5, **NEEDED},
        {"key": "notes", "type": "textarea"},
        {"key": "contact", "type": "radio", **TWO, **NEEDED},
        {"key": "consent", "type": "checkbox", **NEEDED},
        {"key": "sworn", "type": "checkbox", **NEEDED},
        {"key": "their_reference", "type": "text"},
    ],
}


def toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(type(value))


def form_toml() -> str:
    lines = [f"{name} = {toml_value(value)}" for name, value in ABOUT.items()]
    for step, fields in STEPS.items():
        lines += ["", "[[steps]]", f"key = {toml_value(step)}", f"title = {toml_value(step)}"]
        for field in fields:
            lines += ["", "[[steps.fields]]", f"label = {toml_value(field['key'])}"]
            lines += [f"{name} = {toml_value(value)}" for name, value in field.items()]
    return "\n".join(lines) + "\n"


VALUES = {
    "identite": {"email": "nmr@ewbs.be", "phone": "+32 470 12 34 56"},
    "adresse": {"country": "Belgique", "since": "2015-09-01", "housing": "b"},
    "situation": {
        "profession": "Biologiste",
        "employer": "Université de Namur",
        "income": "34 500,00",
        "dependants": "2",
        "iban": "BE71 0961 2345 6769",
        "status": "a",
    },
    "projet": {
        "project": "Formation continue en bio-informatique",
        "description": "Une formation de deux ans, le soir, à l'université. " * 8,
        "start": "2026-09-15",
        "budget": "4 200,00",
        "kind": "a",
        "remarks": "Aucune.",
    },
    "pieces": {"notes": "Cinq pièces.", "contact": "a", "consent": "true", "sworn": "true"},
}


# -- timing ------------------------------------------------------------------------------


class Attribution:
    """Time spent in wrapped calls, each call's own (its wrapped callees counted apart)."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self._children: list[float] = []

    def wrap(self, label: str, call: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(call)
        def timed(*args: Any, **kwargs: Any) -> Any:
            self._children.append(0.0)
            started = time.perf_counter()
            try:
                return call(*args, **kwargs)
            finally:
                elapsed = time.perf_counter() - started
                self.spent[label] += elapsed - self._children.pop()
                self.calls[label] += 1
                if self._children:
                    self._children[-1] += elapsed

        return timed

    def reset(self) -> dict[str, float]:
        spent, self.spent = dict(self.spent), defaultdict(float)
        self.calls = defaultdict(int)
        return spent


@contextmanager
def wrapped(attribution: Attribution, owner: object, label: str, *names: str) -> Iterator[None]:
    """``owner``'s attributes (a module's functions, a class's methods) timed under ``label``."""
    saved = {name: getattr(owner, name) for name in names}
    for name, call in saved.items():
        setattr(owner, name, attribution.wrap(label, call))
    try:
        yield
    finally:
        for name, call in saved.items():
            setattr(owner, name, call)


def p50_p95(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def line(label: str, samples: list[float], target_ms: float | None = None) -> bool:
    p50, p95 = p50_p95(samples)
    verdict = ""
    ok = target_ms is None or p95 <= target_ms
    if target_ms is not None:
        verdict = f"{'ok' if ok else 'OVER'} (<= {target_ms:.0f} ms)"
    print(f"  {label:<52} {p50:8.1f} {p95:8.1f}   {verdict}")
    return ok


def header(title: str) -> None:
    print(f"\n{title}")
    print(f"  {'':<52} {'p50 ms':>8} {'p95 ms':>8}")


# -- the database ------------------------------------------------------------------------


def pdf_of(size: int, seed: int) -> bytes:
    head = f"%PDF-1.7\n% bench attachment {seed}\n".encode()
    return head + secrets.token_bytes(max(0, size - len(head) - 6)) + b"\n%%EOF"


def seed_others(engine: Any, others: int, holder: str, now: datetime) -> None:
    """``others`` dossiers of 600 other people (and 30 of the holder), each with three events
    and one small file: what the indexes have to find the bench's dossier among."""
    from sqlalchemy import insert, select
    from sqlmodel import Session, col

    from foundation.models.dossiers import Dossier, DossierAttachment, DossierEvent

    statuses = ("draft", "signed", "submitted", "in_progress", "closed")
    small = pdf_of(10 * 1024, 0)
    with Session(engine) as db:
        rows = [
            {
                "reference": f"ME-2025-{n + 1:06d}",
                "national_number": holder if n % 100 == 0 else f"{80000000000 + n % 600}",
                "space": "citoyen",
                "procedure_key": "allocation-etudes",
                "title": "Allocation d'études supérieures",
                "status": statuses[n % len(statuses)],
                "data": '{"email": "x@example.be", "iban": "BE71096123456769"}',
                "sources": "{}",
                "step": "identity",
                "version": 3,
                "created_at": now - timedelta(days=n % 400),
                "updated_at": now - timedelta(days=n % 400),
            }
            for n in range(others)
        ]
        db.execute(insert(Dossier), rows)
        ids = db.execute(select(col(Dossier.id))).scalars().all()
        db.execute(
            insert(DossierEvent),
            [
                {"dossier_id": i, "at": now, "actor": "80000000000", "action": a, "message": ""}
                for i in ids
                for a in ("create", "save", "attach")
            ],
        )
        db.execute(
            insert(DossierAttachment),
            [
                {
                    "dossier_id": i,
                    "purpose": "form",
                    "field_key": "enrolment_certificate",
                    "file_name": "attestation.pdf",
                    "media_type": "application/pdf",
                    "size": len(small),
                    "sha256": "00" * 32,
                    "content": small,
                    "added_at": now,
                    "added_by": "80000000000",
                }
                for i in ids
            ],
        )
        db.commit()


def open_account(engine: Any, holder: Persona, now: datetime) -> str:
    """Naïma's active account and a live eID session; returns the session's id."""
    from sqlmodel import Session

    from foundation.models.account import Account, AccountStatus
    from foundation.models.session import UserSession
    from identity.assurance import LevelOfAssurance
    from identity.sessions import LoginIdentity, open_session

    identity = LoginIdentity(
        holder.national_number, holder.surname, holder.given_names, holder.birth_date
    )
    with Session(engine) as db:
        db.add(
            Account(
                national_number=holder.national_number,
                surname=holder.surname,
                first_names=holder.given_names.split(" ")[0],
                birth_date=holder.birth_date,
                email=holder.email or "nmr@ewbs.be",
                status=AccountStatus.ACTIVE,
                created_at=now,
            )
        )
        session_id, _ = open_session(
            db, identity=identity, key_kind="eid", level=LevelOfAssurance.HIGH, now=now
        )
        row = db.get(UserSession, session_id)
        assert row is not None
        row.ticket_hash = None
        row.expires_at = now + timedelta(hours=8)
        db.commit()
    return session_id


def new_dossier(engine: Any, session_id: str, now: datetime) -> str:
    """A dossier started from the card, every step filled, five ~200 KB PDFs attached."""
    from portal.dossiers import dossier_visits
    from portal.dossiers.dossier_setup import authentic_sources

    reference = dossier_visits.start(
        session_id, PROCEDURE, "citoyen", sources=authentic_sources(), now=now, bind=engine
    )
    for n in range(ATTACHMENTS):
        dossier_visits.attach(
            session_id,
            reference,
            "documents",
            f"piece-{n + 1}.pdf",
            pdf_of(ATTACHMENT_BYTES, n + 1),
            now=now,
            bind=engine,
        )
    for step, values in VALUES.items():
        problems = dossier_visits.save_step(
            session_id, reference, step, values, version=None, now=now, bind=engine
        )
        assert not problems, (step, problems)
    return reference


def version_of(engine: Any, reference: str) -> int:
    from sqlmodel import Session

    from portal.dossiers.records import by_reference

    with Session(engine) as db:
        found = by_reference(db, reference)
        assert found is not None
        return found.version


# -- the measures ------------------------------------------------------------------------


def measure_opening(engine: Any, session_id: str, reference: str, rounds: int) -> None:
    from foundation.clock import utc_now
    from portal.dossiers import dossier_visits

    def timed(action: Callable[[], object]) -> list[float]:
        action()  # warm up
        samples = []
        for _ in range(rounds):
            started = time.perf_counter()
            action()
            samples.append(time.perf_counter() - started)
        return samples

    def opened() -> object:
        return dossier_visits.open_dossier(
            session_id, reference, language="fr", now=utc_now(), bind=engine
        )

    def form(step: str) -> object:
        return dossier_visits.open_form(
            session_id, reference, step, language="fr", now=utc_now(), bind=engine
        )

    visit = dossier_visits.open_dossier(
        session_id, reference, language="fr", now=utc_now(), bind=engine
    )
    assert len(visit.files) == ATTACHMENTS
    assert sum(len(s.lines) for s in visit.sections) == 30
    header(f"(a) Opening the dossier ({rounds} rounds, each its own unit of work)")
    line("open_dossier (summary, 5 files, history, offers)", timed(opened))
    line("open_form, identity step", timed(functools.partial(form, "identite")))
    line("open_form, documents step (5 files)", timed(functools.partial(form, "pieces")))


def measure_signing(
    engine: Any, session_id: str, pin: str, rounds: int, attribution: Attribution
) -> bool:
    from foundation.clock import utc_now
    from foundation.settings import get_settings
    from portal.dossiers import dossier_visits
    from portal.dossiers.dossier_setup import card_signer

    origin = get_settings().public_origin
    references = [new_dossier(engine, session_id, utc_now()) for _ in range(rounds + 1)]
    sign_total: list[float] = []
    submit_total: list[float] = []
    parts: dict[str, list[float]] = defaultdict(list)
    card_calls = 0
    for n, reference in enumerate(references):
        version = version_of(engine, reference)
        now = utc_now()
        attribution.reset()
        started = time.perf_counter()
        dossier_visits.sign(
            session_id,
            reference,
            version=version,
            signer=card_signer(pin, now=now),
            now=now,
            bind=engine,
        )
        signed = time.perf_counter()
        dossier_visits.submit(
            session_id,
            reference,
            version=version + 1,
            public_origin=origin,
            now=now,
            bind=engine,
        )
        submitted = time.perf_counter()
        card_calls = attribution.calls[CARD]
        spent = attribution.reset()
        if n == 0:
            continue  # warm up: imports, first font and certificate parses
        sign_total.append(signed - started)
        submit_total.append(submitted - signed)
        for label, seconds in spent.items():
            parts[label].append(seconds)
    whole = [a + b for a, b in zip(sign_total, submit_total, strict=True)]
    card = parts[CARD]
    server = [w - c for w, c in zip(whole, card, strict=True)]
    header(f"(b) Signing with the card and submitting ({rounds} rounds, a fresh dossier each)")
    line("sign + submit, whole", whole)
    line(f"{CARD}, {card_calls} calls", card)
    ok = line("server side (whole minus card)", server, TARGET_MS)
    print("  where the server side goes:")
    line("  sign (dossier_visits.sign, whole)", sign_total)
    line("  submit (dossier_visits.submit, whole)", submit_total)
    named = [label for label in parts if label != CARD]
    for label in named:
        line(f"  {label}", parts[label])
    rest = [s - sum(parts[label][i] for label in named) for i, s in enumerate(server)]
    line("  the rest (visit, rules, database, mail, CMS)", rest)
    return ok


@contextmanager
def timed_calls(attribution: Attribution) -> Iterator[None]:
    """Every PC/SC call, and the server's own costly parts, timed under their labels."""
    from identity.eid.auth.ocsp import OcspRevocationChecker
    from identity.eid.pcsc_link import PcscConnection, PcscContext
    from portal.dossiers import dossier_setup, signature, submission

    with ExitStack() as stack:
        for owner, label, names in (
            (PcscContext, CARD, ("__init__", "release", "list_readers", "card_present", "connect")),
            (PcscConnection, CARD, ("transmit", "disconnect")),
            (OcspRevocationChecker, "OCSP request (test responder)", ("check",)),
            (dossier_setup, "trust anchors read (card_signer)", ("load_trust_anchors",)),
            (submission, "receipt content (summary, files)", ("receipt_content",)),
            (signature, "receipt PDF rendered (fpdf2)", ("render_receipt_pdf",)),
            (signature, "PAdES signature (pyHanko, without card)", ("sign_receipt",)),
            (signature, "signed PDF validated (pyHanko)", ("check_signed_receipt",)),
        ):
            stack.enter_context(wrapped(attribution, owner, label, *names))
        yield


# -- the stack ---------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--others", type=int, default=3000)
    arguments = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="dossiers-bench-"))  # removed at the end
    stack = PcscStack(work / "pcsc", private=True, base_port=free_base_port(BENCH_PORTS))
    stack.start()
    os.environ.update(stack.client_env)  # before the first PC/SC call of this process
    pki = TestPki(work / "pki")
    ocsp = OcspResponder(pki, port=0)
    ocsp.start()
    slots = CardSlots(stack, pki)
    # Before the first read of the settings in this process: the portal's card work uses these.
    os.environ |= {
        "MONESPACE_DATA_DIR": str(work / "var"),
        "MONESPACE_SECRET_KEY": "bench-dossiers-secret-key-not-for-production",
        "MONESPACE_TRUST_ANCHORS_DIR": str(pki.write_trust_anchors(work / "anchors").parent),
        "MONESPACE_EID_READER": reader_name(0),
        "MONESPACE_OCSP_URL": ocsp.url,
    }
    procedures = work / "procedures"
    procedures.mkdir()
    (procedures / f"{PROCEDURE}.toml").write_text(form_toml(), encoding="utf-8")
    try:
        from foundation.clock import utc_now
        from foundation.db import make_engine
        from foundation.models.migrate import upgrade
        from portal.dossiers import catalogue

        shutil.copytree(catalogue.PROCEDURES_DIR, procedures, dirs_exist_ok=True)
        catalogue.PROCEDURES_DIR = procedures  # the portal's démarches and the bench's
        catalogue.load_catalogue.cache_clear()
        slots.insert(0, SLUG)
        holder = persona(SLUG)
        url = f"sqlite:///{work / 'monespace.db'}"
        upgrade(url)
        engine = make_engine(url)
        now = utc_now()
        started = time.perf_counter()
        seed_others(engine, arguments.others, holder.national_number, now)
        session_id = open_account(engine, holder, now)
        print(
            f"Dossiers of 30 fields and {ATTACHMENTS} files of {ATTACHMENT_BYTES // 1024} KB, "
            f"among {arguments.others} others (SQLite file, seeded in "
            f"{time.perf_counter() - started:.1f} s); card {SLUG} through pcscd + vpcd; "
            f"{os.cpu_count()} CPUs"
        )
        reference = new_dossier(engine, session_id, now)
        measure_opening(engine, session_id, reference, arguments.rounds)
        attribution = Attribution()
        with timed_calls(attribution):
            ok = measure_signing(engine, session_id, holder.card.pin, arguments.rounds, attribution)
        engine.dispose()
        print("\ntarget met" if ok else "\nTARGET MISSED")
    finally:
        slots.close()
        ocsp.stop()
        stack.stop()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
