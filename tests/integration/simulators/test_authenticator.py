"""The authenticator phone over real HTTP: QR codes read by zxing-cpp, codes checked against
pyotp, Debian's oathtool and the portal's own TOTP code."""

from __future__ import annotations

import io
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pyotp
import pytest
import qrcode
from PIL import Image

from identity.totp.otp import totp
from identity.totp.provisioning import provisioning_uri, qr_png
from identity.totp.secret import secret_bytes
from simulators.authenticator import (
    AuthenticatorPhone,
    Enrolment,
    current_code,
    decode_qr,
    parse_otpauth,
)
from simulators.authenticator.qr import QrDecodeError
from tests.integration.simulators.http_client import call

pytestmark = pytest.mark.integration

SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
NOW = datetime(2026, 11, 22, 9, 0, 7, tzinfo=UTC)
URI = pyotp.TOTP(SECRET).provisioning_uri(name="naima.mremi@example.be", issuer_name="Mon Espace")


def qr_of(text: str, **image: object) -> bytes:
    buffer = io.BytesIO()
    qrcode.make(text, **image).save(buffer, format="PNG")
    return buffer.getvalue()


def png_of(picture: Image.Image) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def phone(tmp_path: Path) -> Iterator[AuthenticatorPhone]:
    phone = AuthenticatorPhone(port=0, clock=lambda: NOW, store_dir=tmp_path / "phone")
    phone.start()
    yield phone
    phone.stop()


def test_qr_round_trip_gives_pyotp_code() -> None:
    uri = decode_qr(qr_of(URI))
    assert uri == URI
    enrolment = parse_otpauth(uri)
    assert current_code(enrolment, NOW) == pyotp.TOTP(SECRET).at(NOW)


def test_qr_inside_a_larger_picture_is_found() -> None:
    """What a screenshot looks like: the QR code somewhere on a page, with other things."""
    screen = Image.new("RGB", (1280, 900), "#f2f5fb")
    screen.paste(Image.open(io.BytesIO(qr_of(URI, box_size=5))), (700, 250))
    assert decode_qr(png_of(screen)) == URI


def test_transparent_png_is_read_on_white() -> None:
    picture = Image.open(io.BytesIO(qr_of(URI))).convert("RGBA")
    transparent = Image.new("RGBA", picture.size, (0, 0, 0, 0))
    mask = picture.convert("L").point(lambda v: 255 if v < 128 else 0)
    transparent.paste((0, 0, 0, 255), mask=mask)
    assert decode_qr(png_of(transparent)) == URI


@pytest.mark.skipif(shutil.which("oathtool") is None, reason="Debian's oathtool is not installed")
@pytest.mark.parametrize(
    ("digits", "period", "algorithm"), [(6, 30, "SHA1"), (8, 60, "SHA256"), (8, 30, "SHA512")]
)
@pytest.mark.parametrize("unix", [0, 59, 1_111_111_109, 1_795_338_007, 2_000_000_000])
def test_codes_match_oathtool(unix: int, digits: int, period: int, algorithm: str) -> None:
    enrolment = Enrolment("Mon Espace", "naima", SECRET, digits, period, algorithm)
    expected = subprocess.run(
        [
            "oathtool",
            f"--totp={algorithm.lower()}",
            f"--digits={digits}",
            f"--time-step-size={period}s",
            "-b",
            "-N",
            f"@{unix}",
            SECRET,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert current_code(enrolment, datetime.fromtimestamp(unix, UTC)) == expected


def test_the_portal_qr_code_gives_the_portal_code() -> None:
    """The activation page's own QR code (identity.totp) read back: same code as the portal's."""
    uri = provisioning_uri(SECRET, account_name="marouan.elyakoubi@example.be")
    enrolment = parse_otpauth(decode_qr(qr_png(uri)))
    assert (enrolment.issuer, enrolment.account) == ("Mon Espace", "marouan.elyakoubi@example.be")
    assert current_code(enrolment, NOW) == totp(secret_bytes(SECRET), NOW)


def test_images_without_a_qr_code_are_refused() -> None:
    with pytest.raises(QrDecodeError) as blank:
        decode_qr(png_of(Image.new("RGB", (300, 300), "white")))
    assert blank.value.reason == "no_qr_code"
    with pytest.raises(QrDecodeError) as garbage:
        decode_qr(b"not a picture")
    assert garbage.value.reason == "not_an_image"


def test_enrol_by_posting_the_png_then_read_the_code(phone: AuthenticatorPhone) -> None:
    answer = call(
        "POST", f"{phone.url}/api/enrol", body=qr_of(URI), headers={"Content-Type": "image/png"}
    )
    assert answer.status == 201
    assert answer.json() == {"issuer": "Mon Espace", "account": "naima.mremi@example.be"}

    codes = call("GET", f"{phone.url}/api/codes").json()
    assert codes == [
        {
            "issuer": "Mon Espace",
            "account": "naima.mremi@example.be",
            "code": pyotp.TOTP(SECRET).at(NOW),
            "valid_for": 23,
        }
    ]
    page = call("GET", f"{phone.url}/").text
    code = pyotp.TOTP(SECRET).at(NOW)
    assert '<html lang="fr">' in page
    assert (
        '<span class="account">Mon Espace — naima.mremi@example.be</span> : '
        f'<span class="code">{code[:3]} {code[3:]}</span>'
    ) in page
    assert "(encore 23 s)" in page


def test_enrol_from_the_page_form(phone: AuthenticatorPhone) -> None:
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="qr"; filename="capture.png"\r\n'
            "Content-Type: image/png\r\n\r\n"
        ).encode()
        + qr_of(URI)
        + f"\r\n--{boundary}--\r\n".encode()
    )
    answer = call(
        "POST",
        f"{phone.url}/enrol",
        body=body,
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    assert answer.status == 303
    shown = call("GET", phone.url + answer.headers["Location"]).text
    assert "Compte ajouté : Mon Espace — naima.mremi@example.be" in shown


@pytest.mark.parametrize(
    ("image", "error"),
    [
        (b"", "empty_body"),
        (b"GIF89a nothing", "not_an_image"),
        (qr_of("https://monespace.example/activer"), "not_otpauth"),
        (qr_of(f"otpauth://hotp/ACME:bob?secret={SECRET}&counter=1"), "not_totp"),
    ],
)
def test_enrol_refuses_what_is_not_a_totp_qr_code(
    phone: AuthenticatorPhone, image: bytes, error: str
) -> None:
    answer = call("POST", f"{phone.url}/api/enrol", body=image)
    assert (answer.status, answer.json()["error"]) == (400, error)
    assert call("GET", f"{phone.url}/api/codes").json() == []


def test_the_form_shows_a_refusal_in_french(phone: AuthenticatorPhone) -> None:
    boundary = "b0undary"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="qr"; filename="x.png"\r\n\r\n'
        "pas une image\r\n"
        f"--{boundary}--\r\n"
    ).encode()
    answer = call(
        "POST",
        f"{phone.url}/enrol",
        body=body,
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    assert answer.status == 400
    assert "Le fichier n&#x27;est pas une image lisible." in answer.text


def test_accounts_survive_a_restart_and_can_be_cleared(tmp_path: Path) -> None:
    first = AuthenticatorPhone(port=0, clock=lambda: NOW, store_dir=tmp_path)
    first.start()
    call("POST", f"{first.url}/api/enrol", body=qr_of(URI))
    first.stop()
    second = AuthenticatorPhone(port=0, clock=lambda: NOW, store_dir=tmp_path)
    second.start()
    try:
        assert [c["account"] for c in call("GET", f"{second.url}/api/codes").json()] == [
            "naima.mremi@example.be"
        ]
        assert call("DELETE", f"{second.url}/api/enrolments").status == 204
        assert call("GET", f"{second.url}/api/codes").json() == []
    finally:
        second.stop()
