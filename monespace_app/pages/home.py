"""Home page: "Guichet électronique de la Fédération Wallonie-Bruxelles"."""

from __future__ import annotations

import reflex as rx

from components import theme
from components.layout import page_layout, page_title, paragraph, primary_link_button
from foundation import routes
from state.i18n_state import I18nState


def connect_panel() -> rx.Component:
    return rx.el.section(
        rx.el.h2(
            I18nState.t["home.connect.heading"],
            id="connect-heading",
            style={"font_size": "1.4rem", "margin": "0 0 0.5rem"},
        ),
        rx.el.p(I18nState.t["home.connect.text"], style={"margin": "0 0 1.25rem"}),
        primary_link_button("home.connect.button", routes.KEY_CHOOSER),
        aria_labelledby="connect-heading",
        style={
            "background": theme.SURFACE,
            "border_left": f"6px solid {theme.PRIMARY}",
            "padding": "1.5rem 1.75rem",
            "margin": "1.5rem 0 2rem",
            "border_radius": "0.3rem",
        },
    )


def support_panel() -> rx.Component:
    return rx.el.section(
        rx.el.h2(
            I18nState.t["home.support.heading"],
            id="support-heading",
            style={"font_size": "1.2rem", "margin": "0 0 0.5rem"},
        ),
        paragraph("home.support.text"),
        rx.el.ul(
            rx.el.li(I18nState.t["home.support.with"]),
            rx.el.li(I18nState.t["home.support.without"]),
            style={"line_height": "1.7", "margin": "0"},
        ),
        aria_labelledby="support-heading",
        style={
            "border": f"1px solid {theme.BORDER}",
            "padding": "1.25rem 1.75rem",
            "border_radius": "0.3rem",
        },
    )


def home_page() -> rx.Component:
    return page_layout(
        page_title("home.title"),
        paragraph("home.intro"),
        connect_panel(),
        support_panel(),
    )
