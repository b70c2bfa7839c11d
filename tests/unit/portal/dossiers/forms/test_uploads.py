"""A file is accepted on what its bytes are, not on its name."""

from __future__ import annotations

import pytest

from portal.dossiers.forms import problems
from portal.dossiers.forms.problems import FieldProblem
from portal.dossiers.forms.uploads import (
    MAX_UPLOAD_BYTES,
    check_upload,
    extension,
    sniff_media_type,
)
from tests.unit.portal.dossiers.forms.form_data import one_field

PDF = b"%PDF-1.7\n..."
JPEG = b"\xff\xd8\xff\xe0..."
PNG = b"\x89PNG\r\n\x1a\n..."


def test_the_media_type_is_read_from_the_first_bytes() -> None:
    assert sniff_media_type(PDF) == "application/pdf"
    assert sniff_media_type(JPEG) == "image/jpeg"
    assert sniff_media_type(PNG) == "image/png"
    assert sniff_media_type(b"MZ\x90\x00 an executable") is None


def test_a_pdf_only_field_refuses_a_picture_and_names_what_it_accepts() -> None:
    certificate = one_field("file", accept=["pdf"])
    assert check_upload(certificate, PDF) is None
    assert check_upload(certificate, PNG) == FieldProblem(problems.FILE_TYPE, {"accept": "PDF"})
    photos = one_field("file", accept=["jpeg", "png"])
    assert check_upload(photos, PNG) is None
    assert check_upload(photos, PDF) == FieldProblem(problems.FILE_TYPE, {"accept": "JPEG, PNG"})


def test_empty_and_too_large_files_are_refused() -> None:
    field = one_field("file")
    assert check_upload(field, b"") == FieldProblem(problems.FILE_EMPTY)
    too_large = PDF + b"0" * MAX_UPLOAD_BYTES
    assert check_upload(field, too_large) == FieldProblem(problems.FILE_TOO_LARGE, {"max": "10"})


def test_only_a_file_field_takes_a_file() -> None:
    with pytest.raises(ValueError, match="takes no file"):
        check_upload(one_field("text"), PDF)


def test_stored_files_end_with_their_types_extension() -> None:
    assert [extension(t) for t in ("application/pdf", "image/jpeg", "image/png")] == [
        "pdf",
        "jpg",
        "png",
    ]
    with pytest.raises(ValueError, match="not a media type"):
        extension("text/html")
