"""Every event the pages send reaches its handler as text UTF-8 can write.

Reflex decodes the websocket's JSON with ``json.loads``, which turns ``"\\ud800"`` into a lone
surrogate: no keyboard types one, a forged message can. Left in, it fails wherever it is
written (SQLite, argon2, the state sent back to the page) as an exception instead of a wrong
value. Each one becomes U+FFFD here, before any handler runs; the services also clean the text
they keep (foundation/well_formed_text.py), so they hold whoever calls them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reflex.middleware.middleware import Middleware
from reflex.state import BaseState, StateUpdate
from reflex_base.event import Event

from foundation.well_formed_text import well_formed

if TYPE_CHECKING:
    from reflex.app import App


def well_formed_payload(value: Any) -> Any:
    """``value`` with every string in it (dict keys and values, list items) well formed."""
    if isinstance(value, str):
        return well_formed(value)
    if isinstance(value, dict):
        return {well_formed_payload(key): well_formed_payload(item) for key, item in value.items()}
    if isinstance(value, list):
        return [well_formed_payload(item) for item in value]
    return value


class WellFormedEvents(Middleware):
    async def preprocess(self, app: App, state: BaseState, event: Event) -> StateUpdate | None:
        cleaned = well_formed_payload(event.payload)
        if cleaned != event.payload:
            # The event is frozen, its payload a plain dict: changed in place.
            event.payload.clear()
            event.payload.update(cleaned)
        return None
