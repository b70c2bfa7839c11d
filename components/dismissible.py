"""Escape hides a description shown on hover or focus, without moving either (WCAG 1.4.13).

The holder of the control and its description gets these attributes: Escape, while the pointer
is over it or the focus inside it, sets ``data-dismissed``, which the stylesheet obeys; the mark
goes when both the pointer and the focus have left, so the next hover or focus shows it again.
It all runs in the browser: hiding a hint is no business of the server.
"""

from __future__ import annotations

from reflex.vars.base import Var

# Escape while hovered: the key goes to the focused element, maybe elsewhere, so the holder
# listens on the document from the pointer's arrival until it leaves.
_ENTER = (
    "(e) => { const h = e.currentTarget; if (h._escape) return;"
    " h._escape = (k) => { if (k.key === 'Escape') h.dataset.dismissed = 'true'; };"
    " document.addEventListener('keydown', h._escape); }"
)
_LEAVE = (
    "(e) => { const h = e.currentTarget;"
    " document.removeEventListener('keydown', h._escape); h._escape = null;"
    " if (!h.contains(document.activeElement)) delete h.dataset.dismissed; }"
)
# Escape while the focus is inside (React's onKeyDown and onBlur bubble from the control).
_KEY = "(e) => { if (e.key === 'Escape') e.currentTarget.dataset.dismissed = 'true'; }"
_BLUR = (
    "(e) => { const h = e.currentTarget;"
    " if (!h.contains(e.relatedTarget) && !h.matches(':hover')) delete h.dataset.dismissed; }"
)


def escape_dismisses() -> dict[str, Var[object]]:
    """``custom_attrs`` for the element holding the control and its description."""
    return {
        "onMouseEnter": Var(_js_expr=_ENTER),
        "onMouseLeave": Var(_js_expr=_LEAVE),
        "onKeyDown": Var(_js_expr=_KEY),
        "onBlur": Var(_js_expr=_BLUR),
    }
