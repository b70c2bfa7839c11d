"""A node's key and another key, made once per test session, the portal's encryption key, and
answers the simulated node's own code signs and encrypts for the portal: the assertions under
test are real ones, encrypted as eIDAS nodes send them."""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from identity.assurance import LevelOfAssurance
from identity.eidas.european_identity import ExpectedResponse
from identity.eidas.metadata import NodeMetadata, node_metadata, parse_node_metadata
from identity.eidas.saml_keys import SamlKeyPair
from simulators.eidas_node.citizens import Citizen, load_countries
from simulators.eidas_node.responses import Answer

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
NODE_ID = "http://node.example/metadata"
SP_ID = "https://portal.example/_auth/eidas/metadata"
ACS = "https://portal.example/_auth/eidas/acs"
REQUEST_ID = "_request-1"


def key_pair(folder: Path, name: str, *, now: datetime = NOW) -> SamlKeyPair:
    return SamlKeyPair.load_or_create(
        folder / f"{name}-key.pem", folder / f"{name}-cert.pem", common_name=name, now=now
    )


@pytest.fixture(scope="session")
def node_keys(tmp_path_factory: pytest.TempPathFactory) -> SamlKeyPair:
    return key_pair(tmp_path_factory.mktemp("node"), "node")


@pytest.fixture(scope="session")
def other_keys(tmp_path_factory: pytest.TempPathFactory) -> SamlKeyPair:
    return key_pair(tmp_path_factory.mktemp("other"), "other")


@functools.cache
def portal_keys() -> SamlKeyPair:
    """The portal's encryption key pair, made once per run: answers are encrypted for it."""
    folder = tempfile.mkdtemp(prefix="eidas-portal-")
    atexit.register(shutil.rmtree, folder, True)
    return key_pair(Path(folder), "portal")


@pytest.fixture(scope="session")
def node(node_keys: SamlKeyPair) -> NodeMetadata:
    xml = node_metadata(entity_id=NODE_ID, sso_url="http://node.example/sso", keys=node_keys)
    return parse_node_metadata(xml)


@pytest.fixture(scope="session")
def lena() -> Citizen:
    return load_countries()["DE"].citizen("lena-schneider")  # type: ignore[return-value]


@pytest.fixture(scope="session")
def jonas() -> Citizen:
    return load_countries()["DE"].citizen("jonas-weber")  # type: ignore[return-value]


def expected(level: LevelOfAssurance = LevelOfAssurance.SUBSTANTIAL) -> ExpectedResponse:
    return ExpectedResponse(REQUEST_ID, level, SP_ID, ACS)


def answer(*, clear: bool = False, **changes: str) -> Answer:
    """An answer to the portal's request, encrypted for its key (in clear when ``clear``)."""
    fields = {
        "issuer": NODE_ID,
        "destination": ACS,
        "audience": SP_ID,
        "in_response_to": REQUEST_ID,
        "encrypt_for": portal_keys().certificate_base64(),
    }
    made = Answer(**{**fields, **changes})
    return replace(made, encrypt_for=None) if clear else made
