"""Every signing mode a real card offers, through pcscd, each signature checked against the
card's certificate: applet 1.7 RSASSA-PSS (MSE SET 10 with SHA-1, 20 with SHA-256) besides
PKCS#1 v1.5; applet 1.8 ECDSA over a digest the caller computed (40, "hash not specified", as
TLS client authentication uses it) and with the SHA-3 hashes; both keys each time."""

from __future__ import annotations

import hashlib

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils

from identity.eid.card_reading import SignatureScheme, SigningKey
from identity.eid.pcsc_reader import PcscEidReader
from simulators.eid.card_slots import CardSlots, reader_name

pytestmark = pytest.mark.integration

MESSAGE = b"Mon Espace: a dossier to sign"
KEYS = [SigningKey.AUTHENTICATION, SigningKey.NON_REPUDIATION]
CARD_HASH_NAMES = {
    "sha1": hashes.SHA1(),
    "sha224": hashes.SHA224(),
    "sha256": hashes.SHA256(),
    "sha384": hashes.SHA384(),
    "sha512": hashes.SHA512(),
    "sha3-256": hashes.SHA3_256(),
    "sha3-384": hashes.SHA3_384(),
    "sha3-512": hashes.SHA3_512(),
}


def _sign(
    reader: PcscEidReader, key: SigningKey, hash_name: str, scheme: SignatureScheme
) -> tuple[bytes, bytes, x509.Certificate]:
    """The digest, the card's signature of it, and the certificate of the key that signed."""
    digest = hashlib.new(hash_name.replace("-", "_"), MESSAGE).digest()
    with reader.wait_for_card(reader=reader_name(0), timeout=5) as card:
        certificates = card.read_certificates()
        # Each signature right after its own VERIFY, as the non-repudiation key wants.
        signature = card.sign(digest, hash_algorithm=hash_name, key=key, pin="1234", scheme=scheme)
    certificate = (
        certificates.authentication if key is SigningKey.AUTHENTICATION else certificates.signature
    )
    return digest, signature, certificate


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("hash_name", ["sha1", "sha256"])
def test_applet_1_7_signs_rsassa_pss(
    slots: CardSlots, reader: PcscEidReader, key: SigningKey, hash_name: str
) -> None:
    slots.insert(0, "naima-mremi")
    _, signature, certificate = _sign(reader, key, hash_name, SignatureScheme.PSS)
    public_key = certificate.public_key()
    assert isinstance(public_key, rsa.RSAPublicKey)
    algorithm = CARD_HASH_NAMES[hash_name]
    pss = padding.PSS(mgf=padding.MGF1(algorithm), salt_length=algorithm.digest_size)
    public_key.verify(signature, MESSAGE, pss, algorithm)


@pytest.mark.parametrize("key", KEYS)
def test_applet_1_7_signs_pkcs1_with_sha1_too(
    slots: CardSlots, reader: PcscEidReader, key: SigningKey
) -> None:
    slots.insert(0, "naima-mremi")
    digest, signature, certificate = _sign(reader, key, "sha1", SignatureScheme.PKCS1_V15)
    public_key = certificate.public_key()
    assert isinstance(public_key, rsa.RSAPublicKey)
    public_key.verify(signature, digest, padding.PKCS1v15(), utils.Prehashed(hashes.SHA1()))


def _verify_ecdsa(certificate: x509.Certificate, signature: bytes, digest: bytes) -> None:
    public_key = certificate.public_key()
    assert isinstance(public_key, ec.EllipticCurvePublicKey)
    assert len(signature) == 96  # raw r‖s
    der = utils.encode_dss_signature(
        int.from_bytes(signature[:48], "big"), int.from_bytes(signature[48:], "big")
    )
    same_size = {20: "sha1", 28: "sha224", 32: "sha256", 48: "sha384", 64: "sha512"}
    algorithm = CARD_HASH_NAMES[same_size[len(digest)]]
    public_key.verify(der, digest, ec.ECDSA(utils.Prehashed(algorithm)))


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("hash_name", ["sha1", "sha224", "sha256", "sha384", "sha512"])
def test_applet_1_8_signs_a_digest_the_caller_computed(
    slots: CardSlots, reader: PcscEidReader, key: SigningKey, hash_name: str
) -> None:
    slots.insert(0, "chloe-ducoeur")
    digest, signature, certificate = _sign(reader, key, hash_name, SignatureScheme.ECDSA_RAW)
    _verify_ecdsa(certificate, signature, digest)


@pytest.mark.parametrize("hash_name", ["sha3-256", "sha3-384", "sha3-512"])
def test_applet_1_8_signs_sha3_digests(
    slots: CardSlots, reader: PcscEidReader, hash_name: str
) -> None:
    slots.insert(0, "chloe-ducoeur")
    digest, signature, certificate = _sign(
        reader, SigningKey.NON_REPUDIATION, hash_name, SignatureScheme.ECDSA
    )
    _verify_ecdsa(certificate, signature, digest)


@pytest.mark.parametrize(
    ("slug", "scheme"),
    [("naima-mremi", SignatureScheme.ECDSA_RAW), ("chloe-ducoeur", SignatureScheme.PSS)],
)
def test_a_scheme_of_the_other_generation_is_refused_before_the_card_is_asked(
    slots: CardSlots, reader: PcscEidReader, slug: str, scheme: SignatureScheme
) -> None:
    card = slots.insert(0, slug)
    with (
        reader.wait_for_card(reader=reader_name(0), timeout=5) as session,
        pytest.raises(ValueError, match="does not sign"),
    ):
        session.sign(bytes(32), hash_algorithm="sha256", pin="1234", scheme=scheme)
    assert card.content.pin.tries_left == 3
