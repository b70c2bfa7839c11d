"""What the back office reads of the agent's forms."""

from __future__ import annotations

import random

from simulators.back_office.web import form_fields


def test_a_multipart_form_with_a_file() -> None:
    boundary = "----agent"
    body = (
        (
            f"--{boundary}\r\n"
            'Content-Disposition: form-data; name="decision"\r\n\r\n'
            "Accordée à 100 %\r\n"
            f"--{boundary}\r\n"
            'Content-Disposition: form-data; name="document_source"\r\n\r\n'
            "upload\r\n"
            f"--{boundary}\r\n"
            'Content-Disposition: form-data; name="document"; filename="décision.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + b"%PDF-1.7\r\n\x00\xff binary\r\n"
        + f"\r\n--{boundary}--\r\n".encode()
    )
    fields = form_fields(f"multipart/form-data; boundary={boundary}", body)
    assert fields["decision"] == (None, "Accordée à 100 %".encode())
    assert fields["document_source"] == (None, b"upload")
    assert fields["document"] == ("décision.pdf", b"%PDF-1.7\r\n\x00\xff binary\r\n")


def test_a_binary_file_comes_back_byte_for_byte() -> None:
    content = b"%PDF-1.7\n" + random.Random(7).randbytes(200_000) + b"\r\r\n\n%%EOF"
    boundary = "b0undary"
    body = (
        f"--{boundary}\r\n".encode()
        + b'Content-Disposition: form-data; name="document"; filename="d.pdf"\r\n'
        + b"Content-Type: application/pdf\r\n\r\n"
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    fields = form_fields(f"multipart/form-data; boundary={boundary}", body)
    assert fields["document"][1] == content


def test_not_a_multipart_form() -> None:
    assert form_fields("application/x-www-form-urlencoded", b"decision=x") == {}
