"""What a validated authentication certificate says about its holder."""

from __future__ import annotations

from dataclasses import dataclass

from cryptography import x509
from cryptography.x509.oid import NameOID

from identity.eid.auth.errors import CertificatePurposeError
from identity.eid.auth.token import SignatureAlgorithm


@dataclass(frozen=True)
class AuthenticatedCertificate:
    """The result of a successful eID login.

    ``national_number`` (subject serialNumber) is the key to the person; it must match the
    national number of the card's identity file when that file is read."""

    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]  # leaf first, root last
    algorithm: SignatureAlgorithm
    national_number: str
    surname: str
    given_names: str
    common_name: str  # e.g. "Naïma Mremi (Authentication)"
    country: str


def subject_attribute(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    """The first value of ``oid`` in ``name`` as text, "" when absent."""
    values = name.get_attributes_for_oid(oid)
    if not values:
        return ""
    value = values[0].value
    return value if isinstance(value, str) else value.decode("utf-8")


def authenticated_certificate(
    certificate: x509.Certificate,
    *,
    chain: tuple[x509.Certificate, ...],
    algorithm: SignatureAlgorithm,
) -> AuthenticatedCertificate:
    subject = certificate.subject
    national_number = subject_attribute(subject, NameOID.SERIAL_NUMBER)
    if not national_number:
        # Without it the login cannot be tied to a person: not an eID authentication certificate.
        raise CertificatePurposeError("certificate subject has no serialNumber (national number)")
    return AuthenticatedCertificate(
        certificate=certificate,
        chain=chain,
        algorithm=algorithm,
        national_number=national_number,
        surname=subject_attribute(subject, NameOID.SURNAME),
        given_names=subject_attribute(subject, NameOID.GIVEN_NAME),
        common_name=subject_attribute(subject, NameOID.COMMON_NAME),
        country=subject_attribute(subject, NameOID.COUNTRY_NAME),
    )
