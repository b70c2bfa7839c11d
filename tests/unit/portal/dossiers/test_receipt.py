"""The receipt a person signs: every value of the dossier, readable, accents included."""

from __future__ import annotations

from datetime import UTC, datetime
from io import BytesIO

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from portal.dossiers.receipt import render_receipt_pdf
from tests.unit.portal.dossiers.pdf_text import pdf_pages, pdf_text
from tests.unit.portal.dossiers.receipts import (
    DIPLOMA_SHA256,
    GRADES_SHA256,
    SIGNED_AT,
    receipt_content,
)

NNBSP = "\N{NARROW NO-BREAK SPACE}"


def test_the_receipt_shows_the_whole_dossier() -> None:
    text = pdf_text(render_receipt_pdf(receipt_content()))
    for expected in (
        "Mon Espace",
        "Fédération Wallonie-Bruxelles",
        "Accusé de réception",
        "ME-2026-000123",
        "Demande d'équivalence de diplôme — enseignement supérieur",
        "Demandeur\nNaïma Aïcha Mremi",
        "Numéro de registre national\n79.11.02-216.05",
        "Entreprise\nEntreprise de test",
        "Numéro d'entreprise\n0845.059.050",
        "Signé le\n02/03/2026 à 10:30 (heure de Bruxelles)",
        "Coordonnées\nAdresse e-mail\nnaima.mremi@example.be\nTéléphone\n—",
        "Diplôme\nIntitulé\nMaster en sciences de l'éducation",
        "Établissement\nUniversité de Liège",
        "Pièces jointes",
        f"diplôme.pdf\n234{NNBSP}567 octets\n{DIPLOMA_SHA256}",
        f"relevé de notes.jpg\n1{NNBSP}200{NNBSP}345 octets\n{GRADES_SHA256}",
        "Document signé électroniquement par le demandeur",
    ):
        assert expected in text


def test_the_time_is_brussels_time_in_summer_too() -> None:
    summer = datetime(2026, 7, 1, 9, 30, tzinfo=UTC)
    text = pdf_text(render_receipt_pdf(receipt_content(signed_at=summer)))
    assert "01/07/2026 à 11:30 (heure de Bruxelles)" in text


def test_a_citizens_dossier_names_no_company_and_may_have_no_attachment() -> None:
    content = receipt_content(company_name=None, company_number=None, attachments=[])
    text = pdf_text(render_receipt_pdf(content))
    assert "Entreprise" not in text
    assert "Aucune pièce jointe." in text


def test_the_receipt_speaks_the_persons_language() -> None:
    text = pdf_text(render_receipt_pdf(receipt_content(), language="nl"))
    assert "Ontvangstbewijs" in text
    assert "Ondertekend op\n02/03/2026 om 10:30 (Brusselse tijd)" in text
    assert "Accusé" not in text


def test_a_long_dossier_runs_over_pages_each_with_its_header_and_number() -> None:
    sections = [(f"Section {n}", [(f"Champ {n}", "Valeur " * 20)]) for n in range(40)]
    pages = pdf_pages(render_receipt_pdf(receipt_content(sections=sections)))
    assert len(pages) > 1
    for number, lines in enumerate(pages, start=1):
        assert lines[0] == "Mon Espace"
        assert f"Page {number} sur" in "".join(lines[-3:])
    assert "Section 39" in pdf_text(render_receipt_pdf(receipt_content(sections=sections)))


def test_the_document_is_an_a4_pdf_titled_with_its_reference() -> None:
    pdf = render_receipt_pdf(receipt_content())
    reader = PdfFileReader(BytesIO(pdf))
    assert [round(float(v)) for v in reader.root["/Pages"]["/MediaBox"]] == [0, 0, 595, 842]
    assert str(reader.trailer["/Info"]["/Title"]) == "Accusé de réception ME-2026-000123"


def test_a_naive_signing_time_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        render_receipt_pdf(receipt_content(signed_at=SIGNED_AT.replace(tzinfo=None)))


def test_a_value_beyond_the_latin_script_is_drawn_with_the_whole_fonts() -> None:
    # The receipt is first drawn with fonts cut to the Latin script; a Greek or Cyrillic value
    # would come out as empty boxes there, so the whole of DejaVu draws it instead.
    sections = [("Coordonnées", [("Nom d'usage", "Αλεξάνδρα Шевченко")])]
    text = pdf_text(render_receipt_pdf(receipt_content(sections=sections)))
    assert "Nom d'usage\nΑλεξάνδρα Шевченко" in text
    assert "Naïma Aïcha Mremi" in text
