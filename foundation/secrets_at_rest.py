"""The keys that protect secrets kept in the database, derived from the server's secret key.

The server's secret key (settings ``secret_key``, or the one made on first run in
``data_dir/secret_key``) signs cookies and links; HKDF-SHA256 derives from it, each under a label
of its own, so that no derived key tells anything about the secret or about the other keys:

- an AES-256-GCM key that encrypts the secrets of digital keys (the TOTP secret): stored as
  ``v1:`` + base64url(nonce ‖ ciphertext ‖ tag), with the row's identity (national number and key
  kind) as associated data, so a value copied to another person's row does not open;
- an HMAC-SHA256 key for the hashes of short codes (e-mail and SMS codes, activation codes, paper
  token codes): without the server's key, a copy of the database does not give the codes away
  by trying the million 6-digit values.

The prefix of a stored value names the scheme and key version that made it: a later key (a new
label or a new server secret) gets a new prefix, values are read by the scheme their prefix names,
and old ones can be re-sealed in a migration. Losing the server's secret key makes every value
sealed with it unreadable: people then add their mobile app again and get a new paper token card.

Keys are derived once per process (``server_keys``), so the login path pays only an AES-GCM
decryption or one HMAC (about a microsecond each).
"""

from __future__ import annotations

import base64
import binascii
import hmac
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from foundation.settings import get_settings

# HKDF labels: one per purpose; a new label (v2...) gives a new, unrelated key.
KEY_SECRET_INFO = b"monespace/secrets-at-rest/digital-key-secret/v1"
CODE_MAC_INFO = b"monespace/secrets-at-rest/code-hmac/v1"

SEALED_PREFIX = "v1:"  # AES-256-GCM under the key of KEY_SECRET_INFO
NONCE_BYTES = 12
TAG_BYTES = 16


class UnreadableSecretError(ValueError):
    """A stored value that does not open: not sealed, altered, moved to another row, or sealed
    under another server secret key."""


@dataclass(frozen=True, slots=True)
class AtRestKeys:
    """The derived keys; never stored, never logged."""

    key_secrets: AESGCM
    code_mac: bytes

    def __repr__(self) -> str:
        return "AtRestKeys(…)"


def _derive(server_secret: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(server_secret)


@lru_cache(maxsize=4)
def derive_keys(server_secret: str) -> AtRestKeys:
    """The keys of one server secret key (cached: the same secret gives the same object)."""
    if not server_secret:
        raise ValueError("the server secret key is empty")
    ikm = server_secret.encode("utf-8")
    return AtRestKeys(
        key_secrets=AESGCM(_derive(ikm, KEY_SECRET_INFO)), code_mac=_derive(ikm, CODE_MAC_INFO)
    )


@cache
def server_keys() -> AtRestKeys:
    """The keys of this server's secret key, read through the settings once per process."""
    return derive_keys(get_settings().resolved_secret_key())


def _keys(keys: AtRestKeys | None) -> AtRestKeys:
    return keys if keys is not None else server_keys()


def key_secret_context(*, national_number: str, kind: str) -> bytes:
    """Associated data binding a digital key's secret to its row (person and key kind)."""
    return f"digital_key.secret\x1f{kind}\x1f{national_number}".encode()


def is_sealed(value: str) -> bool:
    return value.startswith(SEALED_PREFIX)


def seal(
    plaintext: bytes,
    *,
    associated_data: bytes,
    keys: AtRestKeys | None = None,
    random_bytes: Callable[[int], bytes] = os.urandom,
) -> str:
    """Encrypts ``plaintext`` for the database; it opens only with the same associated data."""
    nonce = random_bytes(NONCE_BYTES)
    if len(nonce) != NONCE_BYTES:
        raise ValueError(f"a nonce has {NONCE_BYTES} bytes")
    sealed = _keys(keys).key_secrets.encrypt(nonce, plaintext, associated_data)
    return SEALED_PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode("ascii").rstrip("=")


def unseal(value: str, *, associated_data: bytes, keys: AtRestKeys | None = None) -> bytes:
    """The plaintext of a value made by ``seal``; ``UnreadableSecretError`` otherwise."""
    if not is_sealed(value):
        raise UnreadableSecretError("the value is not sealed (an unknown or missing prefix)")
    body = value[len(SEALED_PREFIX) :]
    try:
        raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except (binascii.Error, ValueError):
        raise UnreadableSecretError("the sealed value is not base64url") from None
    if len(raw) < NONCE_BYTES + TAG_BYTES:
        raise UnreadableSecretError("the sealed value is too short")
    nonce, sealed = raw[:NONCE_BYTES], raw[NONCE_BYTES:]
    try:
        return _keys(keys).key_secrets.decrypt(nonce, sealed, associated_data)
    except InvalidTag:
        raise UnreadableSecretError(
            "the sealed value does not open: altered, moved from another row, "
            "or sealed under another server secret key"
        ) from None


def code_mac(message: bytes, *, keys: AtRestKeys | None = None) -> bytes:
    """HMAC-SHA256 of ``message`` under the code key."""
    return hmac.digest(_keys(keys).code_mac, message, "sha256")
