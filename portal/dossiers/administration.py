"""The administration's side of a dossier, as a back office drives it through the portal's API
(``monespace_app/back_office_routes.py``): the dossiers to handle, take one, ask for a
complement, decide and close with a decision document.

The back office is not a person with a session: it authenticates with the API token of the
settings, checked here so that no caller can reach these rules without it.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from foundation import routes
from foundation.mail_outbox import enqueue
from foundation.models.dossiers import (
    AttachmentPurpose,
    Dossier,
    DossierAttachment,
    DossierStatus,
)
from portal.dossiers import mails
from portal.dossiers.attachments import ANY_DOCUMENT, check_file
from portal.dossiers.errors import DossierError, DossierNotFoundError
from portal.dossiers.lifecycle import Action, next_status
from portal.dossiers.notices import DOCUMENT, NOTIFICATION, add_item, recipients
from portal.dossiers.records import ADMINISTRATION, by_reference, record, touch

# What the back office lists: everything sent to the administration and not closed.
HANDLED = (DossierStatus.SUBMITTED, DossierStatus.IN_PROGRESS, DossierStatus.COMPLEMENT_REQUESTED)


class BackOfficeRefusedError(DossierError):
    """No API token, or not the right one."""


class DecisionMissingError(DossierError):
    """Closing a dossier needs the decision's words and its document."""


class ComplementMessageMissingError(DossierError):
    """A complement request must say what is missing."""


def require_back_office(token: str | None, expected: str) -> None:
    if not expected or not token or not hmac.compare_digest(token, expected):
        raise BackOfficeRefusedError("back office token")


@dataclass(frozen=True, slots=True)
class CaseLine:
    reference: str
    title: str
    status: str
    holder: str  # national number, or company number for a professional space
    submitted_at: datetime | None


def open_cases(db: Session) -> list[CaseLine]:
    rows = db.exec(
        select(Dossier)
        .where(col(Dossier.status).in_(HANDLED), col(Dossier.reference).is_not(None))
        .order_by(col(Dossier.submitted_at))
    ).all()
    return [
        CaseLine(
            reference=d.reference or "",
            title=d.title,
            status=d.status,
            holder=d.company_number or d.national_number,
            submitted_at=d.submitted_at,
        )
        for d in rows
    ]


def case(db: Session, reference: str, *, lock: bool = False) -> Dossier:
    """A dossier the back office may see; ``lock`` for an action (records.by_reference)."""
    dossier = by_reference(db, reference, lock=lock)
    if dossier is None or dossier.status not in (*HANDLED, DossierStatus.CLOSED):
        raise DossierNotFoundError(reference)
    return dossier


def take(db: Session, reference: str, *, now: datetime) -> Dossier:
    """Introduit → En cours de traitement."""
    dossier = case(db, reference, lock=True)
    next_status(Action.TAKE, dossier.status)
    dossier.status = DossierStatus.IN_PROGRESS
    touch(dossier, ADMINISTRATION, now)
    record(db, dossier, ADMINISTRATION, Action.TAKE, now)
    add_item(
        db,
        dossier,
        NOTIFICATION,
        f"Votre dossier {dossier.reference} est en cours de traitement.",
        now,
    )
    return dossier


def request_complement(
    db: Session, reference: str, *, message: str, public_origin: str, now: datetime
) -> Dossier:
    """En cours de traitement → Complément demandé; the person is told by e-mail."""
    dossier = case(db, reference, lock=True)
    next_status(Action.REQUEST_COMPLEMENT, dossier.status)
    text = message.strip()
    if not text:
        raise ComplementMessageMissingError(reference)
    dossier.status = DossierStatus.COMPLEMENT_REQUESTED
    dossier.administration_message = text
    touch(dossier, ADMINISTRATION, now)
    record(db, dossier, ADMINISTRATION, Action.REQUEST_COMPLEMENT, now, text)
    assert dossier.reference is not None
    add_item(
        db,
        dossier,
        NOTIFICATION,
        f"Un complément est demandé pour votre dossier {dossier.reference}.",
        now,
    )
    for to in recipients(db, dossier, dossier.national_number, setting="notify_complement"):
        enqueue(
            db,
            mails.complement_requested(
                to=to.address,
                language=to.language,
                reference=dossier.reference,
                title=to.title,
                message=text,
                dossier_url=f"{public_origin}{routes.dossier(dossier.reference)}",
            ),
            now=now,
        )
    return dossier


def close(
    db: Session,
    reference: str,
    *,
    decision: str,
    document_name: str,
    document: bytes,
    public_origin: str,
    now: datetime,
) -> Dossier:
    """En cours de traitement → Clôturé, with the decision's document in Mes documents."""
    dossier = case(db, reference, lock=True)
    next_status(Action.CLOSE, dossier.status)
    text = decision.strip()
    if not text or not document:
        raise DecisionMissingError(reference)
    accepted = check_file(ANY_DOCUMENT, document_name, document)
    assert dossier.id is not None
    assert dossier.reference is not None
    row = DossierAttachment(
        dossier_id=dossier.id,
        purpose=AttachmentPurpose.DECISION,
        file_name=accepted.file_name,
        media_type=accepted.media_type,
        size=accepted.size,
        sha256=accepted.sha256,
        content=document,
        added_at=now,
        added_by=ADMINISTRATION,
    )
    db.add(row)
    db.flush()
    dossier.status = DossierStatus.CLOSED
    dossier.closed_at = now
    dossier.administration_message = text
    touch(dossier, ADMINISTRATION, now)
    record(db, dossier, ADMINISTRATION, Action.CLOSE, now, text)
    add_item(
        db,
        dossier,
        DOCUMENT,
        f"Décision — {dossier.title} ({dossier.reference})",
        now,
        attachment_id=row.id,
    )
    add_item(
        db,
        dossier,
        NOTIFICATION,
        f"Votre dossier {dossier.reference} est clôturé : une décision est disponible.",
        now,
    )
    for to in recipients(db, dossier, dossier.national_number, setting="notify_closed"):
        enqueue(
            db,
            mails.closed(
                to=to.address,
                language=to.language,
                reference=dossier.reference,
                title=to.title,
                decision=text,
                dossier_url=f"{public_origin}{routes.dossier(dossier.reference)}",
            ),
            now=now,
        )
    return dossier
