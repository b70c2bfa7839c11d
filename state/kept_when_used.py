"""A page state is written to the state manager only once a tab has used it.

On each websocket connection Reflex's hydrate loads the tab's whole state tree, computes every
page's computed vars and writes back each state that computed one: with Redis (several
backends) a visitor who saw the home page kept some twenty page states of pages they never
opened, about 20 KB per tab. A state created for this event whose fields are all still at their
defaults holds nothing that creating it again would not give, so it is not written; once
written it is always written again, so that resetting it to its defaults replaces what was kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import reflex as rx

# Set on a state read back from the state manager (``__setstate__``), kept with it.
FROM_STORE = "_monespace_from_store"
F = TypeVar("F", bound=Callable[..., Any])


def overrides_reflex(method: F) -> F:
    """Reflex refuses a state method named like one of its own unless marked so (the marker
    its own ``_override_base_method`` sets)."""
    method.__override_base_method__ = True  # type: ignore[attr-defined]
    return method


class KeptWhenUsed(rx.State, mixin=True):
    def __setstate__(self, state: dict[str, Any]) -> None:
        super().__setstate__(state)
        self.__dict__[FROM_STORE] = True

    @overrides_reflex
    def _serialize(self) -> bytes:
        if not self.__dict__.get(FROM_STORE) and self._at_defaults():
            return b""  # Reflex's Redis manager writes nothing for an empty payload
        return super()._serialize()

    def _at_defaults(self) -> bool:
        """Whether every field of this state's own (backend ones too) is at its default; a
        field never read is not in ``vars`` yet, and so at its default."""
        cls = type(self)
        held = vars(self)
        return all(
            held[name] == field.default_value()
            for name, field in cls.__fields__.items()
            if field._owner is cls and name in held
        )
