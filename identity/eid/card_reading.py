"""What a full reading of a card returns: verified identity, address, photo and certificates."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from cryptography import x509

from identity.eid.identity_file import Address, Identity


class SigningKey(StrEnum):
    AUTHENTICATION = "authentication"
    NON_REPUDIATION = "non-repudiation"


@dataclass(frozen=True)
class EidCertificates:
    authentication: x509.Certificate
    signature: x509.Certificate
    citizen_ca: x509.Certificate
    root: x509.Certificate
    rrn: x509.Certificate


@dataclass(frozen=True)
class CardReading:
    identity: Identity
    address: Address
    photo: bytes  # JPEG
    certificates: EidCertificates
    applet_version: int
