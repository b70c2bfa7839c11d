"""« Générer le document de décision »: a PDF the portal accepts, that says the decision."""

from __future__ import annotations

from datetime import UTC, datetime

from simulators.back_office.decision_document import (
    DecisionFacts,
    decision_file_name,
    decision_pdf,
)
from tests.unit.portal.dossiers.pdf_text import pdf_pages


def test_the_decision_document_says_who_what_and_when() -> None:
    facts = DecisionFacts(
        reference="ME-2026-000042",
        title="Allocation d'études supérieures",
        applicant="Naïma Samira Mremi",
        decision="Allocation accordée : 2 400 € pour l'année 2026-2027.",
        decided_at=datetime(2026, 3, 2, 23, 30, tzinfo=UTC),
    )
    pdf = decision_pdf(facts)
    assert pdf.startswith(b"%PDF-")
    text = "\n".join(line for page in pdf_pages(pdf) for line in page)
    assert "ME-2026-000042" in text
    assert "Naïma Samira Mremi" in text
    assert "Allocation accordée : 2 400 € pour l'année 2026-2027." in text
    assert "03/03/2026" in text  # Brussels' date
    assert decision_file_name("ME-2026-000042") == "decision-ME-2026-000042.pdf"
