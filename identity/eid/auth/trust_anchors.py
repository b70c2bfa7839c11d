"""The trust anchors of eID authentication, read from a folder (settings ``trust_anchors_dir``).

Every ``*.pem``, ``*.crt`` and ``*.der`` file is read (PEM files may hold several certificates).
Self-signed certificates become trust anchors (roots); the others are kept as known intermediates
(e.g. the "Citizen CA" certificates), offered to path building but never trusted by themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.x509.verification import Store

from identity.eid.auth.errors import TrustAnchorsUnavailableError

CERTIFICATE_SUFFIXES = (".pem", ".crt", ".der")


@dataclass(frozen=True)
class TrustAnchors:
    roots: tuple[x509.Certificate, ...]
    intermediates: tuple[x509.Certificate, ...] = ()
    store: Store = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.roots:
            raise TrustAnchorsUnavailableError("no root certificate among the trust anchors")
        # Built once: validations reuse it.
        object.__setattr__(self, "store", Store(list(self.roots)))

    @classmethod
    def of(cls, certificates: Sequence[x509.Certificate]) -> TrustAnchors:
        roots = tuple(c for c in certificates if is_self_signed(c))
        return cls(roots=roots, intermediates=tuple(c for c in certificates if c not in roots))


def is_self_signed(certificate: x509.Certificate) -> bool:
    if certificate.subject != certificate.issuer:
        return False
    try:
        certificate.verify_directly_issued_by(certificate)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def _read_certificates(path: Path) -> list[x509.Certificate]:
    data = path.read_bytes()
    try:
        if b"-----BEGIN CERTIFICATE-----" in data:
            return x509.load_pem_x509_certificates(data)
        return [x509.load_der_x509_certificate(data)]
    except ValueError as error:
        raise TrustAnchorsUnavailableError(f"{path} is not a certificate: {error}") from None


def load_trust_anchors(directory: Path) -> TrustAnchors:
    """Reads the folder; raises ``TrustAnchorsUnavailableError`` if it is missing, holds no
    certificate file, a file does not parse, or no certificate is a self-signed root."""
    if not directory.is_dir():
        raise TrustAnchorsUnavailableError(f"trust anchors folder {directory} does not exist")
    files = sorted(
        p for p in directory.iterdir() if p.is_file() and p.suffix.lower() in CERTIFICATE_SUFFIXES
    )
    if not files:
        raise TrustAnchorsUnavailableError(
            f"trust anchors folder {directory} holds no *.pem, *.crt or *.der file"
        )
    certificates = [cert for path in files for cert in _read_certificates(path)]
    if not any(is_self_signed(c) for c in certificates):
        raise TrustAnchorsUnavailableError(
            f"trust anchors folder {directory} holds no self-signed root certificate"
        )
    return TrustAnchors.of(certificates)


class LocalTestRootError(RuntimeError):
    """A trust anchor whose private key sits on this machine: a test root (the simulators'),
    which must never be trusted outside demo mode."""


def refuse_local_roots(anchors_dir: Path, key_dirs: Sequence[Path]) -> None:
    """Raises ``LocalTestRootError`` when a root of ``anchors_dir`` has its private key in a
    ``*.key.pem`` file under one of ``key_dirs``: whoever reads that file could make cards the
    portal believes. Checked at start-up unless demo mode is on."""
    if not anchors_dir.is_dir():
        return
    try:
        roots = load_trust_anchors(anchors_dir).roots
    except TrustAnchorsUnavailableError:
        return  # no root, no danger: logins will say the anchors are missing
    public = {root.public_key().public_bytes(*_SPKI): root for root in roots}
    for key_dir in key_dirs:
        for path in sorted(key_dir.rglob("*.key.pem")) if key_dir.is_dir() else ():
            try:
                key = serialization.load_pem_private_key(path.read_bytes(), password=None)
            except (ValueError, TypeError):
                continue
            found = public.get(key.public_key().public_bytes(*_SPKI))
            if found is not None:
                raise LocalTestRootError(
                    f"the trust anchor {found.subject.rfc4514_string()} has its private key in "
                    f"{path}: a test root. Set MONESPACE_TRUST_ANCHORS_DIR to the real roots "
                    "(or MONESPACE_DEMO_MODE=true for a demo)."
                )


_SPKI = (serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
