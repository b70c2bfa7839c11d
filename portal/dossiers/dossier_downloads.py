"""A dossier's files as a browser downloads them: an attachment (the form's, a complement's, the
administration's decision) or the signed receipt, for a person who may read the dossier now.

``download`` is the unit of work of ``monespace_app/download_routes.py``: the visit's check (a
live session of an active account), then the dossier found for the person with the READ
permission of the role matrix at this moment, then the file, which must be this dossier's. The
back office reads the same files through ``attachment_file`` and ``receipt_file``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session

from foundation.models.account import AccountStatus
from foundation.models.dossiers import Dossier, DossierAttachment, DossierReceipt
from portal import visits
from portal.companies.roles import Permission
from portal.dossiers.attachments import safe_file_name
from portal.dossiers.downloads import RECEIPT
from portal.dossiers.errors import AttachmentNotFoundError
from portal.dossiers.records import find_for

ACTIVE = (AccountStatus.ACTIVE,)
PDF = "application/pdf"


@dataclass(frozen=True, slots=True)
class DossierFile:
    file_name: str
    media_type: str
    content: bytes


def attachment_file(db: Session, dossier: Dossier, attachment_id: int) -> DossierFile:
    """One of the dossier's files; another dossier's id is "not found", like an unknown one."""
    row = db.get(DossierAttachment, attachment_id)
    if row is None or row.dossier_id != dossier.id:
        raise AttachmentNotFoundError(str(attachment_id))
    return DossierFile(safe_file_name(row.file_name), row.media_type, bytes(row.content))


def receipt_file(db: Session, dossier: Dossier) -> DossierFile:
    """The PDF the card signed, named after the dossier's reference."""
    receipt = db.get(DossierReceipt, dossier.id) if dossier.id is not None else None
    if receipt is None:
        raise AttachmentNotFoundError(RECEIPT)
    name = safe_file_name(f"accuse-de-reception-{dossier.reference or dossier.id}.pdf")
    return DossierFile(name, PDF, bytes(receipt.pdf))


def piece_id(value: str | None) -> int | None:
    """``?piece=`` as an attachment id; anything else names no file."""
    text = (value or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else None


def download(
    session_id: str | None,
    reference: str,
    *,
    piece: str | None,
    document: str | None,
    now: datetime,
    bind: Engine | None = None,
) -> DossierFile:
    """The file ``piece`` (an attachment id), or the receipt (``document=accuse``), of the
    dossier ``reference``.

    Refuses with ``NotLoggedInError``/``NotHereError`` (the visit), the dossiers' errors of
    ``permissions.require`` (level, space, role), ``DossierNotFoundError`` (not a dossier this
    person may see), or ``AttachmentNotFoundError`` (not a file of this dossier)."""
    with visits.entered(session_id, now=now, accepted=ACTIVE, bind=bind) as inside:
        dossier = find_for(inside.db, inside.session_row, reference, Permission.READ, now)
        if document is not None:
            if document != RECEIPT or piece is not None:
                raise AttachmentNotFoundError(document)
            return receipt_file(inside.db, dossier)
        attachment_id = piece_id(piece)
        if attachment_id is None:
            raise AttachmentNotFoundError(piece or "")
        return attachment_file(inside.db, dossier, attachment_id)
