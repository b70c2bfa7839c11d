"""IDENTIFICATION avec une identification électronique reconnue au plan européen (seed 004 §1b):
the person's country, "Continuer", then that country's identification service through the eIDAS
node; back on the return page, the answer is checked before the session opens, or the page says
why not and offers the countries again."""

from __future__ import annotations

import reflex as rx

from components.layout import page_layout, page_title
from components.progress import progress
from foundation import routes
from foundation.settings import get_settings
from state.eidas_login_state import EidasLoginState
from state.i18n_state import I18nState


def country_choice(code: str, *, first: bool) -> rx.Component:
    return rx.el.div(
        rx.el.input(
            id=f"country-{code}",
            type="radio",
            name="country",
            value=code,
            required=True,
            default_checked=first,
        ),
        rx.el.label(I18nState.t[f"eidas.country.{code}"], html_for=f"country-{code}"),
        class_name="checkbox-field",
    )


def country_form() -> rx.Component:
    # The countries offered are configuration: the page lists them from its first paint.
    codes = get_settings().eidas_country_codes()
    return rx.el.form(
        rx.el.p(I18nState.t["eidas.intro"]),
        rx.el.fieldset(
            rx.el.legend(I18nState.t["eidas.country.legend"]),
            *[country_choice(code, first=index == 0) for index, code in enumerate(codes)],
            class_name="choice-group",
        ),
        rx.el.p(I18nState.t["eidas.data"], class_name="field-help"),
        rx.el.div(
            rx.el.button(I18nState.t["eidas.continue"], type="submit", class_name="button-primary"),
            class_name="actions",
        ),
        on_submit=EidasLoginState.choose,
        aria_label=I18nState.t["eidas.country.legend"],
    )


def body() -> rx.Component:
    return rx.fragment(
        rx.cond(
            EidasLoginState.error_text != "",
            rx.el.div(EidasLoginState.error_text, role="alert", class_name="alert-error"),
            rx.fragment(),
        ),
        rx.match(
            EidasLoginState.step,
            ("leaving", progress("eidas.redirecting")),
            ("checking", progress("eidas.checking")),
            country_form(),
        ),
        rx.el.p(rx.el.a(I18nState.t["codelogin.other_key"], href=routes.KEY_CHOOSER)),
    )


def eidas_login_page() -> rx.Component:
    return page_layout(page_title("key.eidas"), body())


def eidas_return_page() -> rx.Component:
    """Where the ACS sends the browser (``routes.EIDAS_RETURN?ticket=…``): the same page, which
    completes the login or says why not and offers the countries again."""
    return page_layout(page_title("key.eidas"), body())
