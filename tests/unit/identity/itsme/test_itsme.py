"""itsme as a key and as an OpenID Connect client: the authorization request it builds (PKCE
S256, state, nonce, the identity asked in the ID token), what it keeps of it, how a return that
is not this login's is refused before anything reaches itsme, and the claims it maps to the
person."""

from __future__ import annotations

import json
from datetime import date
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from authlib.oauth2.rfc7636 import create_s256_code_challenge

from foundation.i18n.error_messages import error_text
from identity import itsme
from identity.assurance import LevelOfAssurance
from identity.itsme.authorization import authorization_url, new_pending
from identity.itsme.claims import NATIONAL_NUMBER_CLAIM, identity_from_claims
from identity.itsme.http_json import check_url
from identity.itsme.provider_metadata import parse_metadata
from identity.itsme.relying_party import MAX_LOGIN_TIME
from identity.registry import KeyGroup, default_registry
from identity.sessions import LoginIdentity
from simulators.itsme.provider import TRANSACTION_LIFETIME
from simulators.itsme.requests import REQUEST_LIFETIME
from tests.unit.identity.code_people import NOW

REDIRECT_URI = "http://localhost:3000/connexion/itsme/retour"
# Nothing listens there: a check that asked the provider would fail with ItsmeUnavailableError.
UNREACHABLE = "http://127.0.0.1:9"


def test_itsme_is_a_high_key_beside_the_eid() -> None:
    descriptor = default_registry().get("itsme").descriptor
    assert descriptor.group is KeyGroup.EID
    assert descriptor.level is LevelOfAssurance.HIGH
    assert descriptor.order == 1


def query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def test_the_authorization_request_carries_pkce_state_nonce_and_the_claims_asked() -> None:
    pending = new_pending(REDIRECT_URI, NOW)
    url = authorization_url(
        "http://127.0.0.1:8028/authorize",
        pending,
        client_id="monespace",
        service_code="MONESPACE_LOGIN",
        phone="+32471000001",
        language="nl",
    )
    assert url.startswith("http://127.0.0.1:8028/authorize?")
    asked = query(url)
    assert asked["response_type"] == "code"
    assert asked["client_id"] == "monespace"
    assert asked["redirect_uri"] == REDIRECT_URI
    assert asked["scope"].split() == ["openid", "service:MONESPACE_LOGIN", "profile", "eid"]
    assert (asked["state"], asked["nonce"]) == (pending.state, pending.nonce)
    assert asked["code_challenge_method"] == "S256"
    assert asked["code_challenge"] == create_s256_code_challenge(pending.code_verifier)
    assert pending.code_verifier not in url  # only its hash travels
    assert asked["login_hint"] == "+32471000001"
    assert asked["ui_locales"] == "nl"
    assert set(json.loads(asked["claims"])["id_token"]) == {
        "family_name",
        "given_name",
        "birthdate",
        NATIONAL_NUMBER_CLAIM,
    }


def test_each_login_has_its_own_unguessable_state_nonce_and_verifier() -> None:
    first, second = new_pending(REDIRECT_URI, NOW), new_pending(REDIRECT_URI, NOW)
    for value in (first.state, first.nonce, first.code_verifier):
        assert len(value) >= 43
    assert {first.state, first.nonce, first.code_verifier}.isdisjoint(
        {second.state, second.nonce, second.code_verifier}
    )
    assert 43 <= len(first.code_verifier) <= 128


def test_the_pending_login_is_kept_as_plain_strings_and_read_back() -> None:
    pending = new_pending(REDIRECT_URI, NOW)
    kept = pending.to_dict()
    assert all(isinstance(v, str) for v in kept.values())
    assert itsme.PendingAuthorization.from_dict(kept) == pending
    assert itsme.PendingAuthorization.from_dict({}) is None
    assert itsme.PendingAuthorization.from_dict({**kept, "started_at": "hier"}) is None


def relying_party() -> itsme.ItsmeRelyingParty:
    config = itsme.ItsmeConfig(
        UNREACHABLE, "monespace", "MONESPACE_LOGIN", REDIRECT_URI, itsme.ClientKey.generate(), 1
    )
    return itsme.ItsmeRelyingParty(config)


@pytest.mark.parametrize(
    "answer",
    [
        {"code": "a-code"},  # no state at all
        {"code": "a-code", "state": "the-state-of-another-login"},
        {"error": "access_denied", "state": "the-state-of-another-login"},
        {"code": "a-code", "state": ""},
    ],
)
def test_a_return_that_is_not_this_logins_is_refused_before_asking_itsme(
    answer: dict[str, str],
) -> None:
    with pytest.raises(itsme.ItsmeStateMismatchError):
        relying_party().finish(new_pending(REDIRECT_URI, NOW), answer, now=NOW)


def test_a_return_after_too_long_is_an_expiry() -> None:
    pending = new_pending(REDIRECT_URI, NOW)
    with pytest.raises(itsme.ItsmeExpiredError):
        relying_party().finish(
            pending, {"code": "c", "state": pending.state}, now=NOW + MAX_LOGIN_TIME * 2
        )


def test_a_provider_out_of_reach_is_unavailable() -> None:
    with pytest.raises(itsme.ItsmeUnavailableError):
        relying_party().begin(phone="+32471000001", language="fr", now=NOW)


def id_token_claims(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "sub": "hvhqx2ayz6gh7iy4lp2rzz32le2u76sri5tp",
        "family_name": "Mremi",
        "given_name": "Naïma Samira",
        "birthdate": "1986-03-14",
        NATIONAL_NUMBER_CLAIM: "86031414204",
    }
    values.update(changes)
    return {k: v for k, v in values.items() if v is not None}


def test_the_national_number_claim_names_the_person() -> None:
    found = identity_from_claims(id_token_claims())
    assert found.subject == "hvhqx2ayz6gh7iy4lp2rzz32le2u76sri5tp"
    assert found.identity == LoginIdentity(
        national_number="86031414204",
        surname="Mremi",
        first_names="Naïma Samira",
        birth_date=date(1986, 3, 14),
    )


@pytest.mark.parametrize(
    "changes",
    [
        {NATIONAL_NUMBER_CLAIM: None},
        {NATIONAL_NUMBER_CLAIM: "86031414205"},  # the check digits do not match
        {NATIONAL_NUMBER_CLAIM: 86031414204},  # a number, not a string
        {"family_name": "  "},
        {"birthdate": "14/03/1986"},
        {"sub": None},
    ],
)
def test_claims_that_do_not_name_a_person_are_refused(changes: dict[str, Any]) -> None:
    with pytest.raises(itsme.ItsmeInvalidTokenError):
        identity_from_claims(id_token_claims(**changes))


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("85073003328", True),
        ("85073003329", False),
        ("0307310007", False),
        ("03073100084", True),
        ("03073100055", True),
    ],
)
def test_national_numbers_from_the_provider_are_checked(number: str, valid: bool) -> None:
    assert itsme.valid_national_number(number) is valid


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (itsme.ItsmeCancelledError(), "annulé"),
        (itsme.ItsmeRefusedError(), "refusée"),
        (itsme.ItsmeExpiredError(), "à temps"),
        (itsme.ItsmeInvalidTokenError(), "vérifiée"),
        (itsme.ItsmeStateMismatchError(), "ce navigateur"),
    ],
)
def test_each_failure_has_its_own_message(error: Exception, words: str) -> None:
    assert words in error_text("fr", error)
    texts = {error_text(language, error) for language in ("fr", "nl", "de", "en")}
    assert len(texts) == 4


def test_the_login_waits_as_long_as_the_provider_does() -> None:
    # The provider's page waits for a number, then the phone for its answer.
    assert TRANSACTION_LIFETIME + REQUEST_LIFETIME < MAX_LOGIN_TIME


@pytest.mark.parametrize(
    "url",
    ["http://idp.itsme.example/v2", "ftp://127.0.0.1/x", "file:///etc/passwd", "https://"],
)
def test_itsme_is_reached_over_https_only_but_on_this_machine(url: str) -> None:
    with pytest.raises(itsme.ItsmeUnavailableError, match="https"):
        check_url(url)
    assert check_url("https://idp.prd.itsme.services/v2") == "https://idp.prd.itsme.services/v2"
    assert check_url("http://127.0.0.1:8028/token") == "http://127.0.0.1:8028/token"


def discovery(**changes: object) -> dict[str, object]:
    document: dict[str, object] = {
        "issuer": "https://idp.example/v2",
        "authorization_endpoint": "https://idp.example/v2/authorize",
        "token_endpoint": "https://idp.example/v2/token",
        "jwks_uri": "https://idp.example/v2/jwks",
        "id_token_signing_alg_values_supported": ["RS256", "HS256", "none"],
        "code_challenge_methods_supported": ["plain", "S256"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "private_key_jwt"],
    }
    document.update(changes)
    return document


def test_the_discovery_document_is_read_as_far_as_the_portal_trusts_it() -> None:
    metadata = parse_metadata("https://idp.example/v2", discovery())
    assert metadata.token_endpoint == "https://idp.example/v2/token"
    assert metadata.id_token_algorithms == ("RS256",)  # never HS256 nor none


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"issuer": "https://idp.example/v2/"}, "issuer"),
        ({"token_endpoint": "http://idp.example/v2/token"}, "https"),
        ({"jwks_uri": None}, "jwks_uri"),
        ({"id_token_signing_alg_values_supported": ["HS256", "none"]}, "signs"),
        ({"code_challenge_methods_supported": ["plain"]}, "S256"),
        ({"token_endpoint_auth_methods_supported": ["client_secret_basic"]}, "private_key_jwt"),
    ],
)
def test_a_provider_that_is_not_what_the_portal_relies_on_is_not_used(
    changes: dict[str, object], reason: str
) -> None:
    document = {k: v for k, v in discovery(**changes).items() if v is not None}
    with pytest.raises(itsme.ItsmeUnavailableError, match=reason):
        parse_metadata("https://idp.example/v2", document)
