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
        (
            "EXPIRED",
            rx.el.span(I18nState.t["keys.status.expired"], class_name="badge badge-locked"),
        ),
        (
            "NO_PASSWORD",
            rx.el.span(I18nState.t["keys.status.no_password"], class_name="badge badge-locked"),
        ),
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
        rx.cond(
            row.note_key != "",
            rx.el.p(I18nState.t[row.note_key], style={"margin": "0.3rem 0 0"}),
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


def keys_going_with() -> rx.Component:
    """The code keys removed with username + password, named before anything is removed."""
    return rx.cond(
        KeysState.confirm_going_names.length() > 0,  # type: ignore[attr-defined]
        rx.fragment(
            rx.el.p(I18nState.t["keys.remove_going_with"]),
            rx.el.ul(
                rx.foreach(
                    KeysState.confirm_going_names,
                    lambda name_key: rx.el.li(rx.el.strong(I18nState.t[name_key])),
                )
            ),
        ),
        rx.fragment(),
    )


def remove_confirmation() -> rx.Component:
    return rx.cond(
        KeysState.confirm_remove != "",
        rx.el.div(
            rx.el.p(I18nState.t["keys.remove_confirm"]),
            keys_going_with(),
            rx.el.p(I18nState.t["keys.remove_why_confirm"], style={"font_size": "0.95rem"}),
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


def shown_for() -> rx.Component:
    """ "Affichez des clés numériques pour : Utilisation standard" (seed 004 §2b); the one use
    this portal has, its "?" a disclosure that says what it means."""
    return rx.el.div(
        rx.el.p(
            I18nState.t["keys.shown_for"],
            " ",
            rx.el.strong(I18nState.t["keys.shown_for.standard"]),
            style={"margin": "0"},
        ),
        rx.el.details(
            rx.el.summary(I18nState.t["keys.shown_for.help_summary"]),
            rx.el.p(I18nState.t["keys.shown_for.help"], style={"margin": "0.4rem 0 0"}),
        ),
        style={"margin": "0 0 1rem"},
    )


def keys_tab() -> rx.Component:
    return rx.fragment(
        rx.el.h2(I18nState.t["keys.intro_title"], style={"font_size": "1.3rem"}),
        paragraph("keys.intro"),
        shown_for(),
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


def info_tab() -> rx.Component:
    """What a key is, and the rule that sets the expiry of username + password, with its why."""
    return rx.fragment(
        paragraph("keys.info.text"),
        rx.el.h2(I18nState.t["keys.info.expiry_title"], style={"font_size": "1.15rem"}),
        paragraph("keys.info.expiry_rule"),
        paragraph("keys.info.expiry_why"),
        paragraph("keys.info.expiry_after"),
    )


def welcome() -> rx.Component:
    return rx.cond(
        KeysState.full_name != "",
        rx.el.p(I18nState.t["keys.welcome"], " ", rx.el.strong(KeysState.full_name)),
        rx.fragment(),
    )


def my_keys_page() -> rx.Component:
    return page_layout(
        page_title("keys.title"),
        private(
            welcome(),
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
                ("info", info_tab()),
                keys_tab(),
            ),
            rx.el.a(I18nState.t["keys.back"], href=routes.MY_SPACES, class_name="button-primary"),
        ),
    )
