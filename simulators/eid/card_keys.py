"""The card's two private keys and the signature primitives of each applet generation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils

from simulators.eid.status_words import CardStatusError, StatusWord

AUTHENTICATION_KEY_REFERENCE = 0x82
NON_REPUDIATION_KEY_REFERENCE = 0x83

# DER prefixes of the DigestInfo structure (PKCS#1 v1.5) for the hash-only algorithm references.
_DIGEST_INFO_PREFIX = {
    0x02: bytes.fromhex("3021300906052b0e03021a05000414"),  # SHA-1
    0x04: bytes.fromhex("3020300c06082a864886f70d020505000410"),  # MD5
    0x08: bytes.fromhex("3031300d060960864801650304020105000420"),  # SHA-256
}
_DIGEST_LENGTH = {0x02: 20, 0x04: 16, 0x08: 32}
# DigestInfo prefixes the library can sign natively (same bytes, a C implementation).
_NATIVE_DIGEST_INFO: dict[bytes, hashes.HashAlgorithm] = {
    bytes.fromhex("3031300d060960864801650304020105000420"): hashes.SHA256(),
    bytes.fromhex("3041300d060960864801650304020205000430"): hashes.SHA384(),
    bytes.fromhex("3051300d060960864801650304020305000440"): hashes.SHA512(),
}
_ECDSA_HASHES: dict[int, hashes.HashAlgorithm] = {
    0x01: hashes.SHA256(),
    0x02: hashes.SHA384(),
    0x04: hashes.SHA512(),
}


class Signer(Protocol):
    def sign(self, algorithm_reference: int, data: bytes) -> bytes: ...


@dataclass(frozen=True)
class RsaSigner:
    """PKCS#1 v1.5 type 01 padding, then the raw RSA operation (applet 1.7)."""

    key: rsa.RSAPrivateKey

    def sign(self, algorithm_reference: int, data: bytes) -> bytes:
        if algorithm_reference in _DIGEST_INFO_PREFIX:
            if len(data) != _DIGEST_LENGTH[algorithm_reference]:
                raise CardStatusError(StatusWord.WRONG_LENGTH)
            data = _DIGEST_INFO_PREFIX[algorithm_reference] + data
        size = (self.key.key_size + 7) // 8
        if not data or len(data) > size - 11:
            raise CardStatusError(StatusWord.WRONG_LENGTH)
        for prefix, algorithm in _NATIVE_DIGEST_INFO.items():
            if data.startswith(prefix) and len(data) == len(prefix) + algorithm.digest_size:
                return self.key.sign(
                    data[len(prefix) :], padding.PKCS1v15(), utils.Prehashed(algorithm)
                )
        block = b"\x00\x01" + b"\xff" * (size - 3 - len(data)) + b"\x00" + data
        numbers = self.key.private_numbers()
        message = int.from_bytes(block, "big")
        # CRT: four times faster than pow(message, d, n).
        m1 = pow(message, numbers.dmp1, numbers.p)
        m2 = pow(message, numbers.dmq1, numbers.q)
        h = (numbers.iqmp * (m1 - m2)) % numbers.p
        return (m2 + h * numbers.q).to_bytes(size, "big")


@dataclass(frozen=True)
class EcdsaSigner:
    """ECDSA over a digest computed outside the card; the answer is raw r‖s (applet 1.8)."""

    key: ec.EllipticCurvePrivateKey

    def sign(self, algorithm_reference: int, data: bytes) -> bytes:
        algorithm = _ECDSA_HASHES.get(algorithm_reference)
        if algorithm is None:
            raise CardStatusError(StatusWord.REFERENCED_DATA_NOT_FOUND)
        if len(data) != algorithm.digest_size:
            raise CardStatusError(StatusWord.WRONG_LENGTH)
        der = self.key.sign(data, ec.ECDSA(utils.Prehashed(algorithm)))
        r, s = utils.decode_dss_signature(der)
        size = (self.key.curve.key_size + 7) // 8
        return r.to_bytes(size, "big") + s.to_bytes(size, "big")


def signer_for(key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey) -> Signer:
    if isinstance(key, rsa.RSAPrivateKey):
        return RsaSigner(key)
    return EcdsaSigner(key)
