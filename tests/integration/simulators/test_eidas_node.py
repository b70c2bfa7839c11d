"""The simulated eIDAS node over real HTTP, driven by the portal's own service provider code:
its metadata, a signed request, the country and login pages, and the answers it posts back
(the assertion encrypted for the encryption certificate of the portal's metadata), which the
portal's checks accept (or turn into the failure chosen)."""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

from identity.assurance import LevelOfAssurance
from identity.eidas import (
    EidasCancelledError,
    EidasConfig,
    EidasLevelNotReachedError,
    EidasServiceProvider,
    SamlKeyPair,
    service_provider_metadata,
)
from identity.eidas.authn_request import new_request_id
from simulators.eidas_node import EidasNodeSimulator
from tests.integration.simulators.http_client import call

pytestmark = pytest.mark.integration

SP_ID = "http://portal.test/_auth/eidas/metadata"
ACS = "http://portal.test/_auth/eidas/acs"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


class NoLedger:
    def spend(self, assertion_id: str, *, expires_at: datetime, now: datetime) -> None:
        return None


@pytest.fixture(scope="module")
def sp_keys(tmp_path_factory: pytest.TempPathFactory) -> SamlKeyPair:
    folder = tmp_path_factory.mktemp("sp")
    return SamlKeyPair.load_or_create(
        folder / "sp-key.pem", folder / "sp-cert.pem", common_name="sp", now=datetime.now(UTC)
    )


@pytest.fixture(scope="module")
def sp_encryption_keys(tmp_path_factory: pytest.TempPathFactory) -> SamlKeyPair:
    folder = tmp_path_factory.mktemp("sp-encryption")
    return SamlKeyPair.load_or_create(
        folder / "key.pem", folder / "cert.pem", common_name="sp", now=datetime.now(UTC)
    )


@pytest.fixture(scope="module")
def node(
    tmp_path_factory: pytest.TempPathFactory,
    sp_keys: SamlKeyPair,
    sp_encryption_keys: SamlKeyPair,
) -> Iterator[EidasNodeSimulator]:
    metadata = service_provider_metadata(
        entity_id=SP_ID, acs_url=ACS, keys=sp_keys, encryption_keys=sp_encryption_keys
    )
    simulator = EidasNodeSimulator(
        port=0, key_dir=tmp_path_factory.mktemp("node"), inline_metadata=(metadata,)
    )
    simulator.start()
    yield simulator
    simulator.stop()


@pytest.fixture
def sp(
    node: EidasNodeSimulator, sp_keys: SamlKeyPair, sp_encryption_keys: SamlKeyPair
) -> EidasServiceProvider:
    return EidasServiceProvider(
        EidasConfig(
            metadata_url=node.metadata_url,
            sp_entity_id=SP_ID,
            acs_url=ACS,
            keys=sp_keys,
            countries=("DE", "FR", "IT", "NL"),
            xmlsec_binary="/usr/bin/xmlsec1",
            encryption_keys=sp_encryption_keys,
        )
    )


def start(sp: EidasServiceProvider, *, country: str, level: LevelOfAssurance) -> tuple[str, str]:
    """The request id, and the page the node sends the browser to."""
    request_id = new_request_id()
    url = sp.authn_request_url(
        request_id=request_id,
        level=level,
        relay_state="relay-1",
        country=country,
        now=datetime.now(UTC),
    )
    answer = call("GET", url)
    assert answer.status == 303, answer.text
    return request_id, answer.headers["Location"]


def posted_back(page: str) -> dict[str, str]:
    assert 'action="http://portal.test/_auth/eidas/acs"' in page
    fields = dict(re.findall(r'name="(SAMLResponse|RelayState)" value="([^"]*)"', page))
    return {name: html.unescape(value) for name, value in fields.items()}


def test_the_metadata_names_the_node_its_sso_address_and_its_key(
    node: EidasNodeSimulator, sp: EidasServiceProvider
) -> None:
    metadata = sp.node(now=datetime.now(UTC))
    assert metadata.entity_id == node.metadata_url
    assert metadata.sso_url == node.url + "/sso"
    assert metadata.signing_certificates == (node.node.keys.certificate_base64(),)


def test_a_german_citizen_logs_in_and_the_portal_accepts_the_signed_answer(
    node: EidasNodeSimulator, sp: EidasServiceProvider
) -> None:
    request_id, location = start(sp, country="DE", level=LevelOfAssurance.SUBSTANTIAL)
    assert urlsplit(location).path.endswith("/DE")
    page = call("GET", node.url + location)
    assert page.status == 200
    assert "Lena Schneider" in page.text
    assert "Annuler" in page.text
    form = urlencode({"citizen": "lena-schneider", "outcome": "success"}).encode()
    answer = call("POST", node.url + location, body=form, headers=FORM)
    fields = posted_back(answer.text)
    assert fields["RelayState"] == "relay-1"
    document = base64.b64decode(fields["SAMLResponse"]).decode()
    assert "EncryptedAssertion" in document
    assert "Schneider" not in document
    identity = sp.validate(
        fields["SAMLResponse"],
        request_id=request_id,
        level=LevelOfAssurance.SUBSTANTIAL,
        ledger=NoLedger(),
        now=datetime.now(UTC),
    )
    assert identity.person_identifier.startswith("DE/BE/")
    assert identity.level is LevelOfAssurance.HIGH


def test_without_a_country_the_node_asks_for_one(
    node: EidasNodeSimulator, sp: EidasServiceProvider
) -> None:
    request_id = new_request_id()
    url = sp.authn_request_url(
        request_id=request_id,
        level=LevelOfAssurance.SUBSTANTIAL,
        relay_state="r",
        country="FR",
        now=datetime.now(UTC),
    ).replace("&country=FR", "")
    location = call("GET", url).headers["Location"]
    page = call("GET", node.url + location).text
    for country in ("Allemagne", "France", "Italie", "Pays-Bas"):
        assert country in page


def test_cancel_sends_the_cancellation(node: EidasNodeSimulator, sp: EidasServiceProvider) -> None:
    request_id, location = start(sp, country="IT", level=LevelOfAssurance.SUBSTANTIAL)
    transaction = location.rsplit("/", 1)[0]
    answer = call("POST", node.url + transaction + "/cancel", body=b"", headers=FORM)
    with pytest.raises(EidasCancelledError):
        sp.validate(
            posted_back(answer.text)["SAMLResponse"],
            request_id=request_id,
            level=LevelOfAssurance.SUBSTANTIAL,
            ledger=NoLedger(),
            now=datetime.now(UTC),
        )


def test_a_citizen_whose_means_is_below_the_level_asked_gets_level_not_reached(
    node: EidasNodeSimulator, sp: EidasServiceProvider
) -> None:
    request_id, location = start(sp, country="NL", level=LevelOfAssurance.HIGH)
    form = urlencode({"citizen": "sanne-de-vries", "outcome": "success"}).encode()  # substantial
    answer = call("POST", node.url + location, body=form, headers=FORM)
    with pytest.raises(EidasLevelNotReachedError):
        sp.validate(
            posted_back(answer.text)["SAMLResponse"],
            request_id=request_id,
            level=LevelOfAssurance.HIGH,
            ledger=NoLedger(),
            now=datetime.now(UTC),
        )


def test_an_answer_is_sent_once_per_request(
    node: EidasNodeSimulator, sp: EidasServiceProvider
) -> None:
    _, location = start(sp, country="DE", level=LevelOfAssurance.SUBSTANTIAL)
    form = urlencode({"citizen": "lena-schneider"}).encode()
    assert call("POST", node.url + location, body=form, headers=FORM).status == 200
    assert call("POST", node.url + location, body=form, headers=FORM).status == 404


def test_an_unsigned_or_forged_request_gets_an_error_page_not_an_answer(
    node: EidasNodeSimulator, sp: EidasServiceProvider
) -> None:
    url = sp.authn_request_url(
        request_id=new_request_id(),
        level=LevelOfAssurance.SUBSTANTIAL,
        relay_state="r",
        country="DE",
        now=datetime.now(UTC),
    )
    unsigned = re.sub(r"&Signature=[^&]*", "", url)
    answer = call("GET", unsigned)
    assert answer.status == 400
    assert "ne peut pas demander" in answer.text


def test_a_request_from_an_unknown_service_is_refused(
    node: EidasNodeSimulator, tmp_path: Path
) -> None:
    keys = SamlKeyPair.load_or_create(
        tmp_path / "k.pem", tmp_path / "c.pem", common_name="x", now=datetime.now(UTC)
    )
    stranger = EidasServiceProvider(
        EidasConfig(
            metadata_url=node.metadata_url,
            sp_entity_id="http://stranger.test/metadata",
            acs_url="http://stranger.test/acs",
            keys=keys,
            countries=("DE",),
            xmlsec_binary="/usr/bin/xmlsec1",
        )
    )
    url = stranger.authn_request_url(
        request_id=new_request_id(),
        level=LevelOfAssurance.SUBSTANTIAL,
        relay_state="",
        country="DE",
        now=datetime.now(UTC),
    )
    assert call("GET", url).status == 400


def test_the_index_lists_every_countrys_citizens(node: EidasNodeSimulator) -> None:
    page = call("GET", node.url + "/").text
    assert "Lena Schneider" in page
    assert "Giulia Romano" in page
    assert "Sanne de Vries" in page
