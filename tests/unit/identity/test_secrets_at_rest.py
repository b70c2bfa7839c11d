"""Keys for secrets at rest: derived from the server's secret key, AES-GCM bound to its row."""

from __future__ import annotations

import base64

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from foundation.secrets_at_rest import (
    CODE_MAC_INFO,
    KEY_SECRET_INFO,
    SEALED_PREFIX,
    UnreadableSecretError,
    code_mac,
    derive_keys,
    key_secret_context,
    seal,
    server_keys,
    unseal,
)
from foundation.settings import get_settings
from tests.unit.conftest import UNIT_TEST_SERVER_SECRET

KEY = bytes(range(20))  # a TOTP key: 160 bits
MARIE = key_secret_context(national_number="85073003328", kind="totp")
PAUL = key_secret_context(national_number="90020199762", kind="totp")


def test_a_sealed_value_opens_to_what_was_sealed() -> None:
    sealed = seal(KEY, associated_data=MARIE)
    assert sealed.startswith(SEALED_PREFIX)
    assert unseal(sealed, associated_data=MARIE) == KEY
    assert len(sealed) <= 128  # the width of digital_key.secret


def test_each_seal_takes_a_fresh_nonce() -> None:
    assert seal(KEY, associated_data=MARIE) != seal(KEY, associated_data=MARIE)


def test_nothing_of_the_plaintext_shows_in_the_sealed_value() -> None:
    sealed = seal(KEY, associated_data=MARIE)
    body = sealed.removeprefix(SEALED_PREFIX)
    raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    assert KEY not in raw
    assert base64.b32encode(KEY).decode() not in sealed


@pytest.mark.parametrize(
    "context",
    [
        PAUL,  # copied to another person's row
        key_secret_context(national_number="85073003328", kind="sms_code"),  # another key kind
        b"",
    ],
)
def test_a_sealed_value_does_not_open_for_another_row(context: bytes) -> None:
    sealed = seal(KEY, associated_data=MARIE)
    with pytest.raises(UnreadableSecretError, match="does not open"):
        unseal(sealed, associated_data=context)


def test_an_altered_sealed_value_is_refused() -> None:
    sealed = seal(KEY, associated_data=MARIE)
    body = sealed.removeprefix(SEALED_PREFIX)
    for position in (0, 15, len(body) // 2, len(body) - 2):  # nonce, ciphertext, tag
        flipped = "A" if body[position] != "A" else "B"
        altered = SEALED_PREFIX + body[:position] + flipped + body[position + 1 :]
        with pytest.raises(UnreadableSecretError):
            unseal(altered, associated_data=MARIE)
    with pytest.raises(UnreadableSecretError, match="too short"):
        unseal(SEALED_PREFIX + body[:20], associated_data=MARIE)
    with pytest.raises(UnreadableSecretError, match="base64url"):
        unseal(SEALED_PREFIX + "not*base64", associated_data=MARIE)


def test_a_value_sealed_under_another_server_secret_does_not_open() -> None:
    theirs = seal(KEY, associated_data=MARIE, keys=derive_keys("another server's secret key"))
    with pytest.raises(UnreadableSecretError, match="another server secret key"):
        unseal(theirs, associated_data=MARIE)
    assert unseal(theirs, associated_data=MARIE, keys=derive_keys("another server's secret key"))


@pytest.mark.parametrize("stored", ["GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "", "v2:AAAA"])
def test_a_value_in_clear_or_of_an_unknown_version_is_refused(stored: str) -> None:
    with pytest.raises(UnreadableSecretError, match="not sealed"):
        unseal(stored, associated_data=MARIE)


def test_the_nonce_comes_from_the_random_source() -> None:
    sealed = seal(KEY, associated_data=MARIE, random_bytes=lambda n: b"\x00" * n)
    assert sealed.startswith(SEALED_PREFIX + "AAAAAAAAAAAAAAAA")
    with pytest.raises(ValueError, match="12 bytes"):
        seal(KEY, associated_data=MARIE, random_bytes=lambda n: b"\x00" * (n - 1))


def hkdf(secret: str, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(secret.encode())


def test_each_purpose_has_a_key_of_its_own_label_and_none_is_the_server_secret() -> None:
    keys = derive_keys("s3cret")
    aes_key, mac_key = hkdf("s3cret", KEY_SECRET_INFO), hkdf("s3cret", CODE_MAC_INFO)
    assert KEY_SECRET_INFO != CODE_MAC_INFO
    assert aes_key != mac_key
    assert keys.code_mac == mac_key
    by_hand = SEALED_PREFIX + base64.urlsafe_b64encode(
        b"\x01" * 12 + AESGCM(aes_key).encrypt(b"\x01" * 12, KEY, MARIE)
    ).decode().rstrip("=")
    assert unseal(by_hand, associated_data=MARIE, keys=keys) == KEY
    assert b"s3cret" not in keys.code_mac
    assert "s3cret" not in repr(keys)


def test_the_same_server_secret_gives_the_same_keys() -> None:
    assert derive_keys("s3cret") is derive_keys("s3cret")  # cached
    derive_keys.cache_clear()
    first = code_mac(b"123456", keys=derive_keys("s3cret"))
    derive_keys.cache_clear()
    assert code_mac(b"123456", keys=derive_keys("s3cret")) == first


def test_an_empty_server_secret_is_refused() -> None:
    with pytest.raises(ValueError, match="empty"):
        derive_keys("")


def test_the_server_keys_are_those_of_the_configured_secret_derived_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    keys = server_keys()
    assert keys is derive_keys(UNIT_TEST_SERVER_SECRET)
    monkeypatch.setenv("MONESPACE_SECRET_KEY", "changed while the process runs")
    get_settings.cache_clear()
    assert server_keys() is keys  # derived once per process: the login path does no HKDF
