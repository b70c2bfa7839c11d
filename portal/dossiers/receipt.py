"""The receipt of a signed dossier (« Accusé de réception »), as a PDF made with fpdf2.

What the applicant signs with the eID card: the dossier's reference, the démarche, who files it
(and for which company), when, every field of the form by section, and each attachment with its
SHA-256, so that the signature covers the files too. Texts are the ``receipt.*`` keys of the
signing catalogues; accents need a Unicode font: Debian's DejaVu (``fonts-dejavu-core``), cut
to the Latin script when the receipt holds nothing else (``receipt_fonts``: half the time).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import TableBordersLayout, XPos, YPos
from fpdf.fonts import FontFace

from foundation.clock import BRUSSELS, require_aware
from foundation.i18n.catalog import text
from portal.companies.company_number import CompanyNumberError, format_company_number
from portal.companies.national_number import NationalNumberError, format_national_number
from portal.dossiers.receipt_fonts import lacks_glyphs, latin_fonts

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
SANS, MONO = "DejaVu", "DejaVuMono"
_FONT_FILES = {
    (SANS, ""): "DejaVuSans.ttf",
    (SANS, "B"): "DejaVuSans-Bold.ttf",
    (MONO, ""): "DejaVuSansMono.ttf",
}
PORTAL_NAME = "Mon Espace"
_BLUE = (0, 84, 147)
_GREY = (90, 90, 90)
_LABEL_WIDTH = 62.0  # mm, of the 180 between the margins


@dataclass(frozen=True)
class ReceiptContent:
    reference: str  # "ME-2026-000123"
    procedure_title: str
    applicant_name: str
    applicant_national_number: str
    signed_at: datetime  # aware; shown in Brussels time
    # (section title, [(label, value), ...]) in the form's order
    sections: Sequence[tuple[str, Sequence[tuple[str, str]]]]
    # (file name, size in bytes, SHA-256 in hex)
    attachments: Sequence[tuple[str, int, str]]
    company_name: str | None = None
    company_number: str | None = None


def _national_number(number: str) -> str:
    try:
        return format_national_number(number)
    except NationalNumberError:
        return number


def _company_number(number: str) -> str:
    try:
        return format_company_number(number)
    except CompanyNumberError:
        return number


def _size(language: str, size: int) -> str:
    grouped = f"{size:,}".replace(",", "\N{NARROW NO-BREAK SPACE}")
    return text(language, "receipt.size").format(size=grouped)


def signed_at_text(language: str, signed_at: datetime) -> str:
    """« 2 mars 2026 à 10:30 (heure de Bruxelles) » style, in the receipt's language."""
    local = require_aware(signed_at, name="signed_at").astimezone(BRUSSELS)
    return text(language, "receipt.signed_at_value").format(
        date=local.strftime("%d/%m/%Y"), time=local.strftime("%H:%M")
    )


class _ReceiptPdf(FPDF):
    def __init__(self, language: str, font_dir: Path) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.language = language
        for (family, style), file_name in _FONT_FILES.items():
            self.add_font(family, style, str(font_dir / file_name))
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(auto=True, margin=22)

    def t(self, key: str) -> str:
        return text(self.language, key)

    def header(self) -> None:
        self.set_font(SANS, "B", 16)
        self.set_text_color(*_BLUE)
        self.cell(0, 8, PORTAL_NAME, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(SANS, "", 9)
        self.set_text_color(*_GREY)
        self.cell(0, 5, self.t("site.federation"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*_BLUE)
        self.line(self.l_margin, self.get_y() + 2, self.w - self.r_margin, self.get_y() + 2)
        self.ln(6)
        self.set_text_color(0, 0, 0)

    def footer(self) -> None:
        self.set_y(-18)
        self.set_font(SANS, "", 7.5)
        self.set_text_color(*_GREY)
        self.multi_cell(
            0,
            3.6,
            self.t("receipt.signature_notice"),
            align="C",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        page = self.t("receipt.page").format(page=self.page_no(), pages="{nb}")
        self.cell(0, 4, page, align="C")

    def heading(self, title: str) -> None:
        self.ln(3)
        self.set_font(SANS, "B", 11.5)
        self.set_text_color(*_BLUE)
        self.multi_cell(0, 6, title, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0, 0, 0)
        self.ln(1)

    def fields(self, rows: Sequence[tuple[str, str]]) -> None:
        self.set_font(SANS, "", 9.5)
        label_style = FontFace(emphasis="BOLD", color=_GREY)
        with self.table(
            col_widths=(_LABEL_WIDTH, self.epw - _LABEL_WIDTH),
            first_row_as_headings=False,
            borders_layout=TableBordersLayout.HORIZONTAL_LINES,
            text_align="LEFT",
            line_height=5,
            padding=1.2,
        ) as table:
            for label, value in rows:
                row = table.row()
                row.cell(label, style=label_style)
                row.cell(value or "—")

    def attachments(self, attachments: Sequence[tuple[str, int, str]]) -> None:
        self.set_font(SANS, "", 9)
        if not attachments:
            self.multi_cell(0, 5, self.t("receipt.no_attachments"), align="L")
            return
        digest_style = FontFace(family=MONO, size_pt=6.8)  # 64 hex digits on one line
        with self.table(
            col_widths=(52, 32, self.epw - 84),
            headings_style=FontFace(emphasis="BOLD", color=_GREY),
            borders_layout=TableBordersLayout.HORIZONTAL_LINES,
            text_align=("LEFT", "RIGHT", "LEFT"),
            line_height=4.8,
            padding=1.2,
        ) as table:
            table.row(
                (
                    self.t("receipt.file_name"),
                    self.t("receipt.file_size"),
                    self.t("receipt.sha256"),
                )
            )
            for name, size, sha256 in attachments:
                row = table.row()
                row.cell(name)
                row.cell(_size(self.language, size))
                row.cell(sha256.lower(), style=digest_style)


def render_receipt_pdf(
    content: ReceiptContent, *, language: str = "fr", font_dir: Path = FONT_DIR
) -> bytes:
    """The receipt as PDF bytes (A4), ready to be signed."""
    pdf = _drawn(content, language, latin_fonts(font_dir, tuple(_FONT_FILES.values())))
    if not lacks_glyphs(pdf):
        rendered = bytes(pdf.output())
        if not lacks_glyphs(pdf):  # output() draws the last page's footer
            return rendered
    # A character beyond the Latin blocks: the whole fonts have it (or draw what they can).
    return bytes(_drawn(content, language, font_dir).output())


def _drawn(content: ReceiptContent, language: str, font_dir: Path) -> _ReceiptPdf:
    pdf = _ReceiptPdf(language, font_dir)
    title = text(language, "receipt.title")
    pdf.set_title(f"{title} {content.reference}")
    pdf.set_author(PORTAL_NAME)
    pdf.set_creator(PORTAL_NAME)
    pdf.set_lang(language)
    pdf.set_creation_date(require_aware(content.signed_at, name="signed_at"))
    pdf.add_page()

    pdf.set_font(SANS, "B", 20)
    pdf.cell(0, 11, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(SANS, "", 10)
    pdf.multi_cell(0, 5, pdf.t("receipt.intro"), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    identification = [
        (pdf.t("receipt.reference"), content.reference),
        (pdf.t("receipt.procedure"), content.procedure_title),
        (pdf.t("receipt.applicant"), content.applicant_name),
        (pdf.t("receipt.national_number"), _national_number(content.applicant_national_number)),
    ]
    if content.company_name is not None:
        identification.append((pdf.t("receipt.company"), content.company_name))
    if content.company_number is not None:
        identification.append(
            (pdf.t("receipt.company_number"), _company_number(content.company_number))
        )
    identification.append((pdf.t("receipt.signed_at"), signed_at_text(language, content.signed_at)))
    pdf.heading(pdf.t("receipt.dossier"))
    pdf.fields(identification)

    for section_title, rows in content.sections:
        pdf.heading(section_title)
        pdf.fields(rows)

    pdf.heading(pdf.t("receipt.attachments"))
    pdf.attachments(content.attachments)
    return pdf
