"""Privacy policy page."""

from __future__ import annotations

import reflex as rx

from components.layout import page_layout, page_title, paragraph


def privacy_page() -> rx.Component:
    return page_layout(page_title("privacy.title"), paragraph("privacy.text"))
