"""What the portal checks and settles before it serves anyone (lifespan steps of the app): a
start-up that would be unsafe stops here, with the reason in the log; the files of the tabs'
states are made private to the portal's user."""

from __future__ import annotations

import os
from pathlib import Path

from reflex.utils import prerequisites

from foundation.demo_clock import offset_file
from foundation.settings import get_settings
from identity.eid.auth.trust_anchors import refuse_local_roots


class DemoClockOutsideDemoError(RuntimeError):
    """A demo clock file in the data folder of a portal not in demo mode."""


def refuse_unsafe_start() -> None:
    settings = get_settings()
    if not settings.demo_mode:
        # A root whose key is under data_dir is the simulators' test root: anyone who can read
        # that file could make cards the portal believes.
        refuse_local_roots(settings.trust_anchors_dir, [settings.data_dir])
        refuse_demo_clock(settings.data_dir)


def refuse_demo_clock(data_dir: Path) -> None:
    """Outside demo mode the portal reads the real time only; a demo clock file left there
    means someone expects another time (expiries, the 30 days of a deletion): better not to
    start than to act on a time nobody sees."""
    path = offset_file(data_dir)
    if path.exists():
        raise DemoClockOutsideDemoError(
            f"{path} moves the demo's clock, but MONESPACE_DEMO_MODE is off: the portal runs on "
            "the real time only. Delete that file (a demo's leftover) or run the demo."
        )


def keep_state_files_private() -> None:
    """Reflex keeps what each tab's pages hold between events in files (``.states``, its disk
    state manager): names, national numbers, what a person typed. Only the portal's own user may
    read them: everything the process creates from now on is private (umask 077), and the
    folder and the files an earlier run left are made so."""
    os.umask(0o077)
    folder = prerequisites.get_states_dir().absolute()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.chmod(0o700)
    for path in folder.iterdir():
        if path.is_file() and not path.is_symlink():
            path.chmod(0o600)
