"""The European login as its pages and the ACS endpoint run it, on answers the simulated node's
code signs: the country page starts it for this browser only; the answer's outcome is kept under
a one-time ticket; the return opens a session at the asserted level, for the person the eIDAS
identifier maps to (a BIS number made at the first login, the same one at the next)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from foundation import routes
from foundation.i18n.error_messages import error_text
from foundation.models.eidas import EidasLogin, EuropeanPerson
from foundation.models.session import UserSession
from identity.assurance import LevelOfAssurance
from identity.bis_numbers import is_valid_bis_number
from identity.browser_binding import CookiesRequiredError, OtherBrowserError
from identity.eidas import (
    EidasCancelledError,
    EidasConfig,
    EidasError,
    EidasInResponseToError,
    EidasLevelNotReachedError,
    EidasLevelTooLowError,
    EidasMalformedResponseError,
    EidasMissingAttributeError,
    EidasNoLoginError,
    EidasReplayError,
    EidasServiceProvider,
    EidasSignatureError,
    EidasUnencryptedAssertionError,
    EidasUnknownCountryError,
    EidasWrongEncryptionKeyError,
    SamlKeyPair,
)
from identity.eidas import vocabulary as v
from identity.eidas.metadata import node_metadata
from identity.eidas.redirect_binding import inflate
from identity.sessions import redeem_ticket
from portal.login.eidas_login import (
    TICKET_LIFETIME,
    finish_eidas_login,
    receive_eidas_answer,
    start_eidas_login,
)
from simulators.eidas_node.citizens import Citizen, load_countries
from simulators.eidas_node.responses import (
    Answer,
    AssertionShape,
    encoded,
    failure_response,
    success_response,
)
from tests.unit.identity.eidas.conftest import key_pair, portal_keys
from tests.unit.portal.visitors import NOW, portal_database

BINDING = "b" * 64
OTHER_BROWSER = "c" * 64
NODE_ID = "http://node.test/metadata"
SP_ID = "http://localhost:3000/_auth/eidas/metadata"
ACS = "http://localhost:3000/_auth/eidas/acs"
DE = load_countries()["DE"]
LENA = DE.citizens[0]
JONAS = DE.citizens[1]


def pair(folder: Path, name: str) -> SamlKeyPair:
    return key_pair(folder, name, now=NOW)


@pytest.fixture(scope="module")
def node_keys(tmp_path_factory: pytest.TempPathFactory) -> SamlKeyPair:
    return pair(tmp_path_factory.mktemp("node"), "node")


@pytest.fixture(scope="module")
def other_keys(tmp_path_factory: pytest.TempPathFactory) -> SamlKeyPair:
    return pair(tmp_path_factory.mktemp("other"), "other")


@pytest.fixture(scope="module")
def node_document(node_keys: SamlKeyPair) -> bytes:
    """The node's metadata, as the provider fetches it."""
    return node_metadata(entity_id=NODE_ID, sso_url="http://node.test/sso", keys=node_keys).encode()


@pytest.fixture(scope="module")
def provider(
    tmp_path_factory: pytest.TempPathFactory, node_document: bytes
) -> EidasServiceProvider:
    """The portal as configured: a signing key pair, and another one answers are encrypted for."""
    return EidasServiceProvider(
        EidasConfig(
            metadata_url=NODE_ID,
            sp_entity_id=SP_ID,
            acs_url=ACS,
            keys=pair(tmp_path_factory.mktemp("sp"), "sp"),
            countries=("DE", "FR", "IT", "NL"),
            xmlsec_binary="/usr/bin/xmlsec1",
            encryption_keys=portal_keys(),
        ),
        fetch=lambda url, timeout: node_document,
    )


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    with portal_database(tmp_path) as database:
        yield database


def start(
    engine: Engine,
    provider: EidasServiceProvider,
    *,
    level: LevelOfAssurance = LevelOfAssurance.SUBSTANTIAL,
    country: str = "DE",
) -> tuple[str, str]:
    """The login's RelayState and the request id it sent."""
    url = start_eidas_login(
        country, now=NOW, browser_binding=BINDING, level=level, provider=provider, bind=engine
    )
    query = parse_qs(urlsplit(url).query)
    assert query["country"] == [country]
    relay_state = query["RelayState"][0]
    with Session(engine) as db:
        login = db.get(EidasLogin, relay_state)
        assert login is not None
        return relay_state, login.request_id


def answer_to(request_id: str) -> Answer:
    """The node's answer to this request, its assertion encrypted for the portal's key."""
    return Answer(NODE_ID, ACS, SP_ID, request_id, portal_keys().certificate_base64())


def signed(
    citizen: Citizen,
    request_id: str,
    keys: SamlKeyPair | None,
    shape: AssertionShape | None = None,
) -> str:
    document = success_response(
        citizen, answer_to(request_id), keys=keys, now=NOW, shape=shape or AssertionShape()
    )
    return encoded(document)


def round_trip(
    engine: Engine,
    provider: EidasServiceProvider,
    citizen: Citizen,
    node_keys: SamlKeyPair | None,
    *,
    shape: AssertionShape | None = None,
    binding: str = BINDING,
    level: LevelOfAssurance = LevelOfAssurance.SUBSTANTIAL,
) -> str:
    relay_state, request_id = start(engine, provider, level=level)
    ticket = receive_eidas_answer(
        relay_state,
        signed(citizen, request_id, node_keys, shape),
        now=NOW,
        provider=provider,
        bind=engine,
    )
    assert ticket is not None
    return finish_eidas_login(ticket, now=NOW, browser_binding=binding, bind=engine)


def session_of(engine: Engine, url: str) -> UserSession:
    """The session the URL's ticket opens, as the browser that logged in trades it."""
    ticket = parse_qs(urlsplit(url).query)["ticket"][0]
    with Session(engine) as db:
        session = redeem_ticket(db, ticket, browser_binding=BINDING, now=NOW)
        assert session is not None
        db.commit()
        db.refresh(session)
        db.expunge(session)
        return session


def test_the_request_asks_the_eidas_attributes_and_level(
    engine: Engine, provider: EidasServiceProvider
) -> None:
    url = start_eidas_login(
        "DE",
        now=NOW,
        browser_binding=BINDING,
        level=LevelOfAssurance.HIGH,
        provider=provider,
        bind=engine,
    )
    xml = inflate(parse_qs(urlsplit(url).query)["SAMLRequest"][0])
    assert "<ns2:SPType>public</ns2:SPType>" in xml
    for name in (v.PERSON_IDENTIFIER, v.FAMILY_NAME, v.GIVEN_NAME, v.DATE_OF_BIRTH):
        assert f'Name="{name}"' in xml
    assert xml.count('isRequired="true"') == 4
    assert 'Comparison="minimum"' in xml
    assert "http://eidas.europa.eu/LoA/high" in xml
    assert f'AssertionConsumerServiceURL="{ACS}"' in xml
    assert "Signature=" in url


def test_a_login_needs_the_pre_login_cookie(engine: Engine, provider: EidasServiceProvider) -> None:
    with pytest.raises(CookiesRequiredError):
        start_eidas_login("DE", now=NOW, browser_binding=None, provider=provider, bind=engine)


def test_a_country_not_offered_is_refused(engine: Engine, provider: EidasServiceProvider) -> None:
    with pytest.raises(EidasUnknownCountryError):
        start_eidas_login("XX", now=NOW, browser_binding=BINDING, provider=provider, bind=engine)


def test_a_german_citizen_gets_a_session_at_the_level_the_node_asserted(
    engine: Engine, provider: EidasServiceProvider, node_keys: SamlKeyPair
) -> None:
    url = round_trip(engine, provider, LENA, node_keys)
    session = session_of(engine, url)
    assert session.key_kind == "eidas"
    assert session.level == int(LevelOfAssurance.HIGH)
    assert session.surname == "Schneider"
    assert is_valid_bis_number(session.national_number)
    assert url.endswith("suite=" + routes.ACCOUNT_FORM)  # first login: the account to create


def test_the_same_identifier_finds_the_same_person_at_the_next_login(
    engine: Engine, provider: EidasServiceProvider, node_keys: SamlKeyPair
) -> None:
    first = session_of(engine, round_trip(engine, provider, LENA, node_keys)).national_number
    second = session_of(engine, round_trip(engine, provider, LENA, node_keys)).national_number
    other = session_of(engine, round_trip(engine, provider, JONAS, node_keys)).national_number
    assert first == second
    assert other != first
    with Session(engine) as db:
        persons = db.exec(select(EuropeanPerson)).all()
    assert {p.person_identifier for p in persons} == {
        LENA.person_identifier,
        JONAS.person_identifier,
    }


def test_a_substantial_assertion_gives_a_substantial_session(
    engine: Engine, provider: EidasServiceProvider, node_keys: SamlKeyPair
) -> None:
    session = session_of(engine, round_trip(engine, provider, JONAS, node_keys))
    assert session.level == int(LevelOfAssurance.SUBSTANTIAL)


def test_the_return_in_another_browser_opens_nothing(
    engine: Engine, provider: EidasServiceProvider, node_keys: SamlKeyPair
) -> None:
    with pytest.raises(OtherBrowserError):
        round_trip(engine, provider, LENA, node_keys, binding=OTHER_BROWSER)
    with Session(engine) as db:
        assert db.exec(select(UserSession)).first() is None


def test_a_ticket_is_used_once(
    engine: Engine, provider: EidasServiceProvider, node_keys: SamlKeyPair
) -> None:
    relay_state, request_id = start(engine, provider)
    ticket = receive_eidas_answer(
        relay_state, signed(LENA, request_id, node_keys), now=NOW, provider=provider, bind=engine
    )
    assert ticket is not None
    finish_eidas_login(ticket, now=NOW, browser_binding=BINDING, bind=engine)
    with pytest.raises(EidasNoLoginError):
        finish_eidas_login(ticket, now=NOW, browser_binding=BINDING, bind=engine)


def test_a_stale_ticket_opens_nothing(
    engine: Engine, provider: EidasServiceProvider, node_keys: SamlKeyPair
) -> None:
    relay_state, request_id = start(engine, provider)
    ticket = receive_eidas_answer(
        relay_state, signed(LENA, request_id, node_keys), now=NOW, provider=provider, bind=engine
    )
    assert ticket is not None
    with pytest.raises(EidasNoLoginError):
        finish_eidas_login(ticket, now=NOW + TICKET_LIFETIME, browser_binding=BINDING, bind=engine)


def test_an_answer_for_no_login_gets_no_ticket(
    engine: Engine, provider: EidasServiceProvider, node_keys: SamlKeyPair
) -> None:
    assert receive_eidas_answer("", "x", now=NOW, provider=provider, bind=engine) is None
    assert receive_eidas_answer("unknown", "x", now=NOW, provider=provider, bind=engine) is None
    relay_state, request_id = start(engine, provider)
    response = signed(LENA, request_id, node_keys)
    assert receive_eidas_answer(relay_state, response, now=NOW, provider=provider, bind=engine)
    # The same answer posted again (a reload of the node's form) is not checked twice.
    assert (
        receive_eidas_answer(relay_state, response, now=NOW, provider=provider, bind=engine) is None
    )


def test_an_answer_after_the_login_expired_gets_no_ticket(
    engine: Engine, provider: EidasServiceProvider, node_keys: SamlKeyPair
) -> None:
    relay_state, request_id = start(engine, provider)
    late = NOW + timedelta(minutes=15)
    response = signed(LENA, request_id, node_keys)
    assert (
        receive_eidas_answer(relay_state, response, now=late, provider=provider, bind=engine)
        is None
    )


def test_an_assertion_replayed_into_another_login_is_refused(
    engine: Engine, provider: EidasServiceProvider, node_keys: SamlKeyPair
) -> None:
    """The same assertion id, answering a second login's request (a node re-sending, or a copy
    re-signed): the ledger remembers it across logins."""
    shape = AssertionShape(assertion_id="_the-same-assertion")
    round_trip(engine, provider, LENA, node_keys, shape=shape)
    with pytest.raises(EidasReplayError):
        round_trip(engine, provider, LENA, node_keys, shape=shape)


@pytest.mark.parametrize(
    ("keys", "shape", "level", "error"),
    [
        ("other", None, LevelOfAssurance.SUBSTANTIAL, EidasSignatureError),
        ("none", None, LevelOfAssurance.SUBSTANTIAL, EidasSignatureError),
        ("node", None, LevelOfAssurance.HIGH, EidasLevelTooLowError),
        (
            "node",
            AssertionShape(omit=frozenset({v.DATE_OF_BIRTH})),
            LevelOfAssurance.SUBSTANTIAL,
            EidasMissingAttributeError,
        ),
    ],
)
def test_a_refused_answer_is_told_on_the_return_page_and_opens_nothing(
    engine: Engine,
    provider: EidasServiceProvider,
    node_keys: SamlKeyPair,
    other_keys: SamlKeyPair,
    keys: str,
    shape: AssertionShape | None,
    level: LevelOfAssurance,
    error: type[EidasError],
) -> None:
    chosen = {"node": node_keys, "other": other_keys, "none": None}[keys]
    with pytest.raises(error):
        round_trip(engine, provider, JONAS, chosen, shape=shape, level=level)
    with Session(engine) as db:
        assert db.exec(select(UserSession)).first() is None
        assert db.exec(select(EuropeanPerson)).first() is None


@pytest.mark.parametrize(
    ("top", "detail", "error"),
    [
        (v.STATUS_REQUESTER, v.STATUS_REQUEST_DENIED, EidasCancelledError),
        (v.STATUS_RESPONDER, v.STATUS_NO_AUTHN_CONTEXT, EidasLevelNotReachedError),
    ],
)
def test_the_nodes_failures_reach_the_return_page_with_their_own_words(
    engine: Engine,
    provider: EidasServiceProvider,
    node_keys: SamlKeyPair,
    top: str,
    detail: str,
    error: type[EidasError],
) -> None:
    relay_state, request_id = start(engine, provider)
    document = failure_response(
        answer_to(request_id), top=top, detail=detail, message="", keys=node_keys, now=NOW
    )
    ticket = receive_eidas_answer(
        relay_state, encoded(document), now=NOW, provider=provider, bind=engine
    )
    assert ticket is not None
    with pytest.raises(error) as refused:
        finish_eidas_login(ticket, now=NOW, browser_binding=BINDING, bind=engine)
    texts = {error_text(language, refused.value) for language in ("fr", "nl", "de", "en")}
    assert len(texts) == 4
    assert error_text("fr", refused.value) != error_text("fr", EidasError("x"))


def test_an_answer_to_another_logins_request_is_refused(
    engine: Engine, provider: EidasServiceProvider, node_keys: SamlKeyPair
) -> None:
    relay_state, _ = start(engine, provider)
    _, other_request = start(engine, provider)
    ticket = receive_eidas_answer(
        relay_state,
        signed(LENA, other_request, node_keys),
        now=NOW,
        provider=provider,
        bind=engine,
    )
    assert ticket is not None
    with pytest.raises(EidasInResponseToError):
        finish_eidas_login(ticket, now=NOW, browser_binding=BINDING, bind=engine)


@pytest.mark.parametrize(
    ("recipient", "error"),
    [("other", EidasWrongEncryptionKeyError), ("clear", EidasUnencryptedAssertionError)],
)
def test_an_answer_not_encrypted_for_the_portal_is_refused_with_its_own_words(
    engine: Engine,
    provider: EidasServiceProvider,
    node_keys: SamlKeyPair,
    other_keys: SamlKeyPair,
    recipient: str,
    error: type[EidasError],
) -> None:
    relay_state, request_id = start(engine, provider)
    certificate = {"other": other_keys.certificate_base64(), "clear": None}[recipient]
    to = replace(answer_to(request_id), encrypt_for=certificate)
    document = success_response(LENA, to, keys=node_keys, now=NOW)
    ticket = receive_eidas_answer(
        relay_state, encoded(document), now=NOW, provider=provider, bind=engine
    )
    assert ticket is not None
    with pytest.raises(error) as refused:
        finish_eidas_login(ticket, now=NOW, browser_binding=BINDING, bind=engine)
    texts = {error_text(language, refused.value) for language in ("fr", "nl", "de", "en")}
    assert len(texts) == 4
    for other in (EidasError("x"), EidasMalformedResponseError("x")):
        assert error_text("fr", refused.value) != error_text("fr", other)
    with Session(engine) as db:
        assert db.exec(select(UserSession)).first() is None


def test_a_portal_not_requiring_encryption_accepts_an_assertion_in_clear(
    engine: Engine, provider: EidasServiceProvider, node_keys: SamlKeyPair, node_document: bytes
) -> None:
    """For a node under test that cannot encrypt (MONESPACE_EIDAS_REQUIRE_ENCRYPTED_ASSERTIONS)."""
    lenient = EidasServiceProvider(
        replace(provider.config, require_encrypted_assertions=False),
        fetch=lambda url, timeout: node_document,
    )
    relay_state, request_id = start(engine, lenient)
    to = replace(answer_to(request_id), encrypt_for=None)
    document = success_response(LENA, to, keys=node_keys, now=NOW)
    ticket = receive_eidas_answer(
        relay_state, encoded(document), now=NOW, provider=lenient, bind=engine
    )
    assert ticket is not None
    url = finish_eidas_login(ticket, now=NOW, browser_binding=BINDING, bind=engine)
    assert session_of(engine, url).level == LevelOfAssurance.HIGH
