"""The two BELPIC applet generations the simulator emulates.

Facts from the public reference manuals of the applet (Fedict/eid-mw,
doc/sdk/documentation: "Public_Belpic_Applet_v1 7_Ref_Manual - A01", table 11, and
"Public_Belpic_Applet_v1 8_Ref_Manual_v1", tables 7, 14 and 34).
"""

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
    # Applet 1.8: the basic key (81) with its public key in 3F00/DF01/4040, its SHA-384 in the
    # identity file (tag 1A), and INTERNAL AUTHENTICATE with it.
    basic_key: bool
    # Applet 1.7 cards keep a PUK (reference 03) that RESET RETRY COUNTER takes; applet 1.8
    # replaced it by the municipality's administration role (EXTERNAL AUTHENTICATE first).
    unblocks_with_puk: bool


APPLET_1_7 = CardProfile(
    name="1.7",
    atr=bytes.fromhex("3B 98 13 40 0A A5 03 01 01 01 AD 13 11"),
    applet_version=0x17,
    key_algorithm=KeyAlgorithm.RSA_2048,
    # 01: PKCS#1 v1.5 over a supplied DigestInfo; 02 SHA-1, 04 MD5, 08 SHA-256: PKCS#1 v1.5
    # over a bare digest; 10 SHA-1, 20 SHA-256: RSASSA-PSS (salt as long as the digest).
    algorithm_references=frozenset({0x01, 0x02, 0x04, 0x08, 0x10, 0x20}),
    answers_with_get_response=True,
    card_data_with_pin_tries=False,
    basic_key=False,
    unblocks_with_puk=True,
)

APPLET_1_8 = CardProfile(
    name="1.8",
    atr=bytes.fromhex("3B 7F 96 00 00 80 31 80 65 B0 85 04 01 20 12 0F FF 82 90 00"),
    applet_version=0x18,
    key_algorithm=KeyAlgorithm.ECDSA_P384,
    # ECDSA over a digest: 01 SHA-256, 02 SHA-384, 04 SHA-512, 08 SHA3-256, 10 SHA3-384,
    # 20 SHA3-512, 40 "hash not specified" (any digest of 20, 28, 32, 48 or 64 bytes).
    # The answer is raw r‖s.
    algorithm_references=frozenset({0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40}),
    answers_with_get_response=False,
    card_data_with_pin_tries=True,
    basic_key=True,
    unblocks_with_puk=False,
)

PROFILES: dict[str, CardProfile] = {p.name: p for p in (APPLET_1_7, APPLET_1_8)}
