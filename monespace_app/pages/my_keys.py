"""Mes clés numériques (seed 004 §2b): tabs, each key with its status, dates and actions."""

from __future__ import annotations

import reflex as rx

from components.layout import page_layout, page_title, paragraph, private
from foundation import routes
from portal.keys.my_keys import KeyGroupRows, KeyRow
from state.i18n_state import I18nState
from state.keys_state import KeysState

TABS = (
    ("keys", "keys.tab.keys"),
    ("profile", "keys.tab.profile"),
    ("authorisations", "keys.tab.authorisations"),
    ("info", "keys.tab.info"),
)


def tab_bar() -> rx.Component:
    return rx.el.div(
        *[
            rx.el.button(
                I18nState.t[label_key],
                type="button",
                on_click=KeysState.show_tab(tab),
                aria_pressed=rx.cond(KeysState.tab == tab, "true", "false"),
                class_name="tab-button",
            )
            for tab, label_key in TABS
        ],
        class_name="tabs",
        role="group",
        aria_label=I18nState.t["keys.title"],
    )


def status_badge(row: KeyRow) -> rx.Component:
    return rx.match(
        row.status,
        ("ACTIVE", rx.el.span(I18nState.t["keys.status.active"], class_name="badge badge-active")),
        ("LOCKED", rx.el.span(I18nState.t["keys.status.locked"], class_name="badge badge-locked")),
        rx.el.span(I18nState.t["keys.status.inactive"], class_name="badge"),
    )


def key_row(row: KeyRow) -> rx.Component:
    return rx.el.li(
        rx.el.div(
            rx.el.span(I18nState.t[row.name_key], class_name="key-name"),
            status_badge(row),
            style={"display": "flex", "gap": "1rem", "align_items": "center", "flex_wrap": "wrap"},
        ),
        rx.cond(
            row.since != "",
            rx.el.p(
                I18nState.t["keys.since"],
                " ",
                row.since,
                rx.cond(
                    row.expires != "",
                    rx.el.span(" — ", I18nState.t["keys.expires"], " ", row.expires),
                    rx.fragment(),
                ),
                style={"margin": "0.3rem 0 0", "font_size": "0.95rem"},
            ),
            rx.fragment(),
        ),
        rx.el.div(
            rx.cond(
                row.activate_href != "",
                rx.el.a(
                    rx.cond(
                        row.status == "", I18nState.t["keys.activate"], I18nState.t["keys.modify"]
                    ),
                    href=row.activate_href,
                    class_name="button-secondary",
                ),
                rx.fragment(),
            ),
            rx.cond(
                row.removable,
                rx.el.button(
                    I18nState.t["keys.remove"],
                    type="button",
                    on_click=KeysState.ask_remove(row.kind),
                    class_name="button-danger",
                ),
                rx.fragment(),
            ),
            class_name="actions",
            style={"margin": "0.6rem 0 0"},
        ),
        class_name="tile",
        style={"list_style": "none"},
    )


def key_group(group: KeyGroupRows) -> rx.Component:
    return rx.el.section(
        rx.el.h2(I18nState.t[group.title_key], style={"font_size": "1.15rem"}),
        rx.el.ul(
            rx.foreach(group.rows, key_row),
            style={"display": "grid", "gap": "0.8rem", "padding": "0", "margin": "0"},
        ),
    )


def remove_confirmation() -> rx.Component:
    return rx.cond(
        KeysState.confirm_remove != "",
        rx.el.div(
            rx.el.p(I18nState.t["keys.remove_confirm"]),
            rx.el.div(
                rx.el.button(
                    I18nState.t["keys.remove"],
                    type="button",
                    on_click=KeysState.remove,
                    class_name="button-danger",
                ),
                rx.el.button(
                    I18nState.t["wizard.cancel"],
                    type="button",
                    on_click=KeysState.ask_remove(""),
                    class_name="button-secondary",
                ),
                class_name="actions",
            ),
            role="alertdialog",
            aria_label=I18nState.t["keys.remove"],
            class_name="alert-error",
        ),
        rx.fragment(),
    )


def keys_tab() -> rx.Component:
    return rx.fragment(
        rx.el.h2(I18nState.t["keys.intro_title"], style={"font_size": "1.3rem"}),
        paragraph("keys.intro"),
        rx.cond(
            KeysState.strong_login,
            rx.fragment(),
            rx.el.p(I18nState.t["keys.strong_login_needed"], class_name="alert-info"),
        ),
        remove_confirmation(),
        rx.foreach(KeysState.groups, key_group),
        rx.el.p(I18nState.t["keys.reminder"], style={"margin_top": "1.5rem"}),
    )


def profile_tab() -> rx.Component:
    return rx.el.dl(
        rx.el.dt(I18nState.t["keys.profile.email"]),
        rx.el.dd(KeysState.email),
        rx.el.dt(I18nState.t["keys.profile.language"]),
        rx.el.dd(
            rx.match(
                I18nState.lang,
                *[(code, I18nState.t[f"lang.{code}"]) for code in ("nl", "de", "en")],
                I18nState.t["lang.fr"],
            )
        ),
        class_name="identity-list",
    )


def my_keys_page() -> rx.Component:
    return page_layout(
        page_title("keys.title"),
        private(
            tab_bar(),
            rx.cond(
                KeysState.message_key != "",
                rx.el.p(
                    I18nState.t[KeysState.message_key], role="status", class_name="alert-success"
                ),
                rx.fragment(),
            ),
            rx.cond(
                KeysState.error_text != "",
                rx.el.p(KeysState.error_text, role="alert", class_name="alert-error"),
                rx.fragment(),
            ),
            rx.match(
                KeysState.tab,
                ("profile", profile_tab()),
                ("authorisations", paragraph("keys.authorisations.none")),
                ("info", paragraph("keys.info.text")),
                keys_tab(),
            ),
            rx.el.a(I18nState.t["keys.back"], href=routes.MY_SPACES, class_name="button-primary"),
        ),
    )
