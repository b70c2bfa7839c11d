"""A dossier's receipt content as the dossier service fills it, for the receipt tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from portal.dossiers.receipt import ReceiptContent

SIGNED_AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)  # 10:30 in Brussels (winter time)
DIPLOMA_SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
GRADES_SHA256 = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752"


def receipt_content(**changes: object) -> ReceiptContent:
    content = ReceiptContent(
        reference="ME-2026-000123",
        procedure_title="Demande d'équivalence de diplôme — enseignement supérieur",
        applicant_name="Naïma Aïcha Mremi",
        applicant_national_number="79110221605",
        signed_at=SIGNED_AT,
        sections=[
            (
                "Coordonnées",
                [("Adresse e-mail", "naima.mremi@example.be"), ("Téléphone", "")],
            ),
            (
                "Diplôme",
                [
                    ("Intitulé", "Master en sciences de l'éducation"),
                    ("Établissement", "Université de Liège"),
                ],
            ),
        ],
        attachments=[
            ("diplôme.pdf", 234_567, DIPLOMA_SHA256),
            ("relevé de notes.jpg", 1_200_345, GRADES_SHA256),
        ],
        company_name="Entreprise de test",
        company_number="0845059050",
    )
    return replace(content, **changes)  # type: ignore[arg-type]
