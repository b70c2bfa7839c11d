"""A scenario reset: the running demo put into a named, known state in a few seconds.

In order: the demo clock back to the real time; every session ended
(``identity.sessions.revoke_everyone``), then the records emptied and the administration's
records of the personas loaded again, as on a new portal; the mailbox, the SMS inbox, the
authenticator phone's accounts and itsme's pending requests emptied; every card's PIN unblocked
and the scenario's cards in the readers; then the scenario's steps (``steps.ScenarioRun``); at
last every session the steps opened ended too. The portal keeps running: a browser that was
logged in is back at the key chooser at its next click.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

import foundation.models  # noqa: F401 - every table on the metadata, to empty them all
from foundation.db import make_engine
from foundation.demo_clock import reset_demo_clock
from foundation.settings import get_settings
from identity.sessions import revoke_everyone
from portal.accounts.links import LinkContext
from portal.companies.register import HttpCompanyRegister
from simulators.administration.seed import seed_administration_records
from simulators.authenticator.store import Wallet
from simulators.eid.card_slots import CardSlots, reader_name
from simulators.itsme.web import ItsmeSimulator
from simulators.mailbox.store import MailStore
from simulators.personas.loader import load_personas
from simulators.scenarios.model import Scenario, scenario
from simulators.scenarios.steps import DroppedMail, ScenarioRun, Surroundings
from simulators.sms_gateway.store import SmsStore

REGISTER_TIMEOUT = 5.0
_one_at_a_time = threading.Lock()


@dataclass
class DemoParts:
    """The running demo's pieces, as its own process holds them: what a reset empties and
    fills, and what the trainers' hardware panel shows. ``data_dir`` is the demo's (its clock),
    ``database_url`` the portal's; the server secret is the settings' (the portal's own)."""

    data_dir: Path
    database_url: str
    public_origin: str
    company_register_url: str
    trust_anchors_dir: Path
    mail_store: MailStore
    card_slots: CardSlots | None = None
    sms: SmsStore | None = None
    wallet: Wallet | None = None
    itsme: ItsmeSimulator | None = None
    mailbox_url: str = ""
    sms_url: str = ""
    authenticator_url: str = ""
    back_office_url: str = ""
    eidas_node_url: str = ""


@dataclass(frozen=True, slots=True)
class ResetReport:
    scenario: str
    title: str
    seconds: float
    sessions_ended: int
    readers: tuple[str | None, ...]


class ResetBusyError(RuntimeError):
    """Another reset is running."""


def reset_demo(parts: DemoParts, name: str) -> ResetReport:
    """Puts the demo in the state of scenario ``name`` (``ScenarioError`` for an unknown one or
    a step that fails; ``ResetBusyError`` while another reset runs)."""
    chosen = scenario(name)
    if not _one_at_a_time.acquire(blocking=False):
        raise ResetBusyError("a reset is already running")
    try:
        return _reset(parts, chosen)
    finally:
        _one_at_a_time.release()


def _reset(parts: DemoParts, chosen: Scenario) -> ResetReport:
    started = time.monotonic()
    reset_demo_clock(parts.data_dir)
    now = datetime.now(UTC)
    engine = make_engine(parts.database_url)
    try:
        with Session(engine) as db:
            ended = revoke_everyone(db, now=now)
            db.commit()
            for table in reversed(SQLModel.metadata.sorted_tables):
                db.exec(delete(table))
            seed_administration_records(db, now=now)
            db.commit()
        _empty_devices(parts)
        _cards_in_readers(parts, chosen.readers)
        run = ScenarioRun(_surroundings(parts, engine), now)
        for step in chosen.steps:
            run.run(step)
        with Session(engine) as db:
            revoke_everyone(db, now=now)
            db.commit()
        _take_back_from_mailbox(parts.mail_store, run.dropped)
    finally:
        engine.dispose()
    return ResetReport(chosen.name, chosen.title, time.monotonic() - started, ended, chosen.readers)


def _surroundings(parts: DemoParts, engine: Engine) -> Surroundings:
    slots = parts.card_slots

    def reader_of(slug: str) -> str | None:
        if slots is None:
            return None
        for status in slots.status():
            if status.persona == slug:
                return reader_name(status.index)
        return None

    settings = get_settings()
    return Surroundings(
        engine=engine,
        links=LinkContext(settings.resolved_secret_key(), parts.public_origin),
        register=HttpCompanyRegister(parts.company_register_url, REGISTER_TIMEOUT),
        trust_anchors_dir=parts.trust_anchors_dir,
        reader_of=reader_of,
        # Without the phone (a test stack without it), a phone of the moment scans the code.
        wallet=parts.wallet if parts.wallet is not None else Wallet(),
        delivered=lambda address, subject: _delivered(parts.mail_store, address, subject),
    )


def _delivered(store: MailStore, address: str, subject: str) -> str | None:
    """The newest mail in the demo's mailbox to ``address`` with ``subject``."""
    wanted = address.lower()
    for mail in store.all():
        if mail.subject == subject and any(wanted in r.lower() for r in mail.recipients):
            return mail.text
    return None


def _empty_devices(parts: DemoParts) -> None:
    parts.mail_store.clear()
    if parts.sms is not None:
        parts.sms.clear()
    if parts.wallet is not None:
        parts.wallet.clear()
    if parts.itsme is not None:
        parts.itsme.book.clear()
        parts.itsme.provider.clear()


def _cards_in_readers(parts: DemoParts, readers: tuple[str | None, ...]) -> None:
    """Every reader emptied, every card's PIN tries full and its PIN the persona's again (a
    demo may have blocked or changed it), then the scenario's cards in their readers."""
    slots = parts.card_slots
    if slots is None:
        return
    slots.close()
    for slug, person in load_personas().items():
        card = slots.card_of(slug)
        card.unblock_pin()
        with card.lock:
            card.content.pin.value = person.card.pin
    for index, occupant in enumerate(readers):
        if occupant is not None and index < slots.stack.readers:
            slots.insert(index, occupant)


def _take_back_from_mailbox(store: MailStore, dropped: list[DroppedMail]) -> None:
    """A mail a step did not keep, that the portal delivered before the step had dropped it."""
    left = Counter((mail.recipient, mail.subject) for mail in dropped)
    for mail in reversed(store.all()):  # oldest first
        for recipient in mail.recipients:
            if left[(recipient, mail.subject)] > 0:
                left[(recipient, mail.subject)] -= 1
                store.discard(mail.key)
                break
