"""A SAML signing key and its self-signed certificate, kept as two PEM files.

SAML metadata carries a bare certificate: trust comes from the metadata, not from a chain, so a
self-signed one is what national nodes and connectors exchange too. Made on first use (RSA 2048,
SHA-256, ten years), the key mode 0600 and never written over one another process has just made:
the other side knows this party by the certificate.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

VALIDITY = timedelta(days=3650)


def pem_certificate(certificate_base64: str) -> str:
    """A certificate as metadata carries it (base64 DER) in PEM, as xmlsec1 and cryptography
    read it."""
    lines = [certificate_base64[i : i + 64] for i in range(0, len(certificate_base64), 64)]
    return "-----BEGIN CERTIFICATE-----\n" + "\n".join(lines) + "\n-----END CERTIFICATE-----\n"


@dataclass(frozen=True, slots=True)
class SamlKeyPair:
    key_file: Path
    cert_file: Path

    def certificate_pem(self) -> str:
        return self.cert_file.read_text(encoding="ascii")

    def certificate_base64(self) -> str:
        """The certificate's DER in base64, as ``ds:X509Certificate`` holds it."""
        lines = self.certificate_pem().strip().splitlines()
        return "".join(line for line in lines if not line.startswith("-----"))

    @classmethod
    def load_or_create(
        cls, key_file: Path, cert_file: Path, *, common_name: str, now: datetime
    ) -> SamlKeyPair:
        pair = cls(key_file, cert_file)
        if key_file.exists() and cert_file.exists():
            return pair
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        key_pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
        certificate = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + VALIDITY)
            .sign(key, hashes.SHA256())
        )
        key_file.parent.mkdir(parents=True, exist_ok=True)
        cert_file.parent.mkdir(parents=True, exist_ok=True)
        try:
            descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return pair  # another process made it: its certificate follows
        with os.fdopen(descriptor, "wb") as file:
            file.write(key_pem)
        cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
        return pair
