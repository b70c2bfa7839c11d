"""The eIDAS SAML profile's names: the natural person's attributes, the levels of assurance and
the second-level status codes a node answers with (eIDAS SAML Attribute Profile 1.2, eIDAS
Message Format 1.2)."""

from __future__ import annotations

from identity.assurance import LevelOfAssurance

NATURAL_PERSON = "http://eidas.europa.eu/attributes/naturalperson/"
PERSON_IDENTIFIER = NATURAL_PERSON + "PersonIdentifier"
FAMILY_NAME = NATURAL_PERSON + "CurrentFamilyName"
GIVEN_NAME = NATURAL_PERSON + "CurrentGivenName"
DATE_OF_BIRTH = NATURAL_PERSON + "DateOfBirth"
# Every one of them is asked with isRequired="true": the portal needs them all for an account.
REQUIRED_ATTRIBUTES: dict[str, str] = {
    PERSON_IDENTIFIER: "PersonIdentifier",
    FAMILY_NAME: "FamilyName",
    GIVEN_NAME: "FirstName",
    DATE_OF_BIRTH: "DateOfBirth",
}
ATTRIBUTE_NAME_FORMAT = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri"
PERSISTENT_NAME_ID = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"
UNSPECIFIED_NAME_ID = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified"
SP_TYPE_PUBLIC = "public"

LOA_PREFIX = "http://eidas.europa.eu/LoA/"
LOA_URIS: dict[LevelOfAssurance, str] = {
    LevelOfAssurance.LOW: LOA_PREFIX + "low",
    LevelOfAssurance.SUBSTANTIAL: LOA_PREFIX + "substantial",
    LevelOfAssurance.HIGH: LOA_PREFIX + "high",
}
LEVELS_BY_URI = {uri: level for level, uri in LOA_URIS.items()}

# SAML 2.0 status codes (core §3.2.2.2) a node uses for the failures a person can meet.
STATUS = "urn:oasis:names:tc:SAML:2.0:status:"
STATUS_SUCCESS = STATUS + "Success"
STATUS_REQUESTER = STATUS + "Requester"
STATUS_RESPONDER = STATUS + "Responder"
STATUS_REQUEST_DENIED = STATUS + "RequestDenied"  # the person cancelled, or refused consent
STATUS_AUTHN_FAILED = STATUS + "AuthnFailed"
STATUS_NO_AUTHN_CONTEXT = STATUS + "NoAuthnContext"  # the level asked could not be reached

SIGNATURE_ALGORITHM = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
DIGEST_ALGORITHM = "http://www.w3.org/2001/04/xmlenc#sha256"

# XML Encryption of the assertion (eIDAS cryptographic requirements): the content encrypted with
# AES-GCM, its key wrapped with RSA-OAEP for the service provider's encryption certificate.
XMLENC = "http://www.w3.org/2001/04/xmlenc#"
XMLENC11 = "http://www.w3.org/2009/xmlenc11#"
XMLDSIG = "http://www.w3.org/2000/09/xmldsig#"
AES_GCM = {XMLENC11 + f"aes{bits}-gcm": bits // 8 for bits in (128, 192, 256)}
AES256_GCM = XMLENC11 + "aes256-gcm"
RSA_OAEP_MGF1P = XMLENC + "rsa-oaep-mgf1p"
RSA_OAEP = XMLENC11 + "rsa-oaep"
