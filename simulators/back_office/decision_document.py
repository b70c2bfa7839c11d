"""« Générer le document de décision »: the small PDF an agent of the simulated administration
sends with a decision (fpdf2; Debian's DejaVu font for the accents)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from foundation.clock import BRUSSELS

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
SANS = "DejaVu"
ISSUER = "Fédération Wallonie-Bruxelles — Administration (simulée)"


@dataclass(frozen=True, slots=True)
class DecisionFacts:
    reference: str
    title: str  # the démarche
    applicant: str  # a person's or a company's name
    decision: str
    decided_at: datetime  # aware


def decision_file_name(reference: str) -> str:
    return f"decision-{reference}.pdf"


def decision_pdf(facts: DecisionFacts, *, font_dir: Path = FONT_DIR) -> bytes:
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.add_font(SANS, "", str(font_dir / "DejaVuSans.ttf"))
    pdf.add_font(SANS, "B", str(font_dir / "DejaVuSans-Bold.ttf"))
    pdf.set_title(f"Décision — {facts.reference}")
    pdf.set_author(ISSUER)
    pdf.set_lang("fr")
    pdf.set_creation_date(facts.decided_at)
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    pdf.set_font(SANS, "", 9)
    pdf.cell(0, 5, ISSUER, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
    pdf.set_font(SANS, "B", 18)
    pdf.cell(0, 10, "Décision", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    pdf.set_font(SANS, "", 11)
    day = facts.decided_at.astimezone(BRUSSELS).strftime("%d/%m/%Y")
    for label, value in (
        ("Dossier", facts.reference),
        ("Démarche", facts.title),
        ("Demandeur", facts.applicant or "—"),
        ("Date de la décision", day),
    ):
        pdf.set_font(SANS, "B", 11)
        pdf.cell(48, 7, f"{label} :")
        pdf.set_font(SANS, "", 11)
        pdf.multi_cell(0, 7, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
    pdf.set_font(SANS, "B", 12)
    pdf.cell(0, 8, "Décision de l'administration", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(SANS, "", 11)
    pdf.multi_cell(0, 6, facts.decision, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(10)
    pdf.set_font(SANS, "", 8)
    pdf.multi_cell(
        0,
        4,
        "Document généré par le back-office simulé de l'administration, pour la démonstration "
        "et les tests de Mon Espace. Il n'a aucune valeur juridique.",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    return bytes(pdf.output())
