"""Key chooser: "S'identifier à l'administration en ligne — Choisissez votre clé numérique"."""

from __future__ import annotations

import reflex as rx

from components import theme
from components.layout import page_layout, page_title, paragraph
from monespace_app import routes
from state.i18n_state import I18nState
from state.key_chooser_state import KeyChooserState, KeyGroupView, KeyLink


def key_link(key: KeyLink) -> rx.Component:
    return rx.el.li(
        rx.el.a(I18nState.t[key.label_key], href=key.href, class_name="key-link"),
        style={"list_style": "none"},
    )


def key_group(group: KeyGroupView) -> rx.Component:
    return rx.el.section(
        rx.el.h2(
            I18nState.t[group.title_key],
            style={"font_size": "1.15rem", "margin": "1.5rem 0 0.75rem"},
        ),
        rx.el.ul(
            rx.foreach(group.links, key_link),
            style={
                "display": "grid",
                "gap": "0.75rem",
                "padding": "0",
                "margin": "0",
                "grid_template_columns": "repeat(auto-fill, minmax(18rem, 1fr))",
            },
        ),
    )


def no_keys_message() -> rx.Component:
    return rx.el.div(
        rx.el.h2(I18nState.t["login.empty.title"], style={"font_size": "1.2rem", "margin": "0"}),
        rx.el.p(I18nState.t["login.empty.text"], style={"margin": "0.5rem 0 0"}),
        role="status",
        style={
            "background": "#fff8e1",
            "border_left": "6px solid #8a6d00",
            "padding": "1rem 1.25rem",
            "margin": "1.5rem 0",
            "border_radius": "0.3rem",
        },
    )


def important_notice() -> rx.Component:
    return rx.el.aside(
        rx.el.h2(
            I18nState.t["login.important.title"],
            style={"font_size": "1.05rem", "margin": "0 0 0.4rem"},
        ),
        rx.el.p(I18nState.t["login.important.text"], style={"margin": "0", "line_height": "1.6"}),
        style={
            "background": theme.SURFACE,
            "padding": "1rem 1.25rem",
            "margin": "2rem 0 1rem",
            "border_radius": "0.3rem",
        },
    )


def key_chooser_page() -> rx.Component:
    return page_layout(
        page_title("login.title"),
        paragraph("login.subtitle"),
        rx.cond(
            KeyChooserState.has_keys,
            rx.foreach(KeyChooserState.groups, key_group),
            no_keys_message(),
        ),
        important_notice(),
        rx.el.a(I18nState.t["login.back"], href=routes.HOME, style={"color": theme.PRIMARY}),
    )
