"""Dossiers as the administration receives them, written straight into the tables: Naïma's
student-grant dossier (its form filled in, a certificate attached, the signed receipt kept) in
her own space or in "Entreprise de test"'s professional space, at the state a test wants."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from sqlmodel import Session

from foundation.models.dossiers import (
    AttachmentPurpose,
    Dossier,
    DossierAttachment,
    DossierEvent,
    DossierReceipt,
    DossierStatus,
)
from portal.dossiers.records import dumped, reference_for
from tests.unit.portal.dossiers.dossier_world import NOW, TEST_COMPANY, Person
from tests.unit.portal.dossiers.life_steps import GRANT, GRANT_STEPS, PDF

SIGNED_PDF = b"%PDF-1.7\n% signed receipt\n%%EOF\n"
CERTIFICATE = b"%PDF-1.7\n% enrolment certificate\n%%EOF\n"
SUBMITTED_AT = NOW - timedelta(days=2)


def grant_values(attachment_id: int) -> dict[str, str]:
    values = {
        "surname": "Mremi",
        "given_names": "Naïma Samira",
        "birth_date": "1986-03-14",
        "national_number": "86031414204",
        "street": "Rue de Fer 12",
        "postal_code": "5000",
        "municipality": "Namur",
        "enrolment_certificate": str(attachment_id),
    }
    for step in GRANT_STEPS.values():
        values |= step
    return values


def add_file(
    db: Session,
    dossier: Dossier,
    *,
    name: str = "attestation.pdf",
    content: bytes = CERTIFICATE,
    purpose: AttachmentPurpose = AttachmentPurpose.FORM,
    field_key: str = "enrolment_certificate",
    added_by: str | None = None,
) -> DossierAttachment:
    assert dossier.id is not None
    row = DossierAttachment(
        dossier_id=dossier.id,
        purpose=purpose,
        field_key=field_key if purpose == AttachmentPurpose.FORM else "",
        file_name=name,
        media_type="application/pdf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        added_at=SUBMITTED_AT,
        added_by=added_by or dossier.national_number,
    )
    db.add(row)
    db.flush()
    return row


def file_dossier(
    db: Session,
    holder: Person,
    *,
    company: str | None = None,
    status: DossierStatus = DossierStatus.SUBMITTED,
) -> Dossier:
    """The grant dossier of ``holder`` (in ``company``'s space if given), signed and submitted
    two days ago, then brought to ``status``."""
    dossier = Dossier(
        national_number=holder.national_number,
        space="entreprise" if company else "citoyen",
        company_number=company,
        procedure_key=GRANT,
        title="Allocation d'études supérieures",
        status=status,
        created_at=SUBMITTED_AT,
        updated_at=SUBMITTED_AT,
        signed_at=SUBMITTED_AT,
        signed_by=holder.national_number,
        submitted_at=SUBMITTED_AT,
    )
    db.add(dossier)
    db.flush()
    assert dossier.id is not None
    dossier.reference = reference_for(dossier.id, NOW)
    certificate = add_file(db, dossier)
    assert certificate.id is not None
    dossier.data = dumped(grant_values(certificate.id))
    db.add(
        DossierReceipt(
            dossier_id=dossier.id,
            pdf=SIGNED_PDF,
            certificate=b"0\x82",
            signer_name=f"{holder.first_names} {holder.surname}",
            signer_national_number=holder.national_number,
            signed_at=SUBMITTED_AT,
        )
    )
    for action in ("create", "sign", "submit"):
        db.add(
            DossierEvent(
                dossier_id=dossier.id, at=SUBMITTED_AT, actor=holder.national_number, action=action
            )
        )
    db.flush()
    return dossier


__all__ = ["PDF", "TEST_COMPANY", "add_file", "file_dossier"]
