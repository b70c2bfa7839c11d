"""Personalises a virtual BELPIC card for a persona, with keys and certificates of the test PKI."""

from __future__ import annotations

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils

from simulators.eid import pkcs15_files
from simulators.eid.belpic_card import BelpicCard, CardContent
from simulators.eid.card_keys import (
    AUTHENTICATION_KEY_REFERENCE,
    NON_REPUDIATION_KEY_REFERENCE,
    signer_for,
)
from simulators.eid.card_profile import PROFILES, KeyAlgorithm
from simulators.eid.file_system import MF_ID, DedicatedFile, ElementaryFile
from simulators.eid.identity_files import address_file, identity_file
from simulators.eid.pin import CardholderPin
from simulators.personas.loader import Persona
from simulators.pki.test_pki import PrivateKey, TestPki

BELPIC_AID = bytes.fromhex("A0 00 00 00 30 29 05 70 00 AD 13 10 01 01 FF")
ID_FILES_AID = bytes.fromhex("A000000177496446696C6573")


def key_kind(applet: str) -> str:
    return "ec" if PROFILES[applet].key_algorithm is KeyAlgorithm.ECDSA_P384 else "rsa"


def sign_file(key: PrivateKey, content: bytes) -> bytes:
    """RRN signature of an identity file: PKCS#1 v1.5 SHA-256, or ECDSA P-384 as raw r‖s."""
    if isinstance(key, rsa.RSAPrivateKey):
        return key.sign(content, padding.PKCS1v15(), hashes.SHA256())
    r, s = utils.decode_dss_signature(key.sign(content, ec.ECDSA(hashes.SHA384())))
    size = (key.curve.key_size + 7) // 8
    return r.to_bytes(size, "big") + s.to_bytes(size, "big")


def _der(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.DER)


def build_card(persona: Persona, pki: TestPki) -> BelpicCard:
    profile = PROFILES[persona.card.applet]
    kind = key_kind(persona.card.applet)
    credentials = pki.credentials_for(persona, kind)
    rrn = pki.rrn_for(kind)

    identity = identity_file(persona, credentials.photo, applet_version=profile.applet_version)
    identity_signature = sign_file(rrn.key, identity)
    address = address_file(persona)
    address_signature = sign_file(rrn.key, address + identity_signature)

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
    )
    return BelpicCard(card_content)
