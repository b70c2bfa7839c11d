"""The card's private keys and the signature primitives of each applet generation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils

from simulators.eid.status_words import CardStatusError, StatusWord

BASIC_KEY_REFERENCE = 0x81
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
# RSASSA-PSS (applet 1.7): MGF1 with the same hash, a salt as long as the digest (manual §1.7).
_PSS_HASHES: dict[int, hashes.HashAlgorithm] = {
    0x10: hashes.SHA1(),  # noqa: S303 - what the card offers; the caller chooses
    0x20: hashes.SHA256(),
}
_ECDSA_HASHES: dict[int, hashes.HashAlgorithm] = {
    0x01: hashes.SHA256(),
    0x02: hashes.SHA384(),
    0x04: hashes.SHA512(),
    0x08: hashes.SHA3_256(),
    0x10: hashes.SHA3_384(),
    0x20: hashes.SHA3_512(),
}
# "Hash not specified" (40): the digest lengths the 1.8 manual allows; the hash named here only
# tells the library the length, ECDSA signs the bytes as they are.
ECDSA_ANY_DIGEST = 0x40
_ECDSA_DIGEST_OF_LENGTH: dict[int, hashes.HashAlgorithm] = {
    20: hashes.SHA1(),  # noqa: S303 - a length only, nothing is hashed here
    28: hashes.SHA224(),
    32: hashes.SHA256(),
    48: hashes.SHA384(),
    64: hashes.SHA512(),
}
# INTERNAL AUTHENTICATE with a P-384 basic key: ECDSA SHA-2-384, a 48-byte challenge (table 34).
_BASIC_KEY_ALGORITHM = 0x02


class Signer(Protocol):
    def sign(self, algorithm_reference: int, data: bytes) -> bytes: ...


def _raw_ecdsa(key: ec.EllipticCurvePrivateKey, der: bytes) -> bytes:
    r, s = utils.decode_dss_signature(der)
    size = (key.curve.key_size + 7) // 8
    return r.to_bytes(size, "big") + s.to_bytes(size, "big")


@dataclass(frozen=True)
class RsaSigner:
    """Applet 1.7: PKCS#1 v1.5 (type 01 padding, then the raw RSA operation) or RSASSA-PSS."""

    key: rsa.RSAPrivateKey

    def sign(self, algorithm_reference: int, data: bytes) -> bytes:
        pss_hash = _PSS_HASHES.get(algorithm_reference)
        if pss_hash is not None:
            if len(data) != pss_hash.digest_size:
                raise CardStatusError(StatusWord.WRONG_LENGTH)
            pss = padding.PSS(mgf=padding.MGF1(pss_hash), salt_length=pss_hash.digest_size)
            return self.key.sign(data, pss, utils.Prehashed(pss_hash))
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
        if algorithm_reference == ECDSA_ANY_DIGEST:
            algorithm = _ECDSA_DIGEST_OF_LENGTH.get(len(data))
            if algorithm is None:
                raise CardStatusError(StatusWord.WRONG_LENGTH)
        else:
            found = _ECDSA_HASHES.get(algorithm_reference)
            if found is None:
                raise CardStatusError(StatusWord.REFERENCED_DATA_NOT_FOUND)
            algorithm = found
            if len(data) != algorithm.digest_size:
                raise CardStatusError(StatusWord.WRONG_LENGTH)
        return _raw_ecdsa(self.key, self.key.sign(data, ec.ECDSA(utils.Prehashed(algorithm))))


@dataclass(frozen=True)
class BasicKey:
    """The card's own key (81, applet 1.8): proves the chip is the one the National Register
    personalised. No PIN guards it; its public key is file 4040."""

    key: ec.EllipticCurvePrivateKey

    def authenticate(self, algorithm_reference: int, challenge: bytes) -> bytes:
        """INTERNAL AUTHENTICATE: ECDSA over the challenge as a SHA-384 digest, raw r‖s."""
        if algorithm_reference != _BASIC_KEY_ALGORITHM:
            raise CardStatusError(StatusWord.WRONG_PARAMETERS_OFFSET)  # 6B00: wrong P1-P2
        if len(challenge) != hashes.SHA384.digest_size:
            raise CardStatusError(StatusWord.WRONG_DATA)
        der = self.key.sign(challenge, ec.ECDSA(utils.Prehashed(hashes.SHA384())))
        return _raw_ecdsa(self.key, der)


def signer_for(key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey) -> Signer:
    if isinstance(key, rsa.RSAPrivateKey):
        return RsaSigner(key)
    return EcdsaSigner(key)
