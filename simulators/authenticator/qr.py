"""Reading a QR code from an image (a screenshot of the activation page), with zxing-cpp."""

from __future__ import annotations

import io

import zxingcpp
from PIL import Image, UnidentifiedImageError

QR_ONLY = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)


class QrDecodeError(ValueError):
    """Why no QR code could be read: ``reason`` for programs, the message (French) for people."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def decode_qr(png_bytes: bytes) -> str:
    """The text of the QR code in the image (PNG, or any format Pillow reads).

    With several QR codes, an otpauth:// one is preferred. Raises QrDecodeError.
    """
    try:
        with Image.open(io.BytesIO(png_bytes)) as opened:
            image = opened.convert("RGBA")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise QrDecodeError("not_an_image", "Le fichier n'est pas une image lisible.") from None
    # Transparent pixels would read as black: put the image on white first.
    flat = Image.alpha_composite(Image.new("RGBA", image.size, "white"), image).convert("L")
    texts = [
        result.text
        for result in zxingcpp.read_barcodes(flat, formats=QR_ONLY)
        if result.valid and result.text
    ]
    if not texts:
        raise QrDecodeError("no_qr_code", "Aucun code QR lisible dans l'image.")
    for text in texts:
        if text.lower().startswith("otpauth://"):
            return text
    return texts[0]
