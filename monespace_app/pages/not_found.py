"""The page shown for an address the portal does not know."""

from __future__ import annotations

import reflex as rx

from components.layout import page_layout, page_title, paragraph, primary_link_button
from foundation import routes


def not_found_page() -> rx.Component:
    return page_layout(
        page_title("page.not_found.title"),
        paragraph("page.not_found.text"),
        primary_link_button("login.back", routes.HOME),
    )
