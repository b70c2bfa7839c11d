"""TOTP shared secrets: 160 random bits (RFC 4226 recommends them), written in base32."""

from __future__ import annotations

import base64
import binascii
import secrets
from collections.abc import Callable

SECRET_BYTES = 20
MIN_SECRET_BYTES = 16


def new_secret(random_bytes: Callable[[int], bytes] = secrets.token_bytes) -> str:
    """Base32 without padding (32 characters), as authenticator apps expect it."""
    return base64.b32encode(random_bytes(SECRET_BYTES)).decode("ascii").rstrip("=")


def secret_bytes(secret: str) -> bytes:
    """The key behind a base32 secret, as typed or stored (case, spaces, padding tolerated)."""
    cleaned = secret.replace(" ", "").upper().rstrip("=")
    try:
        key = base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))
    except binascii.Error:
        raise ValueError("not a base32 secret") from None
    if len(key) < MIN_SECRET_BYTES:
        raise ValueError(f"a secret needs at least {MIN_SECRET_BYTES * 8} bits")
    return key


def grouped(secret: str) -> str:
    """The secret in groups of four, for people who type it instead of scanning the QR code."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
