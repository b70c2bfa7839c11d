"""What an authenticator app scans: the otpauth:// URI, as a QR code in PNG or a data: URI."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass

import pyotp
import qrcode
import qrcode.constants

from identity.totp.otp import DIGITS, STEP_SECONDS
from identity.totp.secret import grouped, secret_bytes

ISSUER = "Mon Espace"


def provisioning_uri(secret: str, *, account_name: str, issuer: str = ISSUER) -> str:
    """otpauth://totp/Issuer:account?secret=…&issuer=… (SHA-1, 6 digits, 30 s: the defaults)."""
    secret_bytes(secret)  # refuse a malformed secret here rather than in the person's app
    return pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS).provisioning_uri(
        name=account_name, issuer_name=issuer
    )


def qr_png(uri: str, *, box_size: int = 6) -> bytes:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=box_size)
    code.add_data(uri)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image().save(buffer, format="PNG")
    return buffer.getvalue()


def qr_data_uri(uri: str) -> str:
    """For <img src=…>: the QR code inline, so the secret never sits at a fetchable URL."""
    return "data:image/png;base64," + base64.b64encode(qr_png(uri)).decode("ascii")


@dataclass(frozen=True, slots=True)
class EnrolmentScreen:
    """What a page shows so that the app takes the secret: its QR code, or the secret to type."""

    qr_src: str
    secret_text: str


def enrolment_screen(secret: str, *, account_name: str) -> EnrolmentScreen:
    uri = provisioning_uri(secret, account_name=account_name)
    return EnrolmentScreen(qr_src=qr_data_uri(uri), secret_text=grouped(secret))
