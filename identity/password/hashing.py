"""Argon2id password hashing, with its cost in one place.

The default follows OWASP's advice for argon2id (3 passes over 64 MiB, one lane); Keycloak's
sizing guide uses 5 passes over 7 MiB, which the benchmark measures too.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from functools import cache

from argon2 import PasswordHasher, Type


@dataclass(frozen=True, slots=True)
class PasswordHasherSettings:
    time_cost: int = 3
    memory_cost_kib: int = 64 * 1024
    parallelism: int = 1
    hash_len: int = 32
    salt_len: int = 16


DEFAULT_HASHER_SETTINGS = PasswordHasherSettings()
KEYCLOAK_HASHER_SETTINGS = PasswordHasherSettings(time_cost=5, memory_cost_kib=7 * 1024)


@cache
def password_hasher(settings: PasswordHasherSettings = DEFAULT_HASHER_SETTINGS) -> PasswordHasher:
    return PasswordHasher(
        time_cost=settings.time_cost,
        memory_cost=settings.memory_cost_kib,
        parallelism=settings.parallelism,
        hash_len=settings.hash_len,
        salt_len=settings.salt_len,
        type=Type.ID,
    )


@cache
def dummy_hash(settings: PasswordHasherSettings = DEFAULT_HASHER_SETTINGS) -> str:
    """A hash of nobody's password, verified for unknown usernames so they cost the same time."""
    return password_hasher(settings).hash(secrets.token_urlsafe(24))
