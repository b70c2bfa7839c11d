"""The National Register's certificate that signs the card's files is checked as the card's
other certificates are: dates, key usage, and a trusted root's own signature."""

from __future__ import annotations

import datetime as dt

import pytest

from identity.eid.auth.trust_anchors import TrustAnchors
from identity.eid.errors import RrnCertificateError
from identity.eid.rrn_certificate import check_rrn_certificate
from simulators.personas.loader import persona
from simulators.pki.test_pki import TestPki
from tests.unit.identity.eid.rrn_certificates import ENCIPHERING, rrn_certificate

NOW = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> TestPki:
    return TestPki(tmp_path_factory.mktemp("rrn") / "pki")


def anchors(pki: TestPki) -> TrustAnchors:
    """The root, and the Citizen CA offered as an intermediate, as a real anchors folder has."""
    return TrustAnchors.of([pki.root.certificate, pki.citizen_ca.certificate])


def test_the_test_pkis_rrn_certificates_pass(pki: TestPki) -> None:
    for issued in (pki.rrn_rsa, pki.rrn_ec):
        check_rrn_certificate(issued.certificate, anchors(pki), now=NOW)
    check_rrn_certificate(rrn_certificate(pki), anchors(pki), now=NOW)


LONG_AGO = dt.datetime(2010, 1, 1, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("not_before", "not_after", "reason"),
    [
        (LONG_AGO, NOW - dt.timedelta(days=1), "expired"),
        (NOW + dt.timedelta(days=1), NOW + dt.timedelta(days=3650), "valid from"),
    ],
)
def test_an_rrn_certificate_out_of_its_dates_is_refused(
    pki: TestPki, not_before: dt.datetime, not_after: dt.datetime, reason: str
) -> None:
    certificate = rrn_certificate(pki, not_before=not_before, not_after=not_after)
    with pytest.raises(RrnCertificateError, match=reason):
        check_rrn_certificate(certificate, anchors(pki), now=NOW)


def test_an_rrn_certificate_not_made_to_sign_is_refused(pki: TestPki) -> None:
    with pytest.raises(RrnCertificateError, match="key usage"):
        check_rrn_certificate(rrn_certificate(pki, usage=ENCIPHERING), anchors(pki), now=NOW)


def test_a_card_holders_certificate_is_no_rrn_certificate(pki: TestPki) -> None:
    """It chains to the root through the Citizen CA, and any card holds its key: a card made at
    home could sign its own "authentic" files with it."""
    holder = pki.credentials_for(persona("naima-mremi"), "rsa").authentication.certificate
    with pytest.raises(RrnCertificateError, match="root itself"):
        check_rrn_certificate(holder, anchors(pki), now=NOW)


def test_an_rrn_certificate_of_another_root_is_refused(
    pki: TestPki, tmp_path_factory: pytest.TempPathFactory
) -> None:
    other = TestPki(tmp_path_factory.mktemp("other-rrn") / "pki")
    with pytest.raises(RrnCertificateError, match="no trusted chain"):
        check_rrn_certificate(other.rrn_rsa.certificate, anchors(pki), now=NOW)
