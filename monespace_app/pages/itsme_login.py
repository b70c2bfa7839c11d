"""IDENTIFICATION via itsme: the phone number (+32), "Se souvenir de mon numéro?", "envoyer", then
itsme's own page (the number confirmed there, the request approved on the phone), and back on the
return page, where the answer is checked before the session opens. Below the form, the guide's
prerequisites (seed 004 §2a) with "Plus d'info" on itsme's site."""

from __future__ import annotations

import reflex as rx

from components.layout import page_layout, page_title
from components.progress import progress
from foundation import routes
from monespace_app.pages.home import labelled_panel
from state.i18n_state import I18nState
from state.itsme_login_state import ItsmeLoginState

# Seed 004 §2a: what a login via itsme needs, then what creating the itsme account needs.
LOGIN_NEEDS = ("email", "smartphone", "app")
ACCOUNT_NEEDS = ("card", "reader", "pin", "number")


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
        remember_box(),
        rx.el.div(
            rx.el.button(I18nState.t["itsme.send"], type="submit", class_name="button-primary"),
            class_name="actions",
        ),
        on_submit=ItsmeLoginState.send,
        aria_label=I18nState.t["itsme.phone"],
    )


def remember_box() -> rx.Component:
    """Unticked on every page: the load's script ticks it (and fills the number) when this
    browser keeps one, so the page never holds the number in its state."""
    return rx.el.div(
        rx.el.input(
            id="field-remember",
            name="remember",
            type="checkbox",
            aria_describedby="remember-help",
        ),
        rx.el.div(
            rx.el.label(I18nState.t["itsme.remember"], html_for="field-remember"),
            rx.el.p(
                I18nState.t["itsme.remember.help"], id="remember-help", class_name="field-help"
            ),
        ),
        class_name="checkbox-field",
    )


def outside_link(text_key: str) -> rx.Component:
    """A link to itsme's own site, which says so."""
    return rx.el.a(
        I18nState.t[text_key],
        " ",
        I18nState.t["itsme.elsewhere"],
        href=I18nState.itsme_account_url,
        rel="noopener",
    )


def needs_list(needs: tuple[str, ...]) -> rx.Component:
    return rx.el.ul(
        *[rx.el.li(I18nState.t[f"itsme.needs.{need}"]) for need in needs],
        style={"list_style": "disc", "padding_left": "1.4rem", "margin": "0.3rem 0 0.8rem"},
    )


def prerequisites() -> rx.Component:
    """The guide's "Prérequis" for itsme, and "Plus d'info" on itsme's site."""
    return labelled_panel(
        rx.el.aside,
        I18nState.t["itsme.needs.title"],
        "itsme-needs-title",
        {"font_size": "1.1rem", "margin": "0 0 0.5rem"},
        rx.el.p(I18nState.t["itsme.needs.login"], style={"margin": "0"}),
        needs_list(LOGIN_NEEDS),
        rx.el.p(I18nState.t["itsme.needs.account"], style={"margin": "0"}),
        needs_list(ACCOUNT_NEEDS),
        rx.el.p(outside_link("itsme.more"), style={"margin": "0"}),
        class_name="alert-info",
        style={"margin_top": "2rem", "max_width": "48rem"},
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
            rx.fragment(phone_form(), prerequisites()),
        ),
        rx.el.p(rx.el.a(I18nState.t["codelogin.other_key"], href=routes.KEY_CHOOSER)),
    )


def itsme_login_page() -> rx.Component:
    return page_layout(page_title("key.itsme"), body())


def itsme_return_page() -> rx.Component:
    """Where itsme sends the browser back (``routes.ITSME_RETURN``): the same page, which checks
    the answer, then opens the session or says why not and offers to start again."""
    return page_layout(page_title("key.itsme"), body())
