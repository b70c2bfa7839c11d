"""Personalises a virtual BELPIC card for a persona, with keys and certificates of the test PKI."""

from __future__ import annotations

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from simulators.eid import pkcs15_files
from simulators.eid.belpic_card import BelpicCard, CardContent
from simulators.eid.card_keys import (
    AUTHENTICATION_KEY_REFERENCE,
    NON_REPUDIATION_KEY_REFERENCE,
    BasicKey,
    signer_for,
)
from simulators.eid.card_profile import PROFILES, KeyAlgorithm
from simulators.eid.file_system import MF_ID, DedicatedFile, ElementaryFile
from simulators.eid.identity_files import address_file, identity_file
from simulators.eid.pin import CardholderPin, UnblockingKey
from simulators.personas.loader import Persona
from simulators.pki.test_pki import PrivateKey, TestPki

BELPIC_AID = bytes.fromhex("A0 00 00 00 30 29 05 70 00 AD 13 10 01 01 FF")
ID_FILES_AID = bytes.fromhex("A000000177496446696C6573")
# EF(SGN#Address) of an applet 1.8 card has a fixed length, the DER signature padded with zero
# bytes ("Belgian Electronic Identity Card content" v5.4, §6.2.5); 104 bytes hold the longest
# DER ECDSA P-384 signature.
EC_ADDRESS_SIGNATURE_FILE_LENGTH = 104


def key_kind(applet: str) -> str:
    return "ec" if PROFILES[applet].key_algorithm is KeyAlgorithm.ECDSA_P384 else "rsa"


def sign_file(key: PrivateKey, content: bytes) -> bytes:
    """RRN signature of an identity file: PKCS#1 v1.5 SHA-256 (applet 1.7), or ECDSA P-384 with
    SHA-384, DER-encoded SEQUENCE {r, s} (applet 1.8)."""
    if isinstance(key, rsa.RSAPrivateKey):
        return key.sign(content, padding.PKCS1v15(), hashes.SHA256())
    return key.sign(content, ec.ECDSA(hashes.SHA384()))


def basic_key_file(key: ec.EllipticCurvePrivateKey) -> bytes:
    """File 4040: the basic public key as a DER SubjectPublicKeyInfo (id-ecPublicKey, secp384r1,
    uncompressed point: 30 76 30 10 06 07 … 06 05 … 03 62 00 04 X Y)."""
    return key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def _der(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.DER)


def build_card(persona: Persona, pki: TestPki) -> BelpicCard:
    profile = PROFILES[persona.card.applet]
    kind = key_kind(persona.card.applet)
    credentials = pki.credentials_for(persona, kind)
    rrn = pki.rrn_for(kind)
    basic_key = BasicKey(pki.basic_key_for(persona)) if profile.basic_key else None
    public_basic_key = basic_key_file(basic_key.key) if basic_key else None

    identity = identity_file(
        persona,
        credentials.photo,
        applet_version=profile.applet_version,
        basic_key_file=public_basic_key,
    )
    identity_signature = sign_file(rrn.key, identity)
    address = address_file(persona)
    address_signature = sign_file(rrn.key, address + identity_signature)
    if kind == "ec":
        address_signature = address_signature.ljust(EC_ADDRESS_SIGNATURE_FILE_LENGTH, b"\x00")

    authentication_key = credentials.authentication.key
    rsa_bits = authentication_key.key_size if kind == "rsa" else None

    pkcs15 = DedicatedFile(0xDF00, name=pkcs15_files.PKCS15_AID)
    for file_id, content in (
        (0x5031, pkcs15_files.object_directory()),
        (0x5032, pkcs15_files.token_info(persona.card.chip_number)),
        (0x5034, pkcs15_files.authentication_objects()),
        (0x5035, pkcs15_files.private_keys(rsa_modulus_bits=rsa_bits)),
        (0x5037, pkcs15_files.certificates()),
        (0x5038, _der(credentials.authentication.certificate)),
        (0x5039, _der(credentials.signature.certificate)),
        (0x503A, _der(pki.citizen_ca.certificate)),
        (0x503B, _der(pki.root.certificate)),
        (0x503C, _der(rrn.certificate)),
    ):
        pkcs15.add(ElementaryFile(file_id, content))

    id_files = DedicatedFile(0xDF01, name=ID_FILES_AID)
    for file_id, content in (
        (0x4031, identity),
        (0x4032, identity_signature),
        (0x4033, address),
        (0x4034, address_signature),
        (0x4035, credentials.photo),
    ):
        id_files.add(ElementaryFile(file_id, content))
    if public_basic_key is not None:
        id_files.add(ElementaryFile(0x4040, public_basic_key))

    master_file = DedicatedFile(MF_ID, name=BELPIC_AID)
    master_file.add(ElementaryFile(0x2F00, pkcs15_files.ef_dir()))
    master_file.add(pkcs15)
    master_file.add(id_files)

    card_content = CardContent(
        profile=profile,
        master_file=master_file,
        pin=CardholderPin(persona.card.pin),
        signers={
            AUTHENTICATION_KEY_REFERENCE: signer_for(authentication_key),
            NON_REPUDIATION_KEY_REFERENCE: signer_for(credentials.signature.key),
        },
        chip_number=persona.card.chip_number,
        label=persona.slug,
        puk=UnblockingKey(persona.card.puk) if profile.unblocks_with_puk else None,
        basic_key=basic_key,
    )
    return BelpicCard(card_content)
