"""Home page: "Guichet électronique de la Fédération Wallonie-Bruxelles"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from components import theme
from components.layout import page_layout, page_title, paragraph, primary_link_button
from foundation import routes
from state.i18n_state import I18nState


def labelled_panel(
    element: Callable[..., rx.Component],
    title: rx.Var[str],
    title_id: str,
    title_style: dict[str, str],
    *body: rx.Component,
    **props: Any,
) -> rx.Component:
    """A region named by its heading (``aria-labelledby``), so screen readers list it by name."""
    return element(
        rx.el.h2(title, id=title_id, style=title_style),
        *body,
        aria_labelledby=title_id,
        **props,
    )


def connect_panel() -> rx.Component:
    return labelled_panel(
        rx.el.section,
        I18nState.t["home.connect.heading"],
        "connect-heading",
        {"font_size": "1.4rem", "margin": "0 0 0.5rem"},
        rx.el.p(I18nState.t["home.connect.text"], style={"margin": "0 0 1.25rem"}),
        primary_link_button("home.connect.button", routes.KEY_CHOOSER),
        style={
            "background": theme.SURFACE,
            "border_left": f"6px solid {theme.PRIMARY}",
            "padding": "1.5rem 1.75rem",
            "margin": "1.5rem 0 2rem",
            "border_radius": "0.3rem",
        },
    )


def support_panel() -> rx.Component:
    return labelled_panel(
        rx.el.section,
        I18nState.t["home.support.heading"],
        "support-heading",
        {"font_size": "1.2rem", "margin": "0 0 0.5rem"},
        paragraph("home.support.text"),
        rx.el.ul(
            rx.el.li(I18nState.t["home.support.with"]),
            rx.el.li(I18nState.t["home.support.without"]),
            style={"line_height": "1.7", "margin": "0"},
        ),
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
