"""The European login (eIDAS): the portal as a SAML 2.0 service provider at an eIDAS node, which
identifies the person with their own country's eID and answers with a signed assertion of their
PersonIdentifier, names, birth date and level of assurance."""

from identity.eidas.assertion_ledger import SqlAssertionLedger
from identity.eidas.errors import (
    EidasAudienceError,
    EidasAuthenticationFailedError,
    EidasCancelledError,
    EidasDestinationError,
    EidasError,
    EidasExpiredError,
    EidasInResponseToError,
    EidasIssuerError,
    EidasLevelNotReachedError,
    EidasLevelTooLowError,
    EidasMalformedResponseError,
    EidasMissingAttributeError,
    EidasNodeError,
    EidasNoLoginError,
    EidasReplayError,
    EidasSignatureError,
    EidasUnavailableError,
    EidasUnencryptedAssertionError,
    EidasUnknownCountryError,
    EidasWrongEncryptionKeyError,
)
from identity.eidas.european_identity import AssertionLedger, EuropeanIdentity, ExpectedResponse
from identity.eidas.key import EIDAS_KEY, EidasKey
from identity.eidas.metadata import NodeMetadata, service_provider_metadata
from identity.eidas.persons import find_european_person, login_identity
from identity.eidas.saml_keys import SamlKeyPair
from identity.eidas.service_provider import EidasConfig, EidasServiceProvider

__all__ = [
    "EIDAS_KEY",
    "AssertionLedger",
    "EidasAudienceError",
    "EidasAuthenticationFailedError",
    "EidasCancelledError",
    "EidasConfig",
    "EidasDestinationError",
    "EidasError",
    "EidasExpiredError",
    "EidasInResponseToError",
    "EidasIssuerError",
    "EidasKey",
    "EidasLevelNotReachedError",
    "EidasLevelTooLowError",
    "EidasMalformedResponseError",
    "EidasMissingAttributeError",
    "EidasNoLoginError",
    "EidasNodeError",
    "EidasReplayError",
    "EidasServiceProvider",
    "EidasSignatureError",
    "EidasUnavailableError",
    "EidasUnencryptedAssertionError",
    "EidasUnknownCountryError",
    "EidasWrongEncryptionKeyError",
    "EuropeanIdentity",
    "ExpectedResponse",
    "NodeMetadata",
    "SamlKeyPair",
    "SqlAssertionLedger",
    "find_european_person",
    "login_identity",
    "service_provider_metadata",
]
