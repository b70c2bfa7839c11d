"""What a file field accepts, checked on the file's bytes: a name or a browser's word can lie."""

from __future__ import annotations

from portal.dossiers.forms import problems
from portal.dossiers.forms.model import MEDIA_TYPES, Field, FieldType
from portal.dossiers.forms.problems import FieldProblem

MAX_UPLOAD_MEGABYTES = 10
MAX_UPLOAD_BYTES = MAX_UPLOAD_MEGABYTES * 1024 * 1024
_SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)


def sniff_media_type(content: bytes) -> str | None:
    """The media type the file's first bytes announce, among those forms accept."""
    for signature, media_type in _SIGNATURES:
        if content.startswith(signature):
            return media_type
    return None


def check_upload(field: Field, content: bytes) -> FieldProblem | None:
    """Why ``content`` may not be attached to ``field``, None if it may."""
    if field.type is not FieldType.FILE:
        raise ValueError(f"field {field.key!r} takes no file")
    if not content:
        return FieldProblem(problems.FILE_EMPTY)
    if len(content) > MAX_UPLOAD_BYTES:
        return FieldProblem(problems.FILE_TOO_LARGE, {"max": str(MAX_UPLOAD_MEGABYTES)})
    if sniff_media_type(content) not in field.media_types:
        accepted = ", ".join(name.upper() for name in field.accept)
        return FieldProblem(problems.FILE_TYPE, {"accept": accepted})
    return None


def extension(media_type: str) -> str:
    """``application/pdf`` → ``pdf``: the name a stored attachment's file ends with."""
    for name, known in MEDIA_TYPES.items():
        if known == media_type:
            return "jpg" if name == "jpeg" else name
    raise ValueError(f"not a media type forms accept: {media_type!r}")
