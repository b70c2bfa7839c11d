"""What the administration's back office reads through the portal's API
(``monespace_app/back_office_routes.py``): the cases to handle, one case in full, its files, and
each action answered with the case as it now is. Values are JSON-ready (ISO 8601 instants in
UTC) and in French, the administration's language.

The rules are ``administration``'s; the API's token is checked by the route before any of these
runs. Errors keep their classes; ``error_code`` names them in the API's answers and
``http_status`` gives their status.
"""

from __future__ import annotations

import base64
import binascii
import re
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from foundation.clock import aware
from foundation.contacts import find_account, full_name
from foundation.i18n.catalog import text
from foundation.models.companies import Company
from foundation.models.dossiers import Dossier, DossierEvent, DossierReceipt
from portal.dossiers import administration
from portal.dossiers.administration import (
    BackOfficeRefusedError,
    ComplementMessageMissingError,
    DecisionMissingError,
)
from portal.dossiers.catalogue import UnknownProcedureError, load_catalogue
from portal.dossiers.dossier_downloads import DossierFile, attachment_file, receipt_file
from portal.dossiers.drafting import attachments_of
from portal.dossiers.errors import (
    AttachmentNotFoundError,
    AttachmentRefusedError,
    DossierNotFoundError,
    WrongStatusError,
)
from portal.dossiers.lifecycle import Action, possible
from portal.dossiers.records import ADMINISTRATION, values_of
from portal.dossiers.views import form_files, summary

LANGUAGE = "fr"
Json = dict[str, Any]
# The back office's actions, as the API names them, in the order its page offers them.
ACTIONS = (Action.TAKE, Action.REQUEST_COMPLEMENT, Action.CLOSE)
_STATUSES: tuple[tuple[type[Exception], int], ...] = (
    (BackOfficeRefusedError, 401),
    (DossierNotFoundError, 404),
    (AttachmentNotFoundError, 404),
    (WrongStatusError, 409),
    (DecisionMissingError, 422),
    (ComplementMessageMissingError, 422),
    (AttachmentRefusedError, 422),
)
_WORD = re.compile(r"(?<!^)(?=[A-Z])")


def error_code(error: BaseException) -> str:
    """``DossierNotFoundError`` → ``dossier_not_found``: what a client program tests."""
    return _WORD.sub("_", type(error).__name__.removesuffix("Error")).lower()


def http_status(error: BaseException) -> int:
    return next((status for cls, status in _STATUSES if isinstance(error, cls)), 400)


def _instant(moment: datetime | None) -> str | None:
    return aware(moment).isoformat() if moment is not None else None


def _person_name(db: Session, national_number: str) -> str:
    account = find_account(db, national_number)
    return full_name(account) if account is not None else ""


def _company_name(db: Session, company_number: str | None) -> str:
    company = db.get(Company, company_number) if company_number else None
    return company.name if company is not None else ""


def _status(dossier: Dossier) -> Json:
    return {
        "status": dossier.status,
        "status_label": text(LANGUAGE, f"dossier.status.{dossier.status}"),
    }


def case_list(db: Session) -> list[Json]:
    """The cases sent to the administration and not closed, the oldest first."""
    lines = []
    for line in administration.open_cases(db):
        dossier = administration.case(db, line.reference)
        lines.append(
            {
                "reference": line.reference,
                "title": line.title,
                **_status(dossier),
                "holder": line.holder,
                "holder_name": _company_name(db, dossier.company_number)
                or _person_name(db, dossier.national_number),
                "submitted_at": _instant(line.submitted_at),
            }
        )
    return lines


def form_sections(db: Session, dossier: Dossier) -> list[Json]:
    """The form's values by step, as labelled lines (files by their names), as the dossier's
    page shows them; a record the administration held before the portal has no form."""
    if dossier.procedure_key is None:
        return []
    try:
        procedure = load_catalogue().get(dossier.procedure_key)
    except UnknownProcedureError:
        return []
    files = form_files(attachments_of(db, dossier))
    return [
        {"title": section.title, "lines": [{"label": k, "value": v} for k, v in section.lines]}
        for section in summary(procedure, values_of(dossier), files, LANGUAGE)
    ]


def _history(db: Session, dossier: Dossier) -> list[Json]:
    events = db.exec(
        select(DossierEvent)
        .where(DossierEvent.dossier_id == dossier.id)
        .order_by(col(DossierEvent.at), col(DossierEvent.id))
    ).all()
    names: dict[str, str] = {}
    lines = []
    for event in events:
        if event.actor not in names:
            names[event.actor] = (
                "Administration"
                if event.actor == ADMINISTRATION
                else _person_name(db, event.actor) or event.actor
            )
        lines.append(
            {
                "at": _instant(event.at),
                "actor": event.actor,
                "actor_name": names[event.actor],
                "action": event.action,
                "message": event.message,
            }
        )
    return lines


def case_detail(db: Session, reference: str) -> Json:
    """One case in full: who, what the form says, its files, its history, what may be done."""
    dossier = administration.case(db, reference)
    receipt = db.get(DossierReceipt, dossier.id)
    holder_name = _person_name(db, dossier.national_number) or (
        receipt.signer_name if receipt is not None else ""
    )
    company = (
        {"number": dossier.company_number, "name": _company_name(db, dossier.company_number)}
        if dossier.company_number
        else None
    )
    return {
        "reference": dossier.reference,
        "title": dossier.title,
        "procedure": dossier.procedure_key,
        **_status(dossier),
        "holder": {"national_number": dossier.national_number, "name": holder_name},
        "company": company,
        "created_at": _instant(dossier.created_at),
        "submitted_at": _instant(dossier.submitted_at),
        "closed_at": _instant(dossier.closed_at),
        "administration_message": dossier.administration_message,
        "sections": form_sections(db, dossier),
        "attachments": [
            {
                "id": a.id,
                "name": a.file_name,
                "media_type": a.media_type,
                "size": a.size,
                "sha256": a.sha256,
                "purpose": a.purpose,
                "added_at": _instant(a.added_at),
            }
            for a in attachments_of(db, dossier)
        ],
        "receipt": None
        if receipt is None
        else {
            "signer_name": receipt.signer_name,
            "signed_at": _instant(receipt.signed_at),
            "size": len(receipt.pdf),
        },
        "history": _history(db, dossier),
        "actions": [a.value for a in ACTIONS if possible(a, dossier.status)],
    }


def case_attachment(db: Session, reference: str, attachment_id: int) -> DossierFile:
    return attachment_file(db, administration.case(db, reference), attachment_id)


def case_receipt(db: Session, reference: str) -> DossierFile:
    return receipt_file(db, administration.case(db, reference))


def take(db: Session, reference: str, *, now: datetime) -> Json:
    administration.take(db, reference, now=now)
    return case_detail(db, reference)


def request_complement(
    db: Session, reference: str, *, message: object, public_origin: str, now: datetime
) -> Json:
    """``message`` as the request's body had it: anything but words is no message."""
    if not isinstance(message, str):
        raise ComplementMessageMissingError(reference)
    administration.request_complement(
        db, reference, message=message, public_origin=public_origin, now=now
    )
    return case_detail(db, reference)


def decoded_document(reference: str, value: object) -> bytes:
    """A decision document sent as base64 in JSON; what does not decode is no document."""
    if not isinstance(value, str):
        raise DecisionMissingError(reference)
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as error:
        raise DecisionMissingError(reference) from error


def close(
    db: Session,
    reference: str,
    *,
    decision: object,
    document_name: object,
    document: bytes,
    public_origin: str,
    now: datetime,
) -> Json:
    if not isinstance(decision, str):
        raise DecisionMissingError(reference)
    name = document_name if isinstance(document_name, str) and document_name else "decision.pdf"
    administration.close(
        db,
        reference,
        decision=decision,
        document_name=name,
        document=document,
        public_origin=public_origin,
        now=now,
    )
    return case_detail(db, reference)
