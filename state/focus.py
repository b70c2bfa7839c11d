"""Moving the focus where a keyboard or screen reader user expects it after the page changed
under them (a wizard's next step, a row opened for editing)."""

from __future__ import annotations

import json

import reflex as rx
from reflex_base.event import EventSpec

# About one second of frames: the element appears once the state's change is drawn.
_FRAMES = 60


def focus_when_drawn(selector: str) -> EventSpec:
    """Focuses the first element matching the CSS ``selector`` as soon as it exists."""
    found = json.dumps(selector)
    return rx.call_script(
        f"(function f(n){{const e=document.querySelector({found});"
        f"if(e){{e.focus();}}else if(n>0){{requestAnimationFrame(()=>f(n-1));}}}})({_FRAMES})"
    )
