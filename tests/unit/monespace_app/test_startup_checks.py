"""The portal's start-up: the simulators' test root and the demo clock are for demo mode only,
and the files of the tabs' states are readable by the portal's user alone."""

from __future__ import annotations

import os
import stat
from datetime import timedelta
from pathlib import Path

import pytest

from foundation.demo_clock import set_demo_clock_offset
from foundation.settings import get_settings
from identity.eid.auth.trust_anchors import LocalTestRootError
from monespace_app.startup_checks import (
    DemoClockOutsideDemoError,
    keep_state_files_private,
    refuse_unsafe_start,
)
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


def test_the_state_files_are_private_to_the_portals_user(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder of the tabs' states, as an earlier run left it readable by all, then the
    files written once the portal has started."""
    folder = tmp_path / ".states"
    folder.mkdir(mode=0o755)
    earlier = folder / "earlier.pkl"
    earlier.write_bytes(b"a tab's state")
    earlier.chmod(0o644)
    monkeypatch.setenv("REFLEX_STATES_WORKDIR", str(folder))
    umask = os.umask(0o022)
    try:
        keep_state_files_private()
        (folder / "later.pkl").write_bytes(b"another tab's state")
        (tmp_path / "other-file").write_bytes(b"anything the portal writes")
    finally:
        os.umask(umask)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(earlier.stat().st_mode) == 0o600
    assert stat.S_IMODE((folder / "later.pkl").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "other-file").stat().st_mode) == 0o600


def test_a_missing_state_folder_is_made_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REFLEX_STATES_WORKDIR", str(tmp_path / "states"))
    umask = os.umask(0o022)
    try:
        keep_state_files_private()
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "states").stat().st_mode) == 0o700


def test_outside_demo_mode_a_demo_clock_stops_the_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A demo clock file left in the data folder: the demo starts, production refuses."""
    monkeypatch.setenv("MONESPACE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("MONESPACE_TRUST_ANCHORS_DIR", str(tmp_path / "trust-anchors"))
    monkeypatch.setenv("MONESPACE_DEMO_MODE", "false")
    get_settings.cache_clear()
    try:
        refuse_unsafe_start()  # no file: starts
        set_demo_clock_offset(tmp_path, timedelta(days=31))
        with pytest.raises(DemoClockOutsideDemoError, match=r"demo-clock\.json"):
            refuse_unsafe_start()
        monkeypatch.setenv("MONESPACE_DEMO_MODE", "true")
        get_settings.cache_clear()
        refuse_unsafe_start()
    finally:
        get_settings.cache_clear()
