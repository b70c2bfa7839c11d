"""The two BELPIC applet generations the simulator emulates."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class KeyAlgorithm(StrEnum):
    RSA_2048 = "rsa-2048"
    ECDSA_P384 = "ecdsa-p384"


@dataclass(frozen=True, slots=True)
class CardProfile:
    name: str
    atr: bytes
    applet_version: int  # byte 21 of GET CARD DATA
    key_algorithm: KeyAlgorithm
    # MSE SET algorithm references the applet accepts.
    algorithm_references: frozenset[int]
    # Applet 1.7 cards speak T=0: long answers come back through 61xx / GET RESPONSE.
    answers_with_get_response: bool
    # Applet 1.8 adds the PIN tries left to GET CARD DATA when P2 = 01.
    card_data_with_pin_tries: bool


APPLET_1_7 = CardProfile(
    name="1.7",
    atr=bytes.fromhex("3B 98 13 40 0A A5 03 01 01 01 AD 13 11"),
    applet_version=0x17,
    key_algorithm=KeyAlgorithm.RSA_2048,
    # 01: PKCS#1 v1.5 over a supplied DigestInfo; 02 SHA-1, 04 MD5, 08 SHA-256: hash only.
    algorithm_references=frozenset({0x01, 0x02, 0x04, 0x08}),
    answers_with_get_response=True,
    card_data_with_pin_tries=False,
)

APPLET_1_8 = CardProfile(
    name="1.8",
    atr=bytes.fromhex("3B 7F 96 00 00 80 31 80 65 B0 85 04 01 20 12 0F FF 82 90 00"),
    applet_version=0x18,
    key_algorithm=KeyAlgorithm.ECDSA_P384,
    # 01 SHA-256, 02 SHA-384, 04 SHA-512 digests; the answer is raw r‖s.
    algorithm_references=frozenset({0x01, 0x02, 0x04}),
    answers_with_get_response=False,
    card_data_with_pin_tries=True,
)

PROFILES: dict[str, CardProfile] = {p.name: p for p in (APPLET_1_7, APPLET_1_8)}
