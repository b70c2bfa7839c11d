"""Outside demo mode the portal refuses to start when it would trust a root whose private key
is on this machine (the simulators' test root): whoever reads that key could make cards."""

from __future__ import annotations

from pathlib import Path

import pytest

from identity.eid.auth.trust_anchors import LocalTestRootError, refuse_local_roots
from simulators.pki.test_pki import TestPki


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> TestPki:
    return TestPki(tmp_path_factory.mktemp("data") / "pki")


def test_a_root_whose_key_is_on_disk_is_refused(pki: TestPki) -> None:
    anchors = pki.write_trust_anchors(pki.directory / "trust-anchors").parent
    with pytest.raises(LocalTestRootError, match="MONESPACE_TRUST_ANCHORS_DIR"):
        refuse_local_roots(anchors, [pki.directory.parent])


def test_a_root_whose_key_is_elsewhere_is_accepted(
    pki: TestPki, tmp_path_factory: pytest.TempPathFactory
) -> None:
    anchors = pki.write_trust_anchors(pki.directory / "trust-anchors").parent
    refuse_local_roots(anchors, [tmp_path_factory.mktemp("elsewhere")])


def test_no_anchors_folder_is_left_to_the_login_to_report(tmp_path: Path) -> None:
    refuse_local_roots(tmp_path / "missing", [tmp_path])
