"""Files kept with a dossier: checked on their bytes by the form engine (PDF, JPEG or PNG, at
most 10 MB), named safely, kept with their SHA-256. A refused file raises
``AttachmentRefusedError`` carrying the field problem the page shows beside the field."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from portal.dossiers.errors import AttachmentRefusedError
from portal.dossiers.forms.model import Field, FieldType
from portal.dossiers.forms.texts import Text
from portal.dossiers.forms.uploads import check_upload, sniff_media_type

_UNSAFE = re.compile(r"[^\w.\- ()]+")
# The files of an answer to a complement request, or of a decision: no form field describes them.
ANY_DOCUMENT = Field(
    key="document",
    type=FieldType.FILE,
    label=Text("Document"),
    max_files=10,
    accept=("pdf", "jpeg", "png"),
)


@dataclass(frozen=True, slots=True)
class AcceptedFile:
    file_name: str
    media_type: str
    size: int
    sha256: str


def safe_file_name(name: str) -> str:
    """The name shown and sent back on download: no path, no control characters."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = unicodedata.normalize("NFC", base)
    base = _UNSAFE.sub("_", base).strip(" .")
    return base[:200] or "document"


def check_file(field: Field, file_name: str, content: bytes) -> AcceptedFile:
    problem = check_upload(field, content)
    if problem is not None:
        raise AttachmentRefusedError(problem, field=field.key)
    media_type = sniff_media_type(content)
    assert media_type is not None  # check_upload accepted it
    return AcceptedFile(
        file_name=safe_file_name(file_name),
        media_type=media_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
