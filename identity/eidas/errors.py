"""Why a European (eIDAS) login did not succeed; each has its own text in the catalogues.

Those the node says (cancelled, authentication failed, level not reached) come first; then one
per check the portal makes of the node's answer, in the order it makes them: nothing of an
answer that fails one is used."""

from __future__ import annotations

from identity.keys.errors import DigitalKeyError


class EidasError(DigitalKeyError):
    """The European identification did not succeed."""


class EidasCancelledError(EidasError):
    """The person cancelled at their country's identification service."""


class EidasAuthenticationFailedError(EidasError):
    """The country's identification service could not authenticate the person."""


class EidasLevelNotReachedError(EidasError):
    """The country's identification service says the means used does not reach the level asked."""


class EidasNodeError(EidasError):
    """The node answered with a failure of another kind (its own fault, a request it refused)."""


class EidasUnknownCountryError(EidasError):
    """A country the portal does not offer for European login."""


class EidasUnavailableError(EidasError):
    """The eIDAS node cannot be reached, or its metadata cannot be read."""


class EidasNoLoginError(EidasError):
    """An answer that belongs to no European login started here (stale, used twice, forged),
    or the login waited too long at the node."""


class EidasMalformedResponseError(EidasError):
    """The answer is not a SAML response the portal can read (encoding, XML, one assertion)."""


class EidasUnencryptedAssertionError(EidasError):
    """The assertion came in clear: eIDAS nodes encrypt it for the service provider's key, and
    the portal requires it (``MONESPACE_EIDAS_REQUIRE_ENCRYPTED_ASSERTIONS``)."""


class EidasWrongEncryptionKeyError(EidasError):
    """The assertion is encrypted for another key than the portal's encryption key (the node
    holds other metadata of the portal, or the answer was meant for another service)."""


class EidasSignatureError(EidasError):
    """The assertion is not signed, or not by the node's key of its metadata."""


class EidasIssuerError(EidasError):
    """The answer comes from another entity than the configured node."""


class EidasDestinationError(EidasError):
    """The answer was addressed to another service than this portal's return address."""


class EidasAudienceError(EidasError):
    """The assertion is meant for another service provider than this portal."""


class EidasInResponseToError(EidasError):
    """The answer does not answer the request this login sent."""


class EidasExpiredError(EidasError):
    """The assertion is outside its validity window (not yet valid, or expired)."""


class EidasReplayError(EidasError):
    """This assertion was already used for a login: an answer is used once."""


class EidasLevelTooLowError(EidasError):
    """The level of assurance the node asserts is below the one the portal asked for."""


class EidasMissingAttributeError(EidasError):
    """A required attribute (identifier, names, birth date) is missing or unreadable."""

    def __init__(self, attribute: str) -> None:
        self.attribute = attribute
        super().__init__(f"missing or unreadable attribute {attribute}")
