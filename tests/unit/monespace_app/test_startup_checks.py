"""The portal's start-up check: the simulators' test root is trusted in demo mode only."""

from __future__ import annotations

import pytest

from foundation.settings import get_settings
from identity.eid.auth.trust_anchors import LocalTestRootError
from monespace_app.startup_checks import refuse_unsafe_start
from simulators.pki.test_pki import TestPki


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> TestPki:
    return TestPki(tmp_path_factory.mktemp("data") / "pki")


def test_the_start_up_check_follows_demo_mode(
    pki: TestPki, monkeypatch: pytest.MonkeyPatch
) -> None:
    anchors = pki.write_trust_anchors(pki.directory / "trust-anchors").parent
    monkeypatch.setenv("MONESPACE_TRUST_ANCHORS_DIR", str(anchors))
    monkeypatch.setenv("MONESPACE_DATA_DIR", str(pki.directory.parent))
    monkeypatch.setenv("MONESPACE_DEMO_MODE", "true")
    get_settings.cache_clear()
    try:
        refuse_unsafe_start()
        monkeypatch.setenv("MONESPACE_DEMO_MODE", "false")
        get_settings.cache_clear()
        with pytest.raises(LocalTestRootError):
            refuse_unsafe_start()
    finally:
        get_settings.cache_clear()
