"""What the portal checks before it serves anyone: a start-up that would be unsafe stops here,
with the reason in the log (a lifespan step of the app: an error ends the start)."""

from __future__ import annotations

from foundation.settings import get_settings
from identity.eid.auth.trust_anchors import refuse_local_roots


def refuse_unsafe_start() -> None:
    settings = get_settings()
    if not settings.demo_mode:
        # A root whose key is under data_dir is the simulators' test root: anyone who can read
        # that file could make cards the portal believes.
        refuse_local_roots(settings.trust_anchors_dir, [settings.data_dir])
