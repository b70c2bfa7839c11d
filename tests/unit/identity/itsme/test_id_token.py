"""The ID token's checks, with tokens signed by the provider's own key (the simulator's) and by
keys it does not hold: each forgery or mistake is refused, and only a valid token's claims are
read."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

from identity.itsme.errors import ItsmeInvalidTokenError
from identity.itsme.id_token import MAX_AGE, validate_id_token
from simulators.itsme.signing_key import ProviderKey

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
ISSUER = "http://127.0.0.1:8028"
CLIENT_ID = "monespace"
NONCE = "nonce-of-this-login"
PROVIDER = ProviderKey.generate()


def claims(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "iss": ISSUER,
        "sub": "hvhqx2ayz6gh7iy4lp2rzz32le2u76sri5tp",
        "aud": CLIENT_ID,
        "iat": int(NOW.timestamp()),
        "exp": int((NOW + timedelta(minutes=5)).timestamp()),
        "nonce": NONCE,
        "family_name": "Mremi",
    }
    values.update(changes)
    return {k: v for k, v in values.items() if v is not None}


def provider_keys(kid: str | None) -> KeySet:
    return KeySet.import_key_set(PROVIDER.jwks())  # type: ignore[arg-type]


def check(token: str, *, now: datetime = NOW, nonce: str = NONCE) -> dict[str, Any]:
    return validate_id_token(
        token,
        keys=provider_keys,
        algorithms=("RS256", "ES256"),
        issuer=ISSUER,
        client_id=CLIENT_ID,
        nonce=nonce,
        now=now,
    )


def refused(token: str, reason: str, **kwargs: Any) -> None:
    with pytest.raises(ItsmeInvalidTokenError, match=reason):
        check(token, **kwargs)


def test_a_token_the_provider_signed_for_this_login_is_read() -> None:
    assert check(PROVIDER.sign(claims()))["family_name"] == "Mremi"


def test_a_token_signed_by_another_key_is_refused() -> None:
    stranger = ProviderKey.generate()
    refused(stranger.sign(claims()), "signature")  # its own kid: not among the provider's keys
    # The provider's kid on a stranger's signature.
    forged = RSAKey.generate_key(2048)
    header = {"alg": "RS256", "kid": PROVIDER.kid}
    refused(jwt.encode(header, claims(), forged), "signature")


def test_a_token_altered_after_signing_is_refused() -> None:
    header, payload, signature = PROVIDER.sign(claims()).split(".")
    other_payload = PROVIDER.sign(claims(family_name="Dumont")).split(".")[1]
    refused(f"{header}.{other_payload}.{signature}", "signature")
    assert payload != other_payload


def compact(header: dict[str, Any], payload: dict[str, Any], sign: Any = None) -> str:
    """A JWS built by hand, as a forger would (the library refuses to make these)."""
    signing_input = f"{b64(json.dumps(header).encode())}.{b64(json.dumps(payload).encode())}"
    signature = sign(signing_input.encode()) if sign else b""
    return f"{signing_input}.{b64(signature)}"


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def test_unsigned_or_hmac_tokens_are_refused() -> None:
    refused(compact({"alg": "none", "kid": PROVIDER.kid}, claims()), "signature")
    # HS256 keyed with the provider's public key: the classic algorithm confusion.
    public_pem = RSAKey.import_key(PROVIDER.jwks()["keys"][0]).as_pem()
    confused = compact(
        {"alg": "HS256", "kid": PROVIDER.kid},
        claims(),
        lambda data: hmac.new(public_pem, data, hashlib.sha256).digest(),
    )
    refused(confused, "signature")
    refused("not.a.token", "kid")
    refused("", "kid")


def test_a_token_without_kid_is_refused() -> None:
    refused(jwt.encode({"alg": "RS256"}, claims(), RSAKey.generate_key(2048)), "kid")


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"iss": "https://idp.example/itsme"}, "iss"),
        ({"iss": None}, "iss"),
        ({"aud": "another-client"}, "aud"),
        ({"aud": ["another-client"]}, "aud"),
        ({"aud": [CLIENT_ID, "another-client"]}, "azp"),  # several audiences: azp is required
        ({"aud": [CLIENT_ID, "another-client"], "azp": "another-client"}, "azp"),
        ({"sub": None}, "sub"),
        ({"nonce": "nonce-of-another-login"}, "nonce"),
        ({"nonce": None}, "nonce"),
        ({"exp": int((NOW - timedelta(minutes=2)).timestamp())}, "expired"),
        ({"exp": None}, "exp"),
        ({"iat": int((NOW + timedelta(minutes=5)).timestamp())}, "future"),
        ({"iat": None}, "iat"),
        (
            {
                "iat": int((NOW - MAX_AGE - timedelta(minutes=2)).timestamp()),
                "exp": int((NOW + timedelta(hours=1)).timestamp()),
            },
            "too long ago",
        ),
    ],
)
def test_claims_that_are_not_this_logins_are_refused(changes: dict[str, Any], reason: str) -> None:
    refused(PROVIDER.sign(claims(**changes)), reason)


def test_one_audience_in_a_list_and_a_small_clock_skew_are_accepted() -> None:
    assert check(PROVIDER.sign(claims(aud=[CLIENT_ID])))["aud"] == [CLIENT_ID]
    skew = int((NOW + timedelta(seconds=30)).timestamp())
    assert check(PROVIDER.sign(claims(iat=skew)))["iat"] == skew
    # Expired half a minute ago: within the minute of leeway.
    just_expired = int((NOW - timedelta(seconds=30)).timestamp())
    assert check(PROVIDER.sign(claims(exp=just_expired)))["exp"] == just_expired


def test_the_token_of_another_login_is_refused_for_its_nonce() -> None:
    token = PROVIDER.sign(claims())
    refused(token, "nonce", nonce="nonce-of-this-other-login")
