"""Steps shared by the dossiers' unit tests: Naïma's student-grant dossier filled in, a signer
standing in for the card (the real one is tested through pcscd in tests/integration)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from foundation.models.dossiers import Dossier
from foundation.models.session import UserSession
from portal.dossiers import drafting
from portal.dossiers.places import Place
from portal.dossiers.receipt import ReceiptContent
from portal.dossiers.signature import SignedReceipt
from tests.unit.portal.dossiers.dossier_world import NOW, FixedSources

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
GRANT = "allocation-etudes"
GRANT_STEPS = {
    "identity": {"email": "nmr@ewbs.be", "phone": "+32 470 12 34 56"},
    "studies": {
        "school_year": "2026-2027",
        "establishment": "Université de Namur",
        "study_level": "master",
        "study_programme": "Master en sciences biologiques",
        "first_application": "oui",
    },
    "household": {"household_income": "24 500,00", "dependants": "2"},
    "payment": {"iban": "BE71 0961 2345 6769"},
    "documents": {"sworn_statement": "true"},
}


class CardSigner:
    """Signs like the card would, as far as the service can tell: records what it was given."""

    def __init__(self) -> None:
        self.signed: list[tuple[ReceiptContent, str]] = []

    def __call__(self, content: ReceiptContent, national_number: str) -> SignedReceipt:
        self.signed.append((content, national_number))
        return SignedReceipt(
            pdf=PDF + content.reference.encode(),
            certificate_der=b"0\x82",
            signer_name=content.applicant_name,
            signed_at=content.signed_at,
        )


def fill(db: Session, session: UserSession, dossier: Dossier, now: datetime = NOW) -> Dossier:
    """Every step of the grant form, and the enrolment certificate."""
    assert dossier.reference is not None
    drafting.attach(
        db,
        session,
        dossier.reference,
        field_key="enrolment_certificate",
        file_name="attestation.pdf",
        content=PDF,
        now=now,
    )
    for step, values in GRANT_STEPS.items():
        dossier, problems = drafting.save(
            db, session, dossier.reference, step=step, values=values, version=None, now=now
        )
        assert problems == {}, (step, problems)
    return dossier


def start_grant(db: Session, session: UserSession, sources: FixedSources) -> Dossier:
    return drafting.start(
        db,
        session,
        procedure_key=GRANT,
        place=Place.personal("citoyen"),
        sources=sources,
        now=NOW,
    )
