"""The card's signature certificate (file 5039), checked fit for a qualified signature.

The checks are those of the eID login (``identity.eid.auth``), for the other certificate: dates,
chain to the configured roots, revocation through the same checker; the purpose differs (key
usage nonRepudiation, no clientAuth required) and the holder must be the person logged in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cryptography import x509
from cryptography.x509.oid import NameOID

from identity.eid.auth.certificate_chain import CertificateUse, verify_chain
from identity.eid.auth.certificate_dates import check_certificate_dates
from identity.eid.auth.claims import subject_attribute
from identity.eid.auth.clock import require_utc
from identity.eid.auth.revocation import RevocationChecker, require_not_revoked
from identity.eid.auth.token import SignatureAlgorithm, algorithm_for_key
from identity.eid.auth.trust_anchors import TrustAnchors
from identity.eid.card_reading import EidCertificates
from identity.eid.signing.errors import NotYourCardError, SigningCertificatePurposeError


@dataclass(frozen=True)
class SigningCertificate:
    """A signature certificate that passed every check, and what it says of its holder."""

    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]  # leaf first, root last
    algorithm: SignatureAlgorithm  # ES384 (applet 1.8) or RS256 (applet 1.7)
    national_number: str
    surname: str
    given_names: str

    @property
    def holder_name(self) -> str:
        """ "Naïma Aïcha Mremi": the name a signed document shows."""
        return f"{self.given_names} {self.surname}".strip()

    @property
    def issuers(self) -> tuple[x509.Certificate, ...]:
        """The CA certificates between the holder and the root (the Citizen CA)."""
        return self.chain[1:-1]


def check_signing_purpose(certificate: x509.Certificate) -> None:
    """Key usage nonRepudiation (contentCommitment): what Belgian signature certificates carry,
    and what the authentication certificate (digitalSignature only) lacks."""
    try:
        key_usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        raise SigningCertificatePurposeError("certificate has no key usage extension") from None
    if not key_usage.content_commitment:
        raise SigningCertificatePurposeError("key usage lacks nonRepudiation")


def _holder_national_number(certificate: x509.Certificate) -> str:
    national_number = subject_attribute(certificate.subject, NameOID.SERIAL_NUMBER)
    if not national_number:
        raise SigningCertificatePurposeError("subject has no serialNumber (national number)")
    return national_number


def _algorithm(certificate: x509.Certificate) -> SignatureAlgorithm:
    try:
        return algorithm_for_key(certificate.public_key())
    except ValueError as error:
        raise SigningCertificatePurposeError(str(error)) from None


def check_signing_certificate(
    certificates: EidCertificates,
    *,
    expected_national_number: str,
    trust_anchors: TrustAnchors,
    revocation_checker: RevocationChecker,
    now: datetime,
) -> SigningCertificate:
    """The card's signature certificate, or the error of the first check it fails, in order:
    whose card it is, dates, purpose, chain, revocation (last: no OCSP call for a card that
    fails anything else)."""
    now = require_utc(now)
    certificate = certificates.signature
    national_number = _holder_national_number(certificate)
    if national_number != expected_national_number:
        raise NotYourCardError("the signature certificate names another national number")
    check_certificate_dates(certificate, now=now)
    check_signing_purpose(certificate)
    algorithm = _algorithm(certificate)
    chain = verify_chain(
        certificate,
        trust_anchors=trust_anchors,
        intermediates=[certificates.citizen_ca],
        now=now,
        use=CertificateUse.SIGNING,
    )
    require_not_revoked(
        checker=revocation_checker, certificate=certificate, issuer=chain[1], now=now
    )
    return SigningCertificate(
        certificate=certificate,
        chain=tuple(chain),
        algorithm=algorithm,
        national_number=national_number,
        surname=subject_attribute(certificate.subject, NameOID.SURNAME),
        given_names=subject_attribute(certificate.subject, NameOID.GIVEN_NAME),
    )
