"""Mes sessions, a section of Mon profil: where the person is logged in right now."""

from __future__ import annotations

import reflex as rx

from state.i18n_state import I18nState
from state.my_sessions_state import MySessionsState, SessionRow


def browser_text(row: SessionRow) -> rx.Component:
    """ "Chrome sur Linux", "Chrome", or the words for a browser that named itself not."""
    return rx.cond(
        row.browser != "",
        rx.fragment(
            row.browser,
            rx.cond(
                row.system != "",
                rx.fragment(" ", I18nState.t["sessions.on"], " ", row.system),
                rx.fragment(),
            ),
        ),
        I18nState.t["sessions.unknown_browser"],
    )


def session_action(row: SessionRow) -> rx.Component:
    return rx.cond(
        row.current,
        rx.el.strong(
            I18nState.t["sessions.current"],
            class_name="badge badge-active",
            style={"white_space": "nowrap"},
        ),
        rx.el.button(
            I18nState.t["sessions.end"],
            # Which session the button ends, for a screen reader going through the buttons alone.
            rx.el.span(
                " (", browser_text(row), ", ", row.started, ")", class_name="visually-hidden"
            ),
            type="button",
            on_click=MySessionsState.end(row.reference),
            class_name="button-secondary",
        ),
    )


def session_line(row: SessionRow) -> rx.Component:
    return rx.el.tr(
        rx.el.td(browser_text(row)),
        rx.el.td(I18nState.t[row.key_name_key]),
        rx.el.td(I18nState.t[row.level_key]),
        rx.el.td(row.started),
        rx.el.td(row.last_seen),
        rx.el.td(session_action(row)),
        class_name=rx.cond(row.current, "current-session", ""),
    )


def my_sessions_section() -> rx.Component:
    return rx.el.section(
        rx.el.h2(I18nState.t["sessions.title"], id="my-sessions", style={"font_size": "1.2rem"}),
        rx.el.p(I18nState.t["sessions.intro"]),
        rx.cond(
            MySessionsState.message_key != "",
            rx.el.p(
                I18nState.t[MySessionsState.message_key], role="status", class_name="alert-success"
            ),
            rx.fragment(),
        ),
        rx.cond(
            MySessionsState.error_text != "",
            rx.el.div(
                rx.el.p(MySessionsState.error_text, style={"margin": "0"}),
                rx.cond(
                    MySessionsState.relogin_url != "",
                    rx.el.a(
                        I18nState.t["sessions.log_in_again"],
                        href=MySessionsState.relogin_url,
                        class_name="button-primary",
                        style={"display": "inline-block", "margin_top": "0.6rem"},
                    ),
                    rx.fragment(),
                ),
                role="alert",
                class_name="alert-error",
            ),
            rx.fragment(),
        ),
        rx.el.table(
            rx.el.thead(
                rx.el.tr(
                    *[
                        rx.el.th(I18nState.t[key], scope="col")
                        for key in (
                            "sessions.browser",
                            "sessions.key",
                            "sessions.level",
                            "sessions.started",
                            "sessions.last_seen",
                            "sessions.action",
                        )
                    ]
                )
            ),
            rx.el.tbody(rx.foreach(MySessionsState.rows, session_line)),
            class_name="data-table",
        ),
        rx.cond(
            MySessionsState.rows.length() > 1,  # type: ignore[attr-defined]
            rx.el.button(
                I18nState.t["sessions.end_others"],
                type="button",
                on_click=MySessionsState.end_others,
                class_name="button-danger",
            ),
            rx.el.p(I18nState.t["sessions.only_this"]),
        ),
        aria_labelledby="my-sessions",
        style={"margin": "2rem 0"},
    )
