"""The itsme simulator over real HTTP, as an OpenID provider: discovery and keys, the
identification pages, the answers a client gets back, the token endpoint's refusals, the push
throttle, and the demo phones' pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

import pytest
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from joserfc import jwt
from joserfc.jwk import KeySet

from identity.itsme import ClientKey
from simulators.itsme import ItsmeSimulator
from tests.integration.itsme_steps import (
    CLIENT_ID,
    FORM,
    REDIRECT_URI,
    SERVICE_CODE,
    Visit,
    answer_on_phone,
    open_authorization,
    pending_push,
    query_of,
    registered,
)
from tests.integration.simulators.http_client import Response, call

pytestmark = pytest.mark.integration

START = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
NAIMA = "+32471000001"
UNKNOWN = "+32479999999"
VERIFIER = "v" * 43 + "-verifier-of-this-test"
NATIONAL_NUMBER = "http://itsme.services/v2/claim/BENationalNumber"


class FakeClock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def client_key() -> ClientKey:
    return ClientKey.generate()


@pytest.fixture
def itsme(clock: FakeClock, client_key: ClientKey) -> Iterator[ItsmeSimulator]:
    simulator = ItsmeSimulator(port=0, clock=clock, clients=[registered(client_key)])
    simulator.start()
    yield simulator
    simulator.stop()


def authorize_url(itsme: ItsmeSimulator, **changes: str | None) -> str:
    query: dict[str, str | None] = {
        "response_type": "code",
        "client_id": CLIENT_ID,
        "redirect_uri": REDIRECT_URI,
        "scope": f"openid service:{SERVICE_CODE} profile eid",
        "state": "state-of-this-login",
        "nonce": "nonce-of-this-login",
        "code_challenge": create_s256_code_challenge(VERIFIER),
        "code_challenge_method": "S256",
        "login_hint": NAIMA,
        "claims": '{"id_token":{"family_name":null,"given_name":null,"birthdate":null,'
        f'"{NATIONAL_NUMBER}":null}}}}',
    }
    query.update(changes)
    return f"{itsme.url}/authorize?{urlencode({k: v for k, v in query.items() if v is not None})}"


def approved_code(itsme: ItsmeSimulator, phone: str = NAIMA) -> str:
    visit = open_authorization(itsme, authorize_url(itsme))
    visit.send(phone)
    answer_on_phone(itsme, phone)
    answer = visit.back_to_portal()
    assert answer["state"] == "state-of-this-login"
    return answer["code"]


def token(
    itsme: ItsmeSimulator,
    key: ClientKey,
    code: str,
    *,
    now: datetime = START,
    verifier: str = VERIFIER,
    redirect_uri: str = REDIRECT_URI,
    assertion: str | None = None,
    grant_type: str = "authorization_code",
) -> Response:
    form = {
        "grant_type": grant_type,
        "code": code,
        "redirect_uri": redirect_uri,
        "code_verifier": verifier,
        "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        "client_assertion": assertion
        or key.assertion(client_id=CLIENT_ID, token_endpoint=f"{itsme.url}/token", now=now),
    }
    return call("POST", f"{itsme.url}/token", body=urlencode(form).encode(), headers=FORM)


# -- discovery and keys ----------------------------------------------------------------------


def test_discovery_names_the_endpoints_and_what_the_provider_offers(itsme: ItsmeSimulator) -> None:
    document = call("GET", f"{itsme.url}/.well-known/openid-configuration").json()
    assert document["issuer"] == itsme.url
    assert document["authorization_endpoint"] == f"{itsme.url}/authorize"
    assert document["token_endpoint"] == f"{itsme.url}/token"
    assert document["jwks_uri"] == f"{itsme.url}/jwks"
    assert document["code_challenge_methods_supported"] == ["S256"]
    assert document["token_endpoint_auth_methods_supported"] == ["private_key_jwt"]
    assert document["id_token_signing_alg_values_supported"] == ["RS256"]
    keys = call("GET", f"{itsme.url}/jwks").json()["keys"]
    assert [(k["kty"], k["alg"], k["use"]) for k in keys] == [("RSA", "RS256", "sig")]
    assert "d" not in keys[0]  # the public half only


def test_the_signing_key_is_made_once_and_kept(tmp_path: Path) -> None:
    folder = tmp_path / "itsme"
    first = ItsmeSimulator(port=0, key_dir=folder)
    second = ItsmeSimulator(port=0, key_dir=folder)
    try:
        assert first.provider.key.kid == second.provider.key.kid
        assert (folder / "signing-key.pem").stat().st_mode & 0o777 == 0o600
    finally:
        first.stop()
        second.stop()


# -- the identification pages ----------------------------------------------------------------


def test_the_page_asks_to_confirm_the_number_then_waits_for_the_phone(
    itsme: ItsmeSimulator,
) -> None:
    visit = open_authorization(itsme, authorize_url(itsme))
    form = visit.page().text
    assert "Mon Espace souhaite vous identifier" in form
    assert 'value="+32 471 00 00 01"' in form
    assert ">Envoyer la demande</button>" in form
    assert ">Annuler</button>" in form

    assert visit.send("0471 00 00 01").status == 303
    waiting = visit.page().text
    assert 'role="status"' in waiting
    assert "envoyée au +32 471 00 00 01" in waiting
    assert 'Expire dans <span id="left">2 min 00 s</span>' in waiting
    status = call("GET", f"{itsme.url}{visit.path}/status").json()
    assert status == {"done": False, "left": "2 min 00 s"}
    phone = call("GET", itsme.phone_url(NAIMA)).text
    assert "Mon Espace souhaite vous identifier" in phone


def test_an_approval_sends_the_browser_back_with_a_code_for_the_signed_identity(
    itsme: ItsmeSimulator, client_key: ClientKey
) -> None:
    code = approved_code(itsme)
    answer = token(itsme, client_key, code)
    assert answer.status == 200, answer.text
    tokens = answer.json()
    assert tokens["token_type"] == "Bearer"
    keys = KeySet.import_key_set(call("GET", f"{itsme.url}/jwks").json())
    claims = jwt.decode(tokens["id_token"], keys, algorithms=["RS256"]).claims
    assert claims["iss"] == itsme.url
    assert claims["aud"] == CLIENT_ID
    assert claims["nonce"] == "nonce-of-this-login"
    assert claims["exp"] - claims["iat"] == 300
    assert claims[NATIONAL_NUMBER] == "86031414204"
    assert (claims["family_name"], claims["given_name"], claims["birthdate"]) == (
        "Mremi",
        "Naïma Samira",
        "1986-03-14",
    )
    userinfo = call(
        "GET",
        f"{itsme.url}/userinfo",
        headers={"Authorization": f"Bearer {tokens['access_token']}"},
    )
    assert userinfo.json()["sub"] == claims["sub"]
    assert userinfo.json()[NATIONAL_NUMBER] == "86031414204"


def test_the_same_person_has_the_same_pairwise_subject(
    itsme: ItsmeSimulator, client_key: ClientKey
) -> None:
    subjects = set()
    for _ in range(2):
        id_token = token(itsme, client_key, approved_code(itsme)).json()["id_token"]
        keys = KeySet.import_key_set(call("GET", f"{itsme.url}/jwks").json())
        subjects.add(jwt.decode(id_token, keys).claims["sub"])
    assert len(subjects) == 1


def test_refused_on_the_phone_cancelled_or_unanswered(
    itsme: ItsmeSimulator, clock: FakeClock
) -> None:
    refused = open_authorization(itsme, authorize_url(itsme))
    refused.send(NAIMA)
    answer_on_phone(itsme, NAIMA, approve=False)
    answer = refused.back_to_portal()
    assert (answer["error"], answer["state"], answer["iss"]) == (
        "access_denied",
        "state-of-this-login",
        itsme.url,
    )
    assert "code" not in answer

    cancelled = open_authorization(itsme, authorize_url(itsme))
    cancelled.send(NAIMA)
    back = cancelled.cancel()
    assert query_of(back.headers["Location"])["error"] == "cancelled"
    assert "Aucune demande en attente." in call("GET", itsme.phone_url(NAIMA)).text

    late = open_authorization(itsme, authorize_url(itsme))
    late.send(NAIMA)
    clock.now += timedelta(seconds=120)
    assert call("GET", f"{itsme.url}{late.path}/status").json()["done"] is True
    assert late.back_to_portal()["error"] == "expired"
    gone = late.page()
    assert gone.status == 404
    assert "existe plus" in gone.text


def test_an_unknown_number_gets_the_same_pages_as_a_known_one(
    itsme: ItsmeSimulator, clock: FakeClock
) -> None:
    pages = {}
    for number in (NAIMA, UNKNOWN):
        visit = open_authorization(itsme, authorize_url(itsme, login_hint=number))
        sent = visit.send(number)
        assert sent.status == 303
        waiting = visit.page()
        assert waiting.status == 200
        pages[number] = (visit, waiting.text.replace(visit.path, "/authorize/X"))
    known, unknown = pages[NAIMA][1], pages[UNKNOWN][1]
    assert unknown.replace("+32 479 99 99 99", "+32 471 00 00 01") == known
    # Nobody's phone rings for the unknown number, and it ends as an unanswered request does.
    assert call("GET", f"{itsme.url}/api/requests?phone={UNKNOWN}").json() == []
    clock.now += timedelta(seconds=120)
    assert pages[UNKNOWN][0].back_to_portal()["error"] == "expired"


def test_pushes_to_one_number_are_limited_known_or_not(itsme: ItsmeSimulator) -> None:
    for number in (NAIMA, UNKNOWN):
        for _ in range(5):
            assert open_authorization(itsme, authorize_url(itsme)).send(number).status == 303
        refused = open_authorization(itsme, authorize_url(itsme)).send(number)
        assert refused.status == 429
        assert "Trop de demandes ont été envoyées à ce numéro" in refused.text
    # Another number is not held back; the test hook forgets the counts.
    assert open_authorization(itsme, authorize_url(itsme)).send("+32472000002").status == 303
    assert call("DELETE", f"{itsme.url}/api/requests").status == 204
    assert open_authorization(itsme, authorize_url(itsme)).send(NAIMA).status == 303


def test_a_number_that_is_no_phone_number_is_asked_again(itsme: ItsmeSimulator) -> None:
    visit = open_authorization(itsme, authorize_url(itsme, login_hint=None))
    assert 'value=""' in visit.page().text
    wrong = visit.send("bonjour")
    assert wrong.status == 400
    assert "Ce numéro n&#x27;est pas un numéro de GSM" in wrong.text
    assert 'value="bonjour"' in wrong.text


# -- faulty authorization requests -----------------------------------------------------------


@pytest.mark.parametrize(
    "changes",
    [
        {"client_id": "someone-else"},
        {"redirect_uri": "https://attacker.example/cb"},
        {"redirect_uri": REDIRECT_URI + "/"},
    ],
)
def test_an_unknown_client_or_redirect_uri_is_never_redirected_to(
    itsme: ItsmeSimulator, changes: dict[str, str]
) -> None:
    answer = call("GET", authorize_url(itsme, **changes))
    assert answer.status == 400
    assert "Location" not in answer.headers
    assert 'role="alert"' in answer.text


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"response_type": "token"}, "unsupported_response_type"),
        ({"scope": f"profile service:{SERVICE_CODE}"}, "invalid_scope"),
        ({"scope": "openid profile"}, "invalid_scope"),
        ({"scope": "openid service:SOMEONE_ELSE"}, "invalid_scope"),
        ({"nonce": None}, "invalid_request"),
        ({"code_challenge": None}, "invalid_request"),
        ({"code_challenge_method": "plain"}, "invalid_request"),
        ({"claims": "{not json"}, "invalid_request"),
    ],
)
def test_a_faulty_request_goes_back_to_the_client_with_its_error(
    itsme: ItsmeSimulator, changes: dict[str, str | None], error: str
) -> None:
    answer = call("GET", authorize_url(itsme, **changes))
    assert answer.status == 303
    assert answer.headers["Location"].startswith(REDIRECT_URI + "?")
    back = query_of(answer.headers["Location"])
    assert (back["error"], back["state"]) == (error, "state-of-this-login")


# -- the token endpoint ----------------------------------------------------------------------


def test_a_code_is_good_once_and_its_reuse_revokes_what_it_gave(
    itsme: ItsmeSimulator, client_key: ClientKey
) -> None:
    code = approved_code(itsme)
    first = token(itsme, client_key, code)
    assert first.status == 200
    again = token(itsme, client_key, code)
    assert (again.status, again.json()["error"]) == (400, "invalid_grant")
    bearer = {"Authorization": f"Bearer {first.json()['access_token']}"}
    revoked = call("GET", f"{itsme.url}/userinfo", headers=bearer)
    assert (revoked.status, revoked.json()["error"]) == (401, "invalid_token")


def test_a_code_needs_its_verifier_its_redirect_uri_and_time(
    itsme: ItsmeSimulator, client_key: ClientKey, clock: FakeClock
) -> None:
    wrong_verifier = token(itsme, client_key, approved_code(itsme), verifier="w" * 64)
    assert (wrong_verifier.status, wrong_verifier.json()["error"]) == (400, "invalid_grant")
    no_verifier = token(itsme, client_key, approved_code(itsme), verifier="")
    assert no_verifier.json()["error"] == "invalid_grant"
    elsewhere = token(itsme, client_key, approved_code(itsme), redirect_uri="http://x/cb")
    assert elsewhere.json()["error"] == "invalid_grant"
    code = approved_code(itsme)
    clock.now += timedelta(minutes=3)
    late = token(itsme, client_key, code, now=clock.now)
    assert (late.json()["error"], late.json()["error_description"]) == (
        "invalid_grant",
        "the code has expired",
    )
    assert (
        token(itsme, client_key, "no-such-code", now=clock.now).json()["error"] == "invalid_grant"
    )


def test_the_client_must_prove_itself_with_its_own_key_once(
    itsme: ItsmeSimulator, client_key: ClientKey
) -> None:
    stranger = ClientKey.generate()
    forged = stranger.assertion(client_id=CLIENT_ID, token_endpoint=f"{itsme.url}/token", now=START)
    refused = token(itsme, client_key, approved_code(itsme), assertion=forged)
    assert (refused.status, refused.json()["error"]) == (401, "invalid_client")
    assert refused.headers["WWW-Authenticate"] == 'Bearer error="invalid_client"'

    assertion = client_key.assertion(
        client_id=CLIENT_ID, token_endpoint=f"{itsme.url}/token", now=START
    )
    assert token(itsme, client_key, approved_code(itsme), assertion=assertion).status == 200
    replayed = token(itsme, client_key, approved_code(itsme), assertion=assertion)
    assert (replayed.status, replayed.json()["error"]) == (401, "invalid_client")

    other_audience = client_key.assertion(
        client_id=CLIENT_ID, token_endpoint="https://idp.example/token", now=START
    )
    assert token(itsme, client_key, approved_code(itsme), assertion=other_audience).status == 401
    expired = client_key.assertion(
        client_id=CLIENT_ID, token_endpoint=f"{itsme.url}/token", now=START - timedelta(hours=1)
    )
    assert token(itsme, client_key, approved_code(itsme), assertion=expired).status == 401


def test_only_the_code_grant_in_a_form(itsme: ItsmeSimulator, client_key: ClientKey) -> None:
    grant = token(itsme, client_key, "x", grant_type="password")
    assert (grant.status, grant.json()["error"]) == (400, "unsupported_grant_type")
    as_json = call("POST", f"{itsme.url}/token", json_body={"grant_type": "authorization_code"})
    assert (as_json.status, as_json.json()["error"]) == (400, "invalid_request")
    assert call("GET", f"{itsme.url}/userinfo").status == 401


# -- the demo phones -------------------------------------------------------------------------


def sent_to(itsme: ItsmeSimulator, phone: str = NAIMA) -> Visit:
    visit = open_authorization(itsme, authorize_url(itsme, login_hint=phone))
    assert visit.send(phone).status == 303
    return visit


def test_the_phone_page_shows_the_request_and_confirms_it(itsme: ItsmeSimulator) -> None:
    visit = sent_to(itsme)
    request_id = pending_push(itsme, NAIMA)
    phone = call("GET", f"{itsme.url}/phone?number=+32471000001")
    assert phone.status == 200
    html = phone.text
    assert '<html lang="fr">' in html
    assert "Téléphone de Naïma Mremi" in html
    assert "Mon Espace souhaite vous identifier" in html
    assert "Demandé par : <strong>Mon Espace</strong>" in html
    assert "Expire dans 2 min 00 s." in html
    forms = re.findall(r'<form method="post" action="([^"]+)"', html)
    assert forms == [
        f"/phone/requests/{request_id}/confirm",
        f"/phone/requests/{request_id}/refuse",
    ]
    pressed = call("POST", itsme.url + forms[0], body=b"")
    assert pressed.status == 303
    after = call("GET", itsme.url + pressed.headers["Location"]).text
    assert "Vous avez confirmé votre identité." in after
    assert "Aucune demande en attente." in after
    assert "<td>Confirmée</td>" in after
    assert call("GET", f"{itsme.url}/api/requests/{request_id}").json()["status"] == "approved"
    assert "code" in visit.back_to_portal()


def test_refusing_on_the_phone_and_pressing_too_late(
    itsme: ItsmeSimulator, clock: FakeClock
) -> None:
    sent_to(itsme)
    refused = pending_push(itsme, NAIMA)
    location = call("POST", f"{itsme.url}/phone/requests/{refused}/refuse").headers["Location"]
    assert "Vous avez refusé la demande." in call("GET", itsme.url + location).text

    sent_to(itsme)
    late = pending_push(itsme, NAIMA)
    clock.now += timedelta(minutes=3)
    location = call("POST", f"{itsme.url}/phone/requests/{late}/confirm").headers["Location"]
    page = call("GET", itsme.url + location).text
    assert "Cette demande a expiré" in page
    assert "<td>Expirée</td>" in page
    conflict = call("POST", f"{itsme.url}/api/requests/{late}/approve")
    assert (conflict.status, conflict.json()["status"]) == (409, "expired")


def test_a_phone_only_shows_its_own_requests(itsme: ItsmeSimulator) -> None:
    sent_to(itsme, "+32472000002")
    page = call("GET", f"{itsme.url}/phone?number=%2B32471000001").text
    assert "Aucune demande en attente." in page


def test_unknown_phone_page_and_request(itsme: ItsmeSimulator) -> None:
    page = call("GET", f"{itsme.url}/phone?number=+32479999999")
    assert page.status == 404
    assert "Aucun téléphone itsme de démonstration" in page.text
    assert "Chloé Ducoeur (+32 472 00 00 02)" in page.text
    assert call("GET", f"{itsme.url}/api/requests/nope").json()["error"] == "unknown_request"
    assert call("POST", f"{itsme.url}/api/requests/nope/approve").status == 404
    assert call("GET", f"{itsme.url}/api/requests?phone=bonjour").status == 400


def test_index_and_phone_list(itsme: ItsmeSimulator) -> None:
    index = call("GET", f"{itsme.url}/").text
    assert "Téléphone de Marouan El Yakoubi (+32 470 12 34 56)" in index
    phones = call("GET", f"{itsme.url}/api/phones").json()
    assert [(p["number"], p["persona"]) for p in phones] == [
        ("+32470123456", "marouan-el-yakoubi"),
        ("+32471000001", "naima-mremi"),
        ("+32472000002", "chloe-ducoeur"),
    ]
    assert itsme.phone_url("0471 00 00 01") == f"{itsme.url}/phone?number=%2B32471000001"


def test_the_get_started_page_says_what_an_account_takes_and_lists_the_demo_phones(
    itsme: ItsmeSimulator,
) -> None:
    """Where the portal's "Créer votre compte itsme" and "Plus d'info" lead in the demo."""
    page = call("GET", f"{itsme.url}/get-started")
    assert page.status == 200
    assert "Créer votre compte itsme" in page.text
    assert "carte eID" in page.text
    assert "carte bancaire" in page.text
    assert "code PIN" in page.text
    for name, number in (("Marouan El Yakoubi", "+32 470 12 34 56"), ("Naïma Mremi", "")):
        assert f"Téléphone de {name}" in page.text
        assert number in page.text
    assert 'href="/phone?number=%2B32472000002"' in page.text
