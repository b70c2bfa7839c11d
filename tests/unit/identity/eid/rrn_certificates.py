"""RRN certificates made for the tests of the check: the test PKI's own, and others issued by
its root with other dates or another key usage (same key, so the card's files still verify)."""

from __future__ import annotations

import datetime as dt

from cryptography import x509
from cryptography.hazmat.primitives import hashes

from simulators.pki.test_pki import Issued, TestPki

SIGNING = {"digital_signature": True, "content_commitment": True}
ENCIPHERING = {"key_encipherment": True}


def rrn_certificate(
    pki: TestPki,
    *,
    not_before: dt.datetime = dt.datetime(2010, 1, 1, tzinfo=dt.UTC),
    not_after: dt.datetime = dt.datetime(2040, 1, 1, tzinfo=dt.UTC),
    usage: dict[str, bool] | None = None,
) -> x509.Certificate:
    """An RRN certificate for the key of the PKI's RSA one, signed by the PKI's root."""
    rrn: Issued = pki.rrn_rsa
    flags = {
        "digital_signature": False,
        "content_commitment": False,
        "key_encipherment": False,
        "data_encipherment": False,
        "key_agreement": False,
        "key_cert_sign": False,
        "crl_sign": False,
        "encipher_only": False,
        "decipher_only": False,
        **(SIGNING if usage is None else usage),
    }
    return (
        x509.CertificateBuilder()
        .subject_name(rrn.certificate.subject)
        .issuer_name(pki.root.certificate.subject)
        .public_key(rrn.key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(rrn.key.public_key()), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(pki.root.key.public_key()), False
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), True)
        .add_extension(x509.KeyUsage(**flags), True)
        .sign(pki.root.key, hashes.SHA256())
    )
