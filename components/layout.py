"""The page template every page of the portal uses."""

from __future__ import annotations

import reflex as rx

from components import theme
from components.footer import footer
from components.header import header
from foundation import routes
from state.i18n_state import I18nState
from state.session_state import SessionState

MAIN_ID = "contenu"


def skip_link() -> rx.Component:
    return rx.el.a(
        I18nState.t["skip.to_content"],
        href=f"#{MAIN_ID}",
        class_name="skip-link",
    )


def page_layout(*children: rx.Component) -> rx.Component:
    return rx.el.div(
        skip_link(),
        header(),
        rx.el.main(
            # Until the page is live its controls would lose what is typed (React may render
            # them anew) or post a form as a plain GET; a disabled fieldset holds them all.
            rx.el.fieldset(*children, disabled=~rx.State.is_hydrated, class_name="page-content"),
            id=MAIN_ID,
            tab_index=-1,
            style={
                "max_width": theme.CONTENT_WIDTH,
                "width": "100%",
                "margin": "0 auto",
                "padding": "2rem 1.25rem 3rem",
                "flex": "1",
                "outline": "none",
            },
        ),
        footer(),
        on_mount=SessionState.page_shown,
        style={
            "min_height": "100vh",
            "display": "flex",
            "flex_direction": "column",
            "background": "white",
            "color": theme.INK,
        },
    )


def page_title(key: str) -> rx.Component:
    return rx.el.h1(
        I18nState.t[key],
        style={
            "font_size": "2rem",
            "line_height": "1.25",
            "margin": "0 0 1rem",
            "color": theme.INK,
        },
    )


def paragraph(key: str | rx.Var[str]) -> rx.Component:
    return rx.el.p(
        I18nState.t[key], style={"line_height": "1.6", "margin": "0 0 1rem", "max_width": "48rem"}
    )


def primary_link_button(label_key: str, href: str) -> rx.Component:
    return rx.el.a(
        I18nState.t[label_key],
        href=href,
        class_name="button-primary",
    )


def private(*children: rx.Component) -> rx.Component:
    """Content shown only once this page's checks ran and found a live session."""
    return rx.cond(
        rx.State.is_hydrated & SessionState.logged_in,
        rx.fragment(*children),
        rx.el.p(I18nState.t["common.loading"], role="status"),
    )


def loaded(
    ready: rx.Var[bool] | bool,
    *content: rx.Component,
    refusal: rx.Var[str] | str | None = None,
) -> rx.Component:
    """``content`` once the page's own checks passed (``ready``); "Chargement…" until then, or,
    when the checks refused the page, the ``refusal``'s text alone."""
    shown = content[0] if len(content) == 1 else rx.fragment(*content)
    waiting = rx.el.p(I18nState.t["common.loading"], role="status")
    if refusal is None:
        return rx.cond(ready, shown, waiting)
    return rx.cond(ready, shown, rx.cond(refusal != "", refused(refusal), waiting))


def refused(refusal: rx.Var[str] | str) -> rx.Component:
    """ "Accès refusé", why, and the way back to the person's spaces."""
    return rx.el.div(
        rx.el.h1(I18nState.t["professional.refused"], style={"font_size": "1.8rem"}),
        rx.el.p(refusal, role="alert", class_name="alert-error"),
        rx.el.a(
            I18nState.t["professional.menu.spaces"],
            href=routes.MY_SPACES,
            class_name="button-secondary",
        ),
    )


def logout_button(label_key: str, class_name: str = "button-secondary") -> rx.Component:
    return rx.el.button(
        I18nState.t[label_key], type="button", on_click=SessionState.logout, class_name=class_name
    )


def eid_login_needed(text_key: str, login: str | rx.Var[str]) -> rx.Component:
    """Why the page is closed for now, and the way in: ``login``, an eID login that comes back to
    this page (``routes.login_then(<this page>, key="eid")``): the person asked for this page,
    not for Mes espaces."""
    return rx.el.div(
        rx.el.p(I18nState.t[text_key]),
        rx.el.a(
            I18nState.t["codelogin.eid_link"],
            href=login,
            reload_document=True,  # the login's entry is an HTTP endpoint, not a page
            class_name="button-primary",
        ),
        class_name="alert-info",
    )
