"""Salted hashes of short codes, compared in constant time."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable


def new_salt(token: Callable[[int], str] = secrets.token_hex) -> str:
    return token(16)


def code_hash(salt: str, code: str) -> str:
    return hashlib.sha256(f"{salt}:{code}".encode()).hexdigest()


def matches(salt: str, stored_hash: str, code: str) -> bool:
    return hmac.compare_digest(code_hash(salt, code), stored_hash)
