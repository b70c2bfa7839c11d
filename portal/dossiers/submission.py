"""Signing and submitting a dossier, and answering the administration's request for a complement.

Signing is the card's: the service builds the receipt's content from the form as it is saved,
hands it to a ``ReceiptSigner`` (the PIN, the card's non-repudiation key, the checks of the
signature certificate and of the signed PDF happen there), and keeps the signed PDF. Submitting
sends what was signed: the acknowledgement e-mail, the receipt in Mes documents, a notification.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlmodel import Session

from foundation import routes
from foundation.clock import BRUSSELS
from foundation.mail_outbox import enqueue
from foundation.models.companies import Company
from foundation.models.dossiers import (
    AttachmentPurpose,
    Dossier,
    DossierAttachment,
    DossierReceipt,
    DossierStatus,
)
from foundation.models.session import UserSession
from portal.companies.roles import Permission
from portal.dossiers import mails
from portal.dossiers.attachments import ANY_DOCUMENT, check_file
from portal.dossiers.drafting import attachments_of, procedure_of
from portal.dossiers.errors import ComplementAnswerEmptyError, FormIncompleteError, WrongStatusError
from portal.dossiers.forms.engine import validate_form
from portal.dossiers.lifecycle import Action, next_status
from portal.dossiers.notices import DOCUMENT, NOTIFICATION, add_item, recipients
from portal.dossiers.receipt import ReceiptContent
from portal.dossiers.records import (
    check_version,
    find_for,
    record,
    sources_of,
    touch,
    values_of,
)
from portal.dossiers.signature import SignedReceipt
from portal.dossiers.views import form_files, summary

LANGUAGE = "fr"  # the receipt is the administration's document: in French, like the démarche


# The receipt's content and the national number the card must belong to → the signed receipt.
ReceiptSigner = Callable[[ReceiptContent, str], SignedReceipt]


def receipt_content(
    db: Session, dossier: Dossier, session: UserSession, now: datetime
) -> ReceiptContent:
    files = form_files(attachments_of(db, dossier))
    sections = [
        (section.title, [(label, value or "—") for label, value in section.lines])
        for section in summary(procedure_of(dossier), values_of(dossier), files, LANGUAGE)
    ]
    company = db.get(Company, dossier.company_number) if dossier.company_number else None
    assert dossier.reference is not None
    return ReceiptContent(
        reference=dossier.reference,
        procedure_title=dossier.title,
        applicant_name=f"{session.first_names} {session.surname}",
        applicant_national_number=session.national_number,
        company_name=company.name if company else None,
        company_number=dossier.company_number,
        signed_at=now,
        sections=sections,
        attachments=[(a.file_name, a.size, a.sha256) for a in files.values()],
    )


def sign(
    db: Session,
    session: UserSession,
    reference: str,
    *,
    version: int | None,
    signer: ReceiptSigner,
    now: datetime,
) -> Dossier:
    """Brouillon → Signé, once every field is right and the card has signed."""
    dossier = find_for(db, session, reference, Permission.SIGN, now)
    check_version(dossier, version)
    next_status(Action.SIGN, dossier.status)
    form = procedure_of(dossier).form
    today = now.astimezone(BRUSSELS).date()
    problems = validate_form(form, values_of(dossier), sources=sources_of(dossier), today=today)
    if problems:
        raise FormIncompleteError(dict(problems))
    signed = signer(receipt_content(db, dossier, session, now), session.national_number)
    assert dossier.id is not None
    db.merge(
        DossierReceipt(
            dossier_id=dossier.id,
            pdf=signed.pdf,
            certificate=signed.certificate_der,
            signer_name=signed.signer_name,
            # The signing session refused any card but this person's.
            signer_national_number=session.national_number,
            signed_at=signed.signed_at,
        )
    )
    dossier.status = DossierStatus.SIGNED
    dossier.signed_at = now
    dossier.signed_by = session.national_number
    touch(dossier, session.national_number, now)
    record(db, dossier, session.national_number, Action.SIGN, now, signed.signer_name)
    return dossier


def submit(
    db: Session,
    session: UserSession,
    reference: str,
    *,
    version: int | None,
    public_origin: str,
    now: datetime,
) -> Dossier:
    """Signé → Introduit: the acknowledgement e-mail, the receipt in Mes documents."""
    dossier = find_for(db, session, reference, Permission.SUBMIT, now)
    check_version(dossier, version)
    next_status(Action.SUBMIT, dossier.status)
    if db.get(DossierReceipt, dossier.id) is None:
        raise WrongStatusError(f"{reference}: signed without a receipt", field=Action.SUBMIT)
    dossier.status = DossierStatus.SUBMITTED
    dossier.submitted_at = now
    touch(dossier, session.national_number, now)
    record(db, dossier, session.national_number, Action.SUBMIT, now)
    assert dossier.reference is not None
    holder = session.national_number
    receipt_title = f"Accusé de réception — {dossier.title} ({dossier.reference})"
    add_item(db, dossier, DOCUMENT, receipt_title, now)
    introduced = f"Votre dossier {dossier.reference} « {dossier.title} » a été introduit."
    add_item(db, dossier, NOTIFICATION, introduced, now)
    for to in recipients(db, dossier, holder, setting="notify_submitted"):
        mail = mails.submitted(
            to=to.address,
            language=to.language,
            reference=dossier.reference,
            title=to.title,
            when=now,
            dossier_url=f"{public_origin}{routes.dossier(dossier.reference)}",
        )
        enqueue(db, mail, now=now)
    return dossier


def answer_complement(
    db: Session,
    session: UserSession,
    reference: str,
    *,
    message: str,
    files: list[tuple[str, bytes]],
    now: datetime,
) -> Dossier:
    """Complément demandé → Introduit, with a message and/or new files."""
    dossier = find_for(db, session, reference, Permission.SUBMIT, now)
    next_status(Action.ANSWER_COMPLEMENT, dossier.status)
    text = message.strip()
    if not text and not files:
        raise ComplementAnswerEmptyError(reference)
    checked = [(check_file(ANY_DOCUMENT, name, content), content) for name, content in files]
    assert dossier.id is not None
    for accepted, content in checked:
        db.add(
            DossierAttachment(
                dossier_id=dossier.id,
                purpose=AttachmentPurpose.COMPLEMENT,
                file_name=accepted.file_name,
                media_type=accepted.media_type,
                size=accepted.size,
                sha256=accepted.sha256,
                content=content,
                added_at=now,
                added_by=session.national_number,
            )
        )
    dossier.status = DossierStatus.SUBMITTED
    touch(dossier, session.national_number, now)
    names = ", ".join(a.file_name for a, _ in checked)
    record(
        db,
        dossier,
        session.national_number,
        Action.ANSWER_COMPLEMENT,
        now,
        "\n".join(x for x in (text, names) if x),
    )
    return dossier
