"""Property-based: whatever bytes reach the parsers of what the card holds, the answer is a
value or a typed error, never a crash (the card: tests/unit/simulators/eid/test_fuzz_card.py)."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from identity.eid.errors import CardDataError, FileSignatureError
from identity.eid.file_signature import verify_file_signature
from identity.eid.identity_file import parse_address, parse_birth_date, parse_identity
from identity.eid.tlv import parse_fields
from simulators.eid.identity_files import encode_fields
from simulators.pki.test_pki import TestPki

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(raw=st.binary(max_size=600))
def test_random_files_parse_or_raise_card_data_error(raw: bytes) -> None:
    for parse in (parse_fields, parse_identity, parse_address):
        with contextlib.suppress(CardDataError):
            parse(raw)


@FUZZ
@given(
    fields=st.dictionaries(
        st.integers(1, 255), st.binary(min_size=1, max_size=700), min_size=1, max_size=6
    )
)
def test_tlv_written_by_the_card_reads_back(fields: dict[int, bytes]) -> None:
    assert parse_fields(encode_fields(list(fields.items()))) == fields


@FUZZ
@given(text=st.text(max_size=40))
def test_birth_dates_parse_or_raise_card_data_error(text: str) -> None:
    with contextlib.suppress(CardDataError):
        parse_birth_date(text)


@settings(max_examples=50, deadline=None)
@given(content=st.binary(max_size=200), signature=st.binary(max_size=300))
def test_random_signatures_are_rejected_with_a_typed_error(
    unit_pki: TestPki, content: bytes, signature: bytes
) -> None:
    for rrn in (unit_pki.rrn_rsa, unit_pki.rrn_ec):
        try:
            verify_file_signature(rrn.certificate, content, signature)
        except FileSignatureError:
            continue
        raise AssertionError("a random signature verified")
