"""A peer reads our card: Debian's OpenSC (belpic driver, PKCS#15, PKCS#11) against the virtual
cards, through the same private pcscd. If OpenSC accepts them, the cards are faithful.

What OpenSC's belpic driver itself cannot do is skipped with its reason: it refuses the
non-repudiation key in its own code (``belpic_set_security_env``: "No GUI for NonRep key
present, signature cancelled"), offers no RSASSA-PSS mechanism, and knows EC keys only from
OpenSC 0.27 on. Those signatures are then made with ``opensc-tool`` sending the BELPIC commands
by hand, through OpenSC's own APDU layer (61xx / GET RESPONSE included), and checked against
the certificates OpenSC reads from the card.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils
from cryptography.x509.oid import NameOID

from identity.eid.apdu import pin_block
from simulators.eid.card_slots import CardSlots, reader_name
from simulators.pcsc.stack import PcscStack
from simulators.personas.loader import persona

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(shutil.which("pkcs15-tool") is None, reason="opensc is not installed"),
]

PKCS11_MODULE = Path("/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so")
NEEDS_PKCS11 = pytest.mark.skipif(
    not PKCS11_MODULE.exists(), reason="OpenSC's PKCS#11 module (opensc-pkcs11) is not installed"
)
MESSAGE = b"Mon Espace: a peer signs with our card"
NON_REPUDIATION_REFUSED = (
    "OpenSC's belpic driver refuses the non-repudiation key itself (card-belpic.c, "
    "belpic_set_security_env: 'No GUI for NonRep key present, signature cancelled' -> "
    "CKR_FUNCTION_NOT_SUPPORTED); see test_opensc_tool_signs_in_every_mode_by_hand"
)
CARDS = [("naima-mremi", "1.7"), ("chloe-ducoeur", "1.8")]


@pytest.fixture
def opensc_env(pcsc_stack: PcscStack, tmp_path: Path) -> dict[str, str]:
    # A private HOME: OpenSC's file cache must not serve certificates of an earlier test PKI.
    return {**os.environ, **pcsc_stack.client_env, "HOME": str(tmp_path)}


def _run(argv: list[str], env: dict[str, str]) -> str:
    result = _try(argv, env)
    assert result.returncode == 0, f"{argv[0]} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def _try(argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60, check=False)


def _pkcs11() -> list[str]:
    return ["pkcs11-tool", "--module", str(PKCS11_MODULE), "--slot-description", reader_name(0)]


def _certificate(key_id: str, env: dict[str, str]) -> x509.Certificate:
    pem = _run(["pkcs15-tool", "--read-certificate", key_id], env)
    return x509.load_pem_x509_certificate(pem.encode())


def _mechanisms(env: dict[str, str]) -> set[str]:
    listing = _run([*_pkcs11(), "--list-mechanisms"], env)
    return {line.split(",")[0].strip() for line in listing.splitlines()[1:]}


def _opensc_version(env: dict[str, str]) -> str:
    result = _try(["opensc-tool", "--info"], env)
    found = re.search(r"OpenSC (\d+\.\d+\.\d+)", result.stdout + result.stderr)
    return found.group(1) if found else "?"


def test_pkcs15_tool_lists_the_authentication_and_signature_certificates(
    slots: CardSlots, opensc_env: dict[str, str]
) -> None:
    slots.insert(0, "naima-mremi")
    listing = _run(["pkcs15-tool", "--list-certificates"], opensc_env)
    assert "X.509 Certificate [Authentication]" in listing
    assert "X.509 Certificate [Signature]" in listing
    subject = _certificate("02", opensc_env).subject
    assert subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == (
        "Naïma Mremi (Authentication)"
    )
    assert subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)[0].value == (
        persona("naima-mremi").national_number
    )


def test_pkcs15_tool_reads_the_applet_1_8_certificates_and_ec_keys(
    slots: CardSlots, opensc_env: dict[str, str]
) -> None:
    slots.insert(0, "chloe-ducoeur")
    listing = _run(["pkcs15-tool", "--list-certificates", "--list-keys"], opensc_env)
    assert "X.509 Certificate [Signature]" in listing
    assert "Private EC Key [Signature]" in listing
    assert "Key ref        : 131 (0x83)" in listing
    key = _certificate("03", opensc_env).public_key()
    assert isinstance(key, ec.EllipticCurvePublicKey)
    assert key.curve.name == "secp384r1"


@NEEDS_PKCS11
def test_pkcs11_tool_logs_in_and_signs_with_the_authentication_key(
    slots: CardSlots, opensc_env: dict[str, str], tmp_path: Path
) -> None:
    slots.insert(0, "naima-mremi")
    data = tmp_path / "data.txt"
    data.write_bytes(MESSAGE)
    signature = tmp_path / "signature.bin"
    _run(
        [
            *_pkcs11(),
            "--login",
            "--pin",
            "1234",
            "--sign",
            "--id",
            "02",
            "--mechanism",
            "SHA256-RSA-PKCS",
            "--input-file",
            str(data),
            "--output-file",
            str(signature),
        ],
        opensc_env,
    )
    public_key = _certificate("02", opensc_env).public_key()
    assert isinstance(public_key, rsa.RSAPublicKey)
    public_key.verify(signature.read_bytes(), MESSAGE, padding.PKCS1v15(), hashes.SHA256())
    # The login spent no try: the right PIN was accepted the first time.
    assert slots.card_of("naima-mremi").content.pin.tries_left == 3


def _pkcs11_sign(
    env: dict[str, str], tmp_path: Path, *, key_id: str, mechanism: str, data: bytes
) -> subprocess.CompletedProcess[str]:
    source, signature = tmp_path / "data.bin", tmp_path / "signature.bin"
    source.write_bytes(data)
    signature.unlink(missing_ok=True)
    return _try(
        [
            *_pkcs11(),
            "--login",
            "--pin",
            "1234",
            "--sign",
            "--id",
            key_id,
            "--mechanism",
            mechanism,
            "--input-file",
            str(source),
            "--output-file",
            str(signature),
        ],
        env,
    )


def _verify(certificate: x509.Certificate, signature: bytes, digest: bytes, mode: str) -> None:
    """``mode``: pkcs1 (DigestInfo of SHA-256), pss-sha1, pss-sha256, or ecdsa (raw r‖s)."""
    public_key = certificate.public_key()
    if mode == "ecdsa":
        assert isinstance(public_key, ec.EllipticCurvePublicKey)
        size = len(signature) // 2
        der = utils.encode_dss_signature(
            int.from_bytes(signature[:size], "big"), int.from_bytes(signature[size:], "big")
        )
        same_size = {32: hashes.SHA256(), 48: hashes.SHA384()}[len(digest)]
        public_key.verify(der, digest, ec.ECDSA(utils.Prehashed(same_size)))
        return
    assert isinstance(public_key, rsa.RSAPublicKey)
    if mode == "pkcs1":
        public_key.verify(signature, digest, padding.PKCS1v15(), utils.Prehashed(hashes.SHA256()))
        return
    algorithm = hashes.SHA1() if mode == "pss-sha1" else hashes.SHA256()
    pss = padding.PSS(mgf=padding.MGF1(algorithm), salt_length=algorithm.digest_size)
    public_key.verify(signature, digest, pss, utils.Prehashed(algorithm))


@NEEDS_PKCS11
@pytest.mark.parametrize(("slug", "applet"), CARDS)
def test_pkcs11_tool_signs_with_the_non_repudiation_key(
    slots: CardSlots, opensc_env: dict[str, str], tmp_path: Path, slug: str, applet: str
) -> None:
    slots.insert(0, slug)
    mechanism = "SHA256-RSA-PKCS" if applet == "1.7" else "ECDSA-SHA384"
    if mechanism not in _mechanisms(opensc_env):
        pytest.skip(
            f"OpenSC {_opensc_version(opensc_env)}'s belpic driver offers no {mechanism} for the "
            "applet 1.8 card (its EC support came with OpenSC 0.27)"
        )
    result = _pkcs11_sign(opensc_env, tmp_path, key_id="03", mechanism=mechanism, data=MESSAGE)
    if "CKR_FUNCTION_NOT_SUPPORTED" in result.stderr:
        pytest.skip(NON_REPUDIATION_REFUSED)
    assert result.returncode == 0, result.stderr
    signature = (tmp_path / "signature.bin").read_bytes()
    digest_algorithm = hashlib.sha256 if applet == "1.7" else hashlib.sha384
    mode = "pkcs1" if applet == "1.7" else "ecdsa"
    _verify(_certificate("03", opensc_env), signature, digest_algorithm(MESSAGE).digest(), mode)


@NEEDS_PKCS11
@pytest.mark.parametrize(
    ("slug", "mechanism", "mode"),
    [("naima-mremi", "SHA256-RSA-PKCS-PSS", "pss-sha256"), ("chloe-ducoeur", "ECDSA", "ecdsa")],
)
def test_pkcs11_tool_signs_pss_or_raw_ecdsa_with_the_authentication_key(
    slots: CardSlots,
    opensc_env: dict[str, str],
    tmp_path: Path,
    slug: str,
    mechanism: str,
    mode: str,
) -> None:
    slots.insert(0, slug)
    if mechanism not in _mechanisms(opensc_env):
        pytest.skip(
            f"OpenSC {_opensc_version(opensc_env)}'s belpic driver does not offer {mechanism} "
            "(it registers RSA PKCS#1 v1.5 only; ECDSA from OpenSC 0.27, PSS not at all)"
        )
    digest = hashlib.sha256(MESSAGE).digest()
    data = MESSAGE if mechanism.startswith("SHA256") else digest
    result = _pkcs11_sign(opensc_env, tmp_path, key_id="02", mechanism=mechanism, data=data)
    assert result.returncode == 0, result.stderr
    signature = (tmp_path / "signature.bin").read_bytes()
    _verify(_certificate("02", opensc_env), signature, digest, mode)


def _send_by_hand(env: dict[str, str], *apdus: bytes) -> list[tuple[int, bytes]]:
    """``opensc-tool --send-apdu`` in one session: each answer's status word and data."""
    arguments = [argument for a in apdus for argument in ("-s", a.hex(" ").upper())]
    output = _run(["opensc-tool", "-r", reader_name(0), *arguments], env)
    answers: list[tuple[int, bytes]] = []
    for line in output.splitlines():
        received = re.match(r"Received \(SW1=0x([0-9a-f]{2}), SW2=0x([0-9a-f]{2})\)", line)
        if received:
            answers.append((int(received.group(1) + received.group(2), 16), b""))
        elif answers and re.match(r"^([0-9A-F]{2} )+", line):
            tokens = [t for t in line[:48].split() if re.fullmatch(r"[0-9A-F]{2}", t)]
            status, data = answers[-1]
            answers[-1] = (status, data + bytes.fromhex("".join(tokens)))
    assert len(answers) == len(apdus), output
    return answers


SIGNING_BY_HAND = [
    # slug, key, MSE SET algorithm reference, data to sign, how the signature is checked
    ("naima-mremi", 0x83, 0x01, "digest-info-sha256", "pkcs1"),
    ("naima-mremi", 0x83, 0x20, "sha256", "pss-sha256"),
    ("naima-mremi", 0x82, 0x10, "sha1", "pss-sha1"),
    ("chloe-ducoeur", 0x83, 0x02, "sha384", "ecdsa"),
    ("chloe-ducoeur", 0x83, 0x40, "sha256", "ecdsa"),
    ("chloe-ducoeur", 0x82, 0x40, "sha384", "ecdsa"),
]


@pytest.mark.parametrize(("slug", "key", "algorithm", "data", "mode"), SIGNING_BY_HAND)
def test_opensc_tool_signs_in_every_mode_by_hand(
    slots: CardSlots,
    opensc_env: dict[str, str],
    slug: str,
    key: int,
    algorithm: int,
    data: str,
    mode: str,
) -> None:
    slots.insert(0, slug)
    digest = hashlib.new(data.removeprefix("digest-info-"), MESSAGE).digest()
    to_sign = digest
    if data.startswith("digest-info-"):
        to_sign = bytes.fromhex("3031300d060960864801650304020105000420") + digest
    answers = _send_by_hand(
        opensc_env,
        bytes([0x00, 0x22, 0x41, 0xB6, 0x05, 0x04, 0x80, algorithm, 0x84, key]),
        bytes.fromhex("0020000108") + pin_block("1234"),  # right before, as key 83 wants
        bytes([0x00, 0x2A, 0x9E, 0x9A, len(to_sign)]) + to_sign + b"\x00",
    )
    assert [status for status, _ in answers] == [0x9000, 0x9000, 0x9000]
    key_id = "02" if key == 0x82 else "03"
    _verify(_certificate(key_id, opensc_env), answers[2][1], digest, mode)


def test_opensc_tool_reads_the_basic_key_and_has_the_card_authenticate(
    slots: CardSlots, opensc_env: dict[str, str]
) -> None:
    slots.insert(0, "chloe-ducoeur")
    challenge = hashlib.sha384(b"a verifier's nonce").digest()
    select, read, answer = _send_by_hand(
        opensc_env,
        bytes.fromhex("00A4080C04DF014040"),
        bytes.fromhex("00B0000078"),  # 120 bytes: a P-384 SubjectPublicKeyInfo
        bytes.fromhex("0088028132 9430") + challenge,
    )
    assert select[0] == read[0] == answer[0] == 0x9000
    public_key = serialization.load_der_public_key(read[1])
    assert isinstance(public_key, ec.EllipticCurvePublicKey)
    _verify_challenge(public_key, challenge, answer[1])


def _verify_challenge(key: ec.EllipticCurvePublicKey, challenge: bytes, answer: bytes) -> None:
    der = utils.encode_dss_signature(
        int.from_bytes(answer[:48], "big"), int.from_bytes(answer[48:], "big")
    )
    key.verify(der, challenge, ec.ECDSA(utils.Prehashed(hashes.SHA384())))
