"""The receipt's fonts cut down to the Latin script, which nearly every receipt is written in.

fpdf2 parses the whole font file for each document it makes (DejaVu Sans: about 6,000 glyphs,
most of a receipt's rendering time); the same fonts holding only the Latin, punctuation and
currency blocks are parsed several times faster and draw the very same glyphs. They are cut once
per process into a temporary folder. A receipt holding a character outside these blocks is drawn
again with the whole fonts (``receipt.render_receipt_pdf``).
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import threading
from pathlib import Path

from fontTools import subset  # type: ignore[import-untyped]
from fpdf import FPDF
from fpdf.fonts import TTFFont

LATIN_BLOCKS = (
    (0x0020, 0x024F),  # Basic Latin to Latin Extended-B: names, addresses, the four languages
    (0x0300, 0x036F),  # combining accents, as some keyboards type them
    (0x1E00, 0x1EFF),  # Latin Extended Additional
    (0x2000, 0x206F),  # general punctuation: dashes, quotes, the narrow no-break space
    (0x20A0, 0x20CF),  # currency signs
    (0x2100, 0x214F),  # letterlike symbols (№, ℅)
)
LATIN_CHARACTERS = tuple(c for first, last in LATIN_BLOCKS for c in range(first, last + 1))

_lock = threading.Lock()
_cut_folders: dict[tuple[Path, tuple[str, ...]], Path] = {}


def _cut(source: Path, target: Path) -> None:
    options = subset.Options()
    options.notdef_outline = True  # fpdf2 draws .notdef for a glyph the font lacks
    options.recommended_glyphs = True
    options.glyph_names = True
    options.drop_tables += ["FFTM"]  # FontForge's timestamps: fontTools would warn of them
    font = subset.load_font(str(source), options)
    cutter = subset.Subsetter(options)
    cutter.populate(unicodes=LATIN_CHARACTERS)
    cutter.subset(font)
    subset.save_font(font, str(target), options)
    font.close()


def latin_fonts(font_dir: Path, file_names: tuple[str, ...]) -> Path:
    """A folder holding each of ``font_dir``'s ``file_names`` cut to ``LATIN_BLOCKS``, made at
    the first call of the process (under a second for three fonts) and removed at its exit."""
    key = (font_dir, file_names)
    with _lock:
        folder = _cut_folders.get(key)
        if folder is None:
            folder = Path(tempfile.mkdtemp(prefix="monespace-receipt-fonts-"))
            atexit.register(shutil.rmtree, folder, ignore_errors=True)
            for file_name in file_names:
                _cut(font_dir / file_name, folder / file_name)
            _cut_folders[key] = folder
        return folder


def lacks_glyphs(pdf: FPDF) -> bool:
    """Whether the document drew a character its fonts do not have (as .notdef)."""
    return any(isinstance(f, TTFFont) and f.missing_glyphs for f in pdf.fonts.values())
