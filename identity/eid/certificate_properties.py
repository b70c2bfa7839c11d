"""The properties of the card's authentication certificate, as the confirmation before the PIN
shows them (seed 004 §2c, "Cliquez ici pour afficher les propriétés du certificat.").

The reader is the server's, so whoever opens the login page could read a card left in it: before
the PIN the subject keeps only the attributes that name no one (the country); the holder's names
and national number (the subject's CN, SN, GN and serialNumber) are left out, as ``None``. The
issuer, serial number, validity and fingerprint identify the certificate, not the person.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID, ObjectIdentifier

# How the attributes are written (as the certificate viewers of the guide's screenshots do).
ATTRIBUTE_NAMES: dict[ObjectIdentifier, str] = {
    NameOID.COMMON_NAME: "CN",
    NameOID.SURNAME: "SN",
    NameOID.GIVEN_NAME: "GN",
    NameOID.SERIAL_NUMBER: "SERIALNUMBER",
    NameOID.COUNTRY_NAME: "C",
    NameOID.ORGANIZATION_NAME: "O",
    NameOID.ORGANIZATIONAL_UNIT_NAME: "OU",
    NameOID.LOCALITY_NAME: "L",
    NameOID.STATE_OR_PROVINCE_NAME: "ST",
}
# What a holder's subject may show before the PIN: nothing that tells who they are. A list of what
# to show rather than of what to hide, so an attribute a future card adds stays hidden.
SHOWN_BEFORE_PIN = frozenset({NameOID.COUNTRY_NAME})


@dataclass(frozen=True, slots=True)
class NamePart:
    attribute: str  # "CN", "C"...
    value: str | None  # None: not shown before the PIN


@dataclass(frozen=True, slots=True)
class CertificateProperties:
    subject: tuple[NamePart, ...]
    issuer: tuple[NamePart, ...]
    serial_number: str  # hexadecimal, in pairs: "1A:2B:..."
    valid_from: datetime  # UTC
    valid_until: datetime
    fingerprint_sha256: str  # of the DER, in pairs: "AB:CD:..."


def _pairs(hex_digits: str) -> str:
    digits = hex_digits.upper()
    if len(digits) % 2:
        digits = "0" + digits
    return ":".join(digits[i : i + 2] for i in range(0, len(digits), 2))


def _parts(name: x509.Name, *, shown: frozenset[ObjectIdentifier] | None) -> tuple[NamePart, ...]:
    """Most specific first (CN before C), as RFC 4514 writes a name; ``shown``: the attributes
    whose value may be read (None: all)."""
    parts = []
    for attribute in reversed(list(name)):
        label = ATTRIBUTE_NAMES.get(attribute.oid, attribute.oid.dotted_string)
        visible = shown is None or attribute.oid in shown
        value = attribute.value if isinstance(attribute.value, str) else attribute.value.hex()
        parts.append(NamePart(label, value if visible else None))
    return tuple(parts)


def properties_before_pin(certificate: x509.Certificate) -> CertificateProperties:
    """The certificate's properties with the holder left out of the subject."""
    return CertificateProperties(
        subject=_parts(certificate.subject, shown=SHOWN_BEFORE_PIN),
        issuer=_parts(certificate.issuer, shown=None),
        serial_number=_pairs(format(certificate.serial_number, "x")),
        valid_from=certificate.not_valid_before_utc,
        valid_until=certificate.not_valid_after_utc,
        fingerprint_sha256=_pairs(
            hashlib.sha256(certificate.public_bytes(Encoding.DER)).hexdigest()
        ),
    )


def written(parts: tuple[NamePart, ...], hidden: str) -> str:
    """``CN=…, C=BE``-like text, ``hidden`` standing for each value not shown."""
    return ", ".join(f"{p.attribute}={p.value if p.value is not None else hidden}" for p in parts)
