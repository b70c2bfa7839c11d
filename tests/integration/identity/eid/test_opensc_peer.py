"""A peer reads our card: Debian's OpenSC (belpic driver, PKCS#15, PKCS#11) against the virtual
applet 1.7 card, through the same private pcscd. If OpenSC accepts it, the card is faithful."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID

from simulators.eid.card_slots import CardSlots, reader_name
from simulators.pcsc.stack import PcscStack
from simulators.personas.loader import persona

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(shutil.which("pkcs15-tool") is None, reason="opensc is not installed"),
]

PKCS11_MODULE = Path("/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so")


@pytest.fixture
def opensc_env(pcsc_stack: PcscStack, tmp_path: Path) -> dict[str, str]:
    # A private HOME: OpenSC's file cache must not serve certificates of an earlier test PKI.
    return {**os.environ, **pcsc_stack.client_env, "HOME": str(tmp_path)}


def _run(argv: list[str], env: dict[str, str]) -> str:
    result = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, f"{argv[0]} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def test_pkcs15_tool_lists_the_authentication_and_signature_certificates(
    slots: CardSlots, opensc_env: dict[str, str]
) -> None:
    slots.insert(0, "naima-mremi")
    listing = _run(["pkcs15-tool", "--list-certificates"], opensc_env)
    assert "X.509 Certificate [Authentication]" in listing
    assert "X.509 Certificate [Signature]" in listing
    pem = _run(["pkcs15-tool", "--read-certificate", "02"], opensc_env)
    subject = x509.load_pem_x509_certificate(pem.encode()).subject
    assert subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == (
        "Naïma Mremi (Authentication)"
    )
    assert subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)[0].value == (
        persona("naima-mremi").national_number
    )


def test_pkcs11_tool_logs_in_and_signs_with_the_authentication_key(
    slots: CardSlots, opensc_env: dict[str, str], tmp_path: Path
) -> None:
    slots.insert(0, "naima-mremi")
    data = tmp_path / "data.txt"
    data.write_bytes(b"Mon Espace: a peer signs with our card")
    signature = tmp_path / "signature.bin"
    _run(
        [
            "pkcs11-tool",
            "--module",
            str(PKCS11_MODULE),
            "--slot-description",
            reader_name(0),
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
    pem = _run(["pkcs15-tool", "--read-certificate", "02"], opensc_env)
    public_key = x509.load_pem_x509_certificate(pem.encode()).public_key()
    assert isinstance(public_key, rsa.RSAPublicKey)
    public_key.verify(
        signature.read_bytes(), data.read_bytes(), padding.PKCS1v15(), hashes.SHA256()
    )
    # The login spent no try: the right PIN was accepted the first time.
    assert slots.card_of("naima-mremi").content.pin.tries_left == 3
