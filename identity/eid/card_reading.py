"""What a full reading of a card returns: verified identity, address, photo and certificates."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from cryptography import x509

from identity.eid.identity_file import Address, Identity


class SigningKey(StrEnum):
    AUTHENTICATION = "authentication"
    NON_REPUDIATION = "non-repudiation"


class SignatureScheme(StrEnum):
    """What the card makes of a digest. Without one, a card signs as the login expects:
    PKCS#1 v1.5 on RSA cards (applet 1.7), ECDSA with the hash named on EC cards (1.8)."""

    PKCS1_V15 = "pkcs1-v1.5"  # RSA: DigestInfo, PKCS#1 v1.5 padding
    PSS = "pss"  # RSA: RSASSA-PSS, MGF1 and a salt as long as the digest (SHA-1 or SHA-256)
    ECDSA = "ecdsa"  # EC: the hash named to the card (SHA-2 or SHA-3); raw r‖s
    ECDSA_RAW = "ecdsa-raw"  # EC: "hash not specified", any digest length (TLS); raw r‖s


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
