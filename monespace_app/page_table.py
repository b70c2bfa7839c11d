"""Pages registered from a table: each with its route, the title before the site's name, and
what it loads (None: nothing)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import reflex as rx

# (page, route, title, on_load)
PageEntry = tuple[Callable[[], rx.Component], str, str, Any]


def add_pages(app: rx.App, pages: Iterable[PageEntry], *, site_title: str) -> None:
    for page, route, title, on_load in pages:
        app.add_page(page, route=route, title=f"{title} — {site_title}", on_load=on_load)
