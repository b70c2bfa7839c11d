"""IDENTIFICATION via itsme: the phone number (+32), "envoyer", then itsme's own page (the number
confirmed there, the request approved on the phone), and back on the return page, where the
answer is checked before the session opens."""

from __future__ import annotations

import reflex as rx

from components.layout import page_layout, page_title
from foundation import routes
from state.i18n_state import I18nState
from state.itsme_login_state import ItsmeLoginState


def phone_form() -> rx.Component:
    return rx.el.form(
        rx.el.p(I18nState.t["itsme.intro"]),
        rx.el.div(
            rx.el.label(I18nState.t["itsme.phone"], html_for="field-phone"),
            rx.el.input(
                id="field-phone",
                name="phone",
                type="tel",
                auto_complete="tel",
                required=True,
                placeholder="+32 470 12 34 56",
            ),
            class_name="field",
        ),
        rx.el.div(
            rx.el.button(I18nState.t["itsme.send"], type="submit", class_name="button-primary"),
            class_name="actions",
        ),
        on_submit=ItsmeLoginState.send,
        aria_label=I18nState.t["itsme.phone"],
    )


def progress(text_key: str) -> rx.Component:
    return rx.el.div(
        rx.el.div(
            rx.el.span(class_name="spinner", aria_hidden="true"),
            rx.el.span(I18nState.t[text_key]),
            class_name="progress",
        ),
        role="status",
        aria_live="polite",
        class_name="alert-info",
    )


def body() -> rx.Component:
    return rx.fragment(
        rx.cond(
            ItsmeLoginState.error_text != "",
            rx.el.div(ItsmeLoginState.error_text, role="alert", class_name="alert-error"),
            rx.fragment(),
        ),
        rx.match(
            ItsmeLoginState.step,
            ("leaving", progress("itsme.redirecting")),
            ("checking", progress("itsme.checking")),
            phone_form(),
        ),
        rx.el.p(rx.el.a(I18nState.t["codelogin.other_key"], href=routes.KEY_CHOOSER)),
    )


def itsme_login_page() -> rx.Component:
    return page_layout(page_title("key.itsme"), body())


def itsme_return_page() -> rx.Component:
    """Where itsme sends the browser back (``routes.ITSME_RETURN``): the same page, which checks
    the answer, then opens the session or says why not and offers to start again."""
    return page_layout(page_title("key.itsme"), body())
