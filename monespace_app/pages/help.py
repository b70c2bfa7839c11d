"""Help page: what a person needs to log in, and whom to contact."""

from __future__ import annotations

import reflex as rx

from components.layout import page_layout, page_title, paragraph
from state.i18n_state import I18nState

SECTIONS = ("eid", "itsme", "token", "keys", "contact")


def help_section(name: str) -> rx.Component:
    return rx.el.section(
        rx.el.h2(
            I18nState.t[f"help.{name}.heading"],
            style={"font_size": "1.25rem", "margin": "1.5rem 0 0.5rem"},
        ),
        paragraph(f"help.{name}.text"),
    )


def help_page() -> rx.Component:
    return page_layout(
        page_title("help.title"),
        paragraph("help.intro"),
        *[help_section(name) for name in SECTIONS],
    )
