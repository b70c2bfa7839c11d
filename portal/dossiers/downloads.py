"""The links that download a dossier's files: its signed receipt ("accusé de réception") or one
of its pieces (the administration's decision...). The download endpoint checks again, at each
download, that the person may read the dossier; a link only says where the file is."""

from __future__ import annotations

from urllib.parse import quote

from foundation import routes

RECEIPT = "accuse"


def receipt_link(reference: str) -> str:
    return f"{routes.DOSSIER_DOWNLOAD}?reference={quote(reference, safe='')}&document={RECEIPT}"


def piece_link(reference: str, attachment_id: int) -> str:
    return f"{routes.DOSSIER_DOWNLOAD}?reference={quote(reference, safe='')}&piece={attachment_id}"


def document_link(reference: str | None, attachment_id: int | None) -> str:
    """The link of a line of Mes documents that belongs to a dossier: the file it names, or the
    dossier's receipt when it names none; "" for a dossier without reference (a record the
    administration held before the portal has no file to download)."""
    if not reference:
        return ""
    if attachment_id is None:
        return receipt_link(reference)
    return piece_link(reference, attachment_id)
