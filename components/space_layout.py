"""The frame of a space's pages: the space's name, the side menu, the content."""

from __future__ import annotations

import reflex as rx

from components.layout import page_layout, private
from foundation import routes
from state.i18n_state import I18nState
from state.space_state import SpacePageState

MENU = (
    ("menu.dashboard", "tableau-de-bord"),
    ("professional.menu.dossiers", "dossiers"),
    ("menu.documents", "documents"),
    ("menu.notifications", "notifications"),
    ("menu.profile", "profil"),
    ("menu.communications", "communications"),
)


def side_menu(space: str, current: str) -> rx.Component:
    return rx.el.nav(
        rx.el.p(
            I18nState.t[f"spaces.{space}"],
            style={
                "text_transform": "uppercase",
                "font_weight": "700",
                "margin": "0 0 0.6rem",
                "letter_spacing": "0.04em",
            },
        ),
        rx.el.ul(
            *[
                rx.el.li(
                    rx.el.a(
                        I18nState.t[label_key],
                        href=routes.space_page(space, page),
                        aria_current="page" if page == current else None,
                    )
                )
                for label_key, page in MENU
            ]
        ),
        aria_label=I18nState.t["menu.label"],
        class_name="side-menu",
    )


def space_layout(space: str, current: str, *content: rx.Component) -> rx.Component:
    return page_layout(
        rx.el.div(
            side_menu(space, current),
            rx.el.div(private(*content)),
            class_name="space-layout",
        )
    )


def heading(label_key: str) -> rx.Component:
    return rx.el.h1(I18nState.t[label_key], style={"font_size": "1.8rem", "margin": "0 0 1rem"})


__all__ = ["SpacePageState", "heading", "space_layout"]
