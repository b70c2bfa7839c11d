"""Keyed hashes of short codes (e-mail and SMS codes, activation codes, paper token codes),
compared in constant time.

A 6-digit code has a million values: a plain hash, salted or not, gives it away to anyone holding
a copy of the database. Codes are hashed with HMAC-SHA256 under a key derived from the server's
secret key (``foundation.secrets_at_rest``), with a random salt of each code so that two equal codes
do not have equal hashes. The stored value names its scheme:

- ``h1:`` + base64url(HMAC("h1", salt, code)): every code hashed now;
- ``h1w:`` + base64url(HMAC("h1w", sha256(salt ":" code) in hex)): a hash of the former scheme
  (salted SHA-256), wrapped under the same key by migration 0007, so that cards and codes issued
  before keep working and no unkeyed hash stays in the database.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Callable

from foundation.secrets_at_rest import AtRestKeys, UnreadableSecretError, code_mac

KEYED = "h1:"
WRAPPED_LEGACY = "h1w:"
SEPARATOR = b"\x1f"


def new_salt(token: Callable[[int], str] = secrets.token_hex) -> str:
    return token(16)


def code_hash(salt: str, code: str, *, keys: AtRestKeys | None = None) -> str:
    """What the database keeps of ``code``."""
    mac = code_mac(SEPARATOR.join((b"h1", salt.encode(), code.encode())), keys=keys)
    return KEYED + _text(mac)


def matches(salt: str, stored_hash: str, code: str, *, keys: AtRestKeys | None = None) -> bool:
    """Whether ``code`` is the one ``stored_hash`` was made from (either scheme)."""
    if stored_hash.startswith(KEYED):
        expected = code_hash(salt, code, keys=keys)
    elif stored_hash.startswith(WRAPPED_LEGACY):
        expected = wrap_legacy_hash(legacy_hash(salt, code), keys=keys)
    else:
        raise UnreadableSecretError("a code hash of no known scheme (is the database migrated?)")
    return hmac.compare_digest(expected, stored_hash)


def is_keyed(stored_hash: str) -> bool:
    return stored_hash.startswith((KEYED, WRAPPED_LEGACY))


def legacy_hash(salt: str, code: str) -> str:
    """The former scheme, salted SHA-256 in hex: only ever stored wrapped now."""
    return hashlib.sha256(f"{salt}:{code}".encode()).hexdigest()


def wrap_legacy_hash(stored_hex: str, *, keys: AtRestKeys | None = None) -> str:
    """A former salted SHA-256 hash under the code key (what migration 0007 stores)."""
    return WRAPPED_LEGACY + _text(
        code_mac(SEPARATOR.join((b"h1w", stored_hex.encode())), keys=keys)
    )


def _text(mac: bytes) -> str:
    return base64.urlsafe_b64encode(mac).decode("ascii").rstrip("=")
