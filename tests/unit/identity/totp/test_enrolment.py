"""Adding the authenticator app: secret, otpauth URI, QR code, first code, e-mail."""

from __future__ import annotations

import base64
import io
from datetime import timedelta
from urllib.parse import parse_qs, unquote, urlparse

import pytest
from PIL import Image
from sqlmodel import Session

from foundation.models.account import Account
from foundation.models.digital_keys import KeyStatus
from identity import totp
from identity.keys.errors import InvalidCodeError, KeyAlreadyEnrolledError, KeyLockedError
from identity.keys.lockout import MAX_CONSECUTIVE_FAILURES
from identity.totp import (
    MalformedCodeError,
    confirm_enrolment,
    grouped,
    new_secret,
    opened_secret,
    provisioning_uri,
    qr_data_uri,
    qr_png,
    secret_bytes,
    start_enrolment,
    time_step,
)
from tests.unit.identity.key_holder import EMAIL, NATIONAL_NUMBER, NOW, outbox
from tests.unit.identity.totp.helpers import SECRET, code_at, enrol


def test_a_new_secret_is_160_random_bits_in_base32_without_padding() -> None:
    secret = new_secret(lambda n: b"\xff" * n)
    assert secret == "7" * 32
    assert len(secret_bytes(new_secret())) == 20
    assert new_secret() != new_secret()


def test_start_enrolment_takes_its_randomness_as_a_parameter() -> None:
    assert start_enrolment(random_bytes=lambda n: bytes(n)) == "A" * 32


def test_a_typed_secret_may_have_spaces_lower_case_and_padding() -> None:
    assert secret_bytes(grouped(SECRET).lower() + "====") == secret_bytes(SECRET)


@pytest.mark.parametrize("bad", ["not base32!", "AAAAAAAA"])
def test_a_malformed_or_short_secret_is_refused(bad: str) -> None:
    with pytest.raises(ValueError, match=r"base32|bits"):
        secret_bytes(bad)


def test_the_provisioning_uri_names_the_issuer_account_and_secret() -> None:
    uri = provisioning_uri(SECRET, account_name="marie.dupont")
    parsed = urlparse(uri)
    assert parsed.scheme == "otpauth"
    assert parsed.netloc == "totp"
    assert unquote(parsed.path) == "/Mon Espace:marie.dupont"
    query = parse_qs(parsed.query)
    assert query["secret"] == [SECRET]
    assert query["issuer"] == ["Mon Espace"]
    # SHA-1, 6 digits and 30 s are every app's defaults: nothing else needs saying.
    assert set(query) <= {"secret", "issuer", "algorithm", "digits", "period"}


def test_the_qr_code_is_a_png_that_reads_back_as_the_uri() -> None:
    uri = provisioning_uri(SECRET, account_name="marie.dupont@example.be")
    png = qr_png(uri)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp decodes the QR code")
    decoded = zxingcpp.read_barcodes(image.convert("L"))
    assert [d.text for d in decoded] == [uri]


def test_the_enrolment_screen_shows_the_qr_of_the_uri_and_the_secret_in_groups() -> None:
    screen = totp.enrolment_screen(SECRET, account_name="Jan Nowak")
    assert screen.qr_src == qr_data_uri(provisioning_uri(SECRET, account_name="Jan Nowak"))
    assert screen.secret_text == grouped(SECRET)


def test_the_qr_data_uri_embeds_the_same_png() -> None:
    uri = provisioning_uri(SECRET, account_name="marie")
    data = qr_data_uri(uri)
    assert data.startswith("data:image/png;base64,")
    assert base64.b64decode(data.split(",", 1)[1]) == qr_png(uri)


def test_the_first_right_code_activates_the_key_and_mails_the_person(
    db: Session, account: Account
) -> None:
    row = enrol(db)
    assert row.kind == "totp"
    assert row.status == KeyStatus.ACTIVE
    assert row.secret is not None
    assert SECRET not in row.secret  # stored encrypted, bound to the person's row
    assert opened_secret(row.secret, national_number=NATIONAL_NUMBER) == secret_bytes(SECRET)
    assert row.last_totp_step == time_step(NOW)
    mails = outbox(db)
    assert [m.recipient for m in mails] == [EMAIL]
    assert "ajoutée" in mails[0].subject
    assert "application d'authentification" in mails[0].text_body
    assert mails[0].html_body is not None
    assert "<html" in mails[0].html_body


def test_a_wrong_first_code_stores_nothing(db: Session) -> None:
    with pytest.raises(InvalidCodeError):
        confirm_enrolment(
            db,
            national_number=NATIONAL_NUMBER,
            secret=SECRET,
            first_code=code_at(NOW + timedelta(minutes=2)),
            now=NOW,
        )
    assert totp_row(db) is None


def test_a_malformed_first_code_is_refused(db: Session) -> None:
    with pytest.raises(MalformedCodeError):
        confirm_enrolment(
            db, national_number=NATIONAL_NUMBER, secret=SECRET, first_code="12 34", now=NOW
        )


def test_a_second_app_while_the_first_is_active_is_refused(db: Session) -> None:
    enrol(db)
    later = NOW + timedelta(minutes=3)
    second = new_secret()
    with pytest.raises(KeyAlreadyEnrolledError):
        confirm_enrolment(
            db,
            national_number=NATIONAL_NUMBER,
            secret=second,
            first_code=code_at(later, second),
            now=later,
        )


def test_a_locked_key_is_replaced_by_a_new_enrolment(db: Session) -> None:
    row = enrol(db)
    later = NOW + timedelta(minutes=3)
    for _ in range(MAX_CONSECUTIVE_FAILURES):
        with pytest.raises((InvalidCodeError, KeyLockedError)):
            totp.verify(db, national_number=NATIONAL_NUMBER, code="000000", now=later)
    db.refresh(row)
    assert row.status == KeyStatus.LOCKED
    fresh = new_secret()
    replaced = confirm_enrolment(
        db,
        national_number=NATIONAL_NUMBER,
        secret=fresh,
        first_code=code_at(later, fresh),
        now=later,
    )
    assert replaced.id == row.id
    assert replaced.status == KeyStatus.ACTIVE
    assert replaced.secret is not None
    assert opened_secret(replaced.secret, national_number=NATIONAL_NUMBER) == secret_bytes(fresh)
    assert replaced.consecutive_failures == 0
    assert replaced.locked_at is None


def test_enrolment_without_an_account_sends_no_mail(db: Session) -> None:
    enrol(db)
    assert outbox(db) == []


def totp_row(db: Session) -> object:
    from identity.keys.records import find_key

    return find_key(db, national_number=NATIONAL_NUMBER, kind="totp")
