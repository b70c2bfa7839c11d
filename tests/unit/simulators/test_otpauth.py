"""The authenticator phone's reading of otpauth URIs and its TOTP codes (RFC 6238)."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

import pyotp
import pytest

from simulators.authenticator.otp import (
    Enrolment,
    OtpauthError,
    current_code,
    grouped,
    parse_otpauth,
    seconds_left,
)

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def test_a_portal_uri_gives_issuer_account_and_defaults() -> None:
    uri = pyotp.TOTP(SECRET).provisioning_uri(
        name="naima.mremi@example.be", issuer_name="Mon Espace"
    )
    assert parse_otpauth(uri) == Enrolment(
        "Mon Espace", "naima.mremi@example.be", SECRET, 6, 30, "SHA1"
    )


def test_explicit_parameters_are_read() -> None:
    enrolment = parse_otpauth(
        "otpauth://totp/ACME:bob?secret=jbsw y3dp ehpk 3pxp&digits=8&period=60&algorithm=sha256"
    )
    assert (enrolment.issuer, enrolment.account) == ("ACME", "bob")
    assert (enrolment.secret, enrolment.digits, enrolment.period) == ("JBSWY3DPEHPK3PXP", 8, 60)
    assert enrolment.algorithm == "SHA256"


def test_issuer_may_come_from_the_parameter_alone_or_be_absent() -> None:
    assert parse_otpauth(f"otpauth://totp/bob?secret={SECRET}&issuer=ACME").issuer == "ACME"
    plain = parse_otpauth(f"otpauth://totp/bob?secret={SECRET}")
    assert (plain.issuer, plain.label) == ("", "bob")


@pytest.mark.parametrize(
    ("uri", "reason"),
    [
        ("https://monespace.example/activer", "not_otpauth"),
        ("JBSWY3DPEHPK3PXP", "not_otpauth"),
        (f"otpauth://hotp/ACME:bob?secret={SECRET}&counter=0", "not_totp"),
        (f"otpauth:///ACME:bob?secret={SECRET}", "not_totp"),
        ("otpauth://totp/ACME:bob?issuer=ACME", "missing_secret"),
        ("otpauth://totp/ACME:bob?secret=", "missing_secret"),
        ("otpauth://totp/ACME:bob?secret=not-base32!", "bad_secret"),
        ("otpauth://totp/ACME:bob?secret=1111", "bad_secret"),
        (f"otpauth://totp/ACME:?secret={SECRET}", "missing_account"),
        (f"otpauth://totp/?secret={SECRET}", "missing_account"),
        (f"otpauth://totp/ACME:bob?secret={SECRET}&issuer=Other", "issuer_mismatch"),
        (f"otpauth://totp/bob?secret={SECRET}&digits=4", "bad_digits"),
        (f"otpauth://totp/bob?secret={SECRET}&digits=six", "bad_digits"),
        (f"otpauth://totp/bob?secret={SECRET}&period=0", "bad_period"),
        (f"otpauth://totp/bob?secret={SECRET}&algorithm=MD5", "bad_algorithm"),
    ],
)
def test_anything_but_a_valid_totp_uri_is_refused_with_its_reason(uri: str, reason: str) -> None:
    with pytest.raises(OtpauthError) as refused:
        parse_otpauth(uri)
    assert refused.value.reason == reason
    assert str(refused.value)  # a sentence for the page


# RFC 6238 appendix B: the test keys are ASCII "1234567890" repeated to 20, 32 and 64 bytes.
RFC_KEYS = {
    "SHA1": b"12345678901234567890",
    "SHA256": b"12345678901234567890123456789012",
    "SHA512": b"1234567890123456789012345678901234567890123456789012345678901234",
}


@pytest.mark.parametrize(
    ("unix", "algorithm", "code"),
    [
        (59, "SHA1", "94287082"),
        (59, "SHA256", "46119246"),
        (59, "SHA512", "90693936"),
        (1111111109, "SHA1", "07081804"),
        (1111111111, "SHA256", "67062674"),
        (1234567890, "SHA512", "93441116"),
        (2000000000, "SHA1", "69279037"),
        (20000000000, "SHA256", "77737706"),
    ],
)
def test_codes_match_the_rfc_6238_test_vectors(unix: int, algorithm: str, code: str) -> None:
    secret = base64.b32encode(RFC_KEYS[algorithm]).decode().rstrip("=")
    enrolment = Enrolment("RFC", "test", secret, digits=8, algorithm=algorithm)
    assert current_code(enrolment, datetime.fromtimestamp(unix, UTC)) == code


def test_six_digit_codes_match_pyotp_and_last_their_step() -> None:
    enrolment = Enrolment("Mon Espace", "naima", SECRET)
    now = datetime(2026, 11, 22, 9, 0, 7, tzinfo=UTC)
    assert current_code(enrolment, now) == pyotp.TOTP(SECRET).at(now)
    assert seconds_left(enrolment, now) == 23
    assert seconds_left(enrolment, datetime(2026, 11, 22, 9, 0, 0, tzinfo=UTC)) == 30


def test_a_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        current_code(Enrolment("A", "b", SECRET), datetime(2026, 11, 22, 9, 0))


def test_codes_are_shown_in_two_groups() -> None:
    assert grouped("123456") == "123 456"
    assert grouped("12345678") == "1234 5678"
