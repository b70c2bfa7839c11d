"""TOTP shared secrets: 160 random bits (RFC 4226 recommends them), written in base32 for the
person's app, and kept encrypted in the database, bound to the person's row
(``foundation.secrets_at_rest``)."""

from __future__ import annotations

import base64
import binascii
import secrets
from collections.abc import Callable

from foundation.secrets_at_rest import AtRestKeys, key_secret_context, seal, unseal
from identity.keys.kinds import KeyKind

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


def sealed_secret(secret: str, *, national_number: str, keys: AtRestKeys | None = None) -> str:
    """What the database keeps: the key behind ``secret``, encrypted for this person's TOTP row."""
    return seal(secret_bytes(secret), associated_data=_context(national_number), keys=keys)


def opened_secret(stored: str, *, national_number: str, keys: AtRestKeys | None = None) -> bytes:
    """The key of a stored secret; ``UnreadableSecretError`` if it is not this row's."""
    return unseal(stored, associated_data=_context(national_number), keys=keys)


def _context(national_number: str) -> bytes:
    return key_secret_context(national_number=national_number, kind=KeyKind.TOTP)
