"""The portal header: the Federation's mark, the language switch and the help link."""

from __future__ import annotations

import reflex as rx

from components import theme
from foundation import routes
from foundation.settings import SUPPORTED_LANGUAGES
from state.i18n_state import I18nState
from state.session_state import SessionState

# Shown as on the federal login page: nl fr de en.
LANGUAGE_ORDER = ("nl", "fr", "de", "en")
assert set(LANGUAGE_ORDER) == set(SUPPORTED_LANGUAGES)


def language_button(code: str) -> rx.Component:
    is_current = I18nState.lang == code
    return rx.el.button(
        code,
        on_click=I18nState.set_language(code),
        lang=code,
        aria_label=I18nState.t[f"lang.{code}"],
        aria_pressed=rx.cond(is_current, "true", "false"),
        style={
            "background": "transparent",
            "border": "none",
            "cursor": "pointer",
            "padding": "0.35rem 0.5rem",
            "font_size": "0.95rem",
            "color": theme.PRIMARY,
            "font_weight": rx.cond(is_current, "700", "400"),
            "text_decoration": rx.cond(is_current, "underline", "none"),
            "text_underline_offset": "0.25rem",
        },
    )


def language_switch() -> rx.Component:
    return rx.el.nav(
        *[language_button(code) for code in LANGUAGE_ORDER],
        aria_label=I18nState.t["header.languages"],
        style={"display": "flex", "gap": "0.1rem"},
    )


def brand() -> rx.Component:
    return rx.el.a(
        rx.el.span(
            aria_hidden="true",
            style={
                "display": "inline-block",
                "width": "0.55rem",
                "height": "2.6rem",
                "background": theme.ACCENT,
                "margin_right": "0.75rem",
            },
        ),
        rx.el.span(
            rx.el.span(
                I18nState.t["site.federation"],
                style={
                    "display": "block",
                    "font_size": "0.8rem",
                    "letter_spacing": "0.06em",
                    "text_transform": "uppercase",
                    "color": theme.MUTED,
                },
            ),
            rx.el.span(
                I18nState.t["site.name"],
                style={
                    "display": "block",
                    "font_size": "1.35rem",
                    "font_weight": "700",
                    "text_transform": "uppercase",
                    "color": theme.INK,
                },
            ),
        ),
        href=routes.HOME,
        aria_label=I18nState.t["site.home_link"],
        style={"display": "flex", "align_items": "center", "text_decoration": "none"},
    )


def user_menu() -> rx.Component:
    """Name, "Compte" and "Quitter" (a plain link: logging out is a full page load)."""
    return rx.el.details(
        rx.el.summary(
            SessionState.user_name,
            aria_label=I18nState.t["user.menu"],
            style={"cursor": "pointer", "font_weight": "600", "color": theme.INK},
        ),
        rx.el.ul(
            rx.el.li(rx.el.a(I18nState.t["user.account"], href=routes.ACCOUNT)),
            rx.el.li(rx.el.a(I18nState.t["user.keys"], href=routes.MY_KEYS)),
            rx.el.li(
                rx.el.button(
                    I18nState.t["user.logout"],
                    type="button",
                    on_click=SessionState.logout,
                    class_name="menu-button",
                )
            ),
            class_name="user-menu-list",
        ),
        class_name="user-menu",
    )


def header() -> rx.Component:
    return rx.el.header(
        rx.el.div(
            brand(),
            rx.el.div(
                language_switch(),
                rx.cond(SessionState.logged_in, user_menu(), rx.fragment()),
                rx.el.a(
                    I18nState.t["header.help"],
                    href=routes.HELP,
                    style={
                        "background": theme.PRIMARY,
                        "color": "white",
                        "padding": "0.5rem 0.9rem",
                        "border_radius": "0.3rem",
                        "text_decoration": "none",
                        "font_weight": "600",
                        "white_space": "nowrap",
                    },
                ),
                style={
                    "display": "flex",
                    "align_items": "center",
                    "gap": "1rem",
                    "flex_wrap": "wrap",
                },
            ),
            style={
                "max_width": theme.CONTENT_WIDTH,
                "margin": "0 auto",
                "padding": "0.9rem 1.25rem",
                "display": "flex",
                "justify_content": "space-between",
                "align_items": "center",
                "gap": "1rem",
                "flex_wrap": "wrap",
            },
        ),
        style={"background": "white", "border_bottom": f"1px solid {theme.BORDER}"},
    )
