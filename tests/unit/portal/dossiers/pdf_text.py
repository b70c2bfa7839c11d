"""The text a PDF reader shows, read back from a PDF made by fpdf2 (Unicode fonts: two-byte
glyph codes, mapped to characters by each font's ToUnicode CMap); one line per text run."""

from __future__ import annotations

import re
from io import BytesIO

from pyhanko.pdf_utils.generic import DictionaryObject, StreamObject
from pyhanko.pdf_utils.reader import PdfFileReader

_BFCHAR = re.compile(rb"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]+)>")
_RUN = re.compile(rb"/(F\d+)\s+[\d.]+\s+Tf|\(((?:\\.|[^\\)])*)\)\s*Tj", re.DOTALL)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _unescape(literal: bytes) -> bytes:
    def one(match: re.Match[bytes]) -> bytes:
        escaped = match.group(1)
        if escaped[:1].isdigit():
            return bytes([int(escaped, 8)])
        return _ESCAPES.get(escaped, escaped)

    return re.sub(rb"\\([0-7]{1,3}|.)", one, literal, flags=re.DOTALL)


def _to_unicode(font: DictionaryObject) -> dict[int, str]:
    cmap = font["/ToUnicode"]
    assert isinstance(cmap, StreamObject)
    return {
        int(code, 16): bytes.fromhex(target.decode()).decode("utf-16-be")
        for code, target in _BFCHAR.findall(cmap.data)
    }


def pdf_pages(pdf: bytes) -> list[list[str]]:
    reader = PdfFileReader(BytesIO(pdf))
    pages: list[list[str]] = []
    for page in reader.root["/Pages"]["/Kids"]:
        page = page.get_object()
        fonts = page["/Resources"]["/Font"]
        maps = {str(name)[1:]: _to_unicode(fonts[name]) for name in fonts}
        lines: list[str] = []
        current: dict[int, str] = {}
        for match in _RUN.finditer(page["/Contents"].data):
            if match.group(1) is not None:
                current = maps[match.group(1).decode()]
                continue
            codes = _unescape(match.group(2))
            lines.append(
                "".join(
                    current[int.from_bytes(codes[i : i + 2], "big")]
                    for i in range(0, len(codes), 2)
                )
            )
        pages.append(lines)
    return pages


def pdf_text(pdf: bytes) -> str:
    return "\n".join(line for page in pdf_pages(pdf) for line in page)
