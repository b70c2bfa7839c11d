"""The trust-anchor folder: roots trusted, intermediates only offered, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

from identity.eid.auth.errors import TrustAnchorsUnavailableError
from identity.eid.auth.trust_anchors import load_trust_anchors
from tests.unit.identity.eid.auth.card_pki import TestPki, make_root, new_key


def test_roots_and_intermediates_in_pem_crt_and_der_are_read(tmp_path: Path, pki: TestPki) -> None:
    second_root = make_root(new_key("ec"), common_name="Belgium Root CA6")
    (tmp_path / "belgium-root.pem").write_bytes(pki.root.certificate.public_bytes(Encoding.PEM))
    (tmp_path / "root6.DER").write_bytes(second_root.certificate.public_bytes(Encoding.DER))
    (tmp_path / "citizen-ca.crt").write_bytes(pki.citizen_ca.certificate.public_bytes(Encoding.PEM))
    (tmp_path / "README.txt").write_text("not a certificate")

    anchors = load_trust_anchors(tmp_path)

    assert set(anchors.roots) == {pki.root.certificate, second_root.certificate}
    assert anchors.intermediates == (pki.citizen_ca.certificate,)


def test_pem_bundle_with_several_certificates_is_read(tmp_path: Path, pki: TestPki) -> None:
    bundle = pki.root.certificate.public_bytes(
        Encoding.PEM
    ) + pki.citizen_ca.certificate.public_bytes(Encoding.PEM)
    (tmp_path / "bundle.pem").write_bytes(bundle)

    anchors = load_trust_anchors(tmp_path)

    assert anchors.roots == (pki.root.certificate,)
    assert anchors.intermediates == (pki.citizen_ca.certificate,)


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(TrustAnchorsUnavailableError, match="does not exist"):
        load_trust_anchors(tmp_path / "nowhere")


def test_folder_without_certificate_files_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("roots go here")

    with pytest.raises(TrustAnchorsUnavailableError, match="holds no"):
        load_trust_anchors(tmp_path)


def test_unparseable_file_is_named_in_the_error(tmp_path: Path) -> None:
    (tmp_path / "broken.pem").write_text("-----BEGIN CERTIFICATE-----\nAAAA\n")

    with pytest.raises(TrustAnchorsUnavailableError, match=r"broken\.pem"):
        load_trust_anchors(tmp_path)


def test_folder_with_only_an_intermediate_has_no_root(tmp_path: Path, pki: TestPki) -> None:
    (tmp_path / "ca.pem").write_bytes(pki.citizen_ca.certificate.public_bytes(Encoding.PEM))

    with pytest.raises(TrustAnchorsUnavailableError, match="no self-signed root"):
        load_trust_anchors(tmp_path)
