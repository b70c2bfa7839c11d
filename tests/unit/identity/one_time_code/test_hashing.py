"""Keyed hashes of short codes: HMAC under a server key, and the wrapped former SHA-256 hashes."""

from __future__ import annotations

import pytest

from foundation.secrets_at_rest import UnreadableSecretError, derive_keys
from identity.one_time_code.hashing import (
    code_hash,
    is_keyed,
    legacy_hash,
    matches,
    new_salt,
    wrap_legacy_hash,
)

SALT = "00112233445566778899aabbccddeeff"


def test_a_code_matches_its_hash_and_no_other_code() -> None:
    stored = code_hash(SALT, "123456")
    assert stored.startswith("h1:")
    assert len(stored) <= 64  # the width of the code_hash columns
    assert matches(SALT, stored, "123456")
    assert not matches(SALT, stored, "123457")
    assert not matches(new_salt(), stored, "123456")  # the salt is part of the hash


def test_the_hash_needs_the_server_key() -> None:
    stored = code_hash(SALT, "123456")
    other_server = derive_keys("another server's secret key")
    assert not matches(SALT, stored, "123456", keys=other_server)
    assert code_hash(SALT, "123456", keys=other_server) != stored
    # Nothing a copy of the database alone could recompute: not the former salted SHA-256.
    assert legacy_hash(SALT, "123456") not in stored


def test_a_former_salted_sha256_hash_wrapped_by_the_migration_still_matches() -> None:
    former = legacy_hash(SALT, "654321")
    assert len(former) == 64
    wrapped = wrap_legacy_hash(former)
    assert wrapped.startswith("h1w:")
    assert former not in wrapped
    assert len(wrapped) <= 64
    assert is_keyed(wrapped)
    assert matches(SALT, wrapped, "654321")
    assert not matches(SALT, wrapped, "654320")
    assert not matches(SALT, wrapped, "654321", keys=derive_keys("another server's secret key"))


def test_a_bare_former_hash_is_not_accepted_any_more() -> None:
    former = legacy_hash(SALT, "654321")
    assert not is_keyed(former)
    with pytest.raises(UnreadableSecretError, match="no known scheme"):
        matches(SALT, former, "654321")
