"""'Nom d'utilisateur et/ou mot de passe oublié(s)?' (seed 004 §2e/§2f, #18): with the eID card
or itsme, the username and a new password; without them, the registration office."""

from __future__ import annotations

import reflex as rx

from components.forms import submit_button, text_field
from components.layout import page_layout, page_title, paragraph
from foundation import routes
from state.forgotten_credentials_state import ForgottenCredentialsState as S
from state.i18n_state import I18nState


def login_link(key: str) -> rx.Component:
    """A login with ``key`` that comes back to this page."""
    return rx.el.a(
        I18nState.t[f"key.{key}"],
        href=routes.login_then(routes.FORGOTTEN_CREDENTIALS, key=key),
        reload_document=True,  # the login's entry is an HTTP endpoint, not a page
        class_name="key-link",
    )


def section(title_key: str, title_id: str, *children: rx.Component) -> rx.Component:
    return rx.el.section(
        rx.el.h2(I18nState.t[title_key], id=title_id, style={"font_size": "1.3rem"}),
        *children,
        aria_labelledby=title_id,
        style={"margin": "0 0 2rem"},
    )


def with_eid() -> rx.Component:
    return section(
        "recovery.with_eid.title",
        "recovery-with-eid",
        rx.cond(
            S.weak_login,
            rx.el.p(I18nState.t["recovery.weak_login"], class_name="alert-info"),
            rx.fragment(),
        ),
        paragraph("recovery.with_eid.text"),
        rx.el.ul(
            rx.el.li(login_link("eid"), style={"list_style": "none"}),
            rx.el.li(login_link("itsme"), style={"list_style": "none"}),
            style={
                "display": "grid",
                "gap": "0.75rem",
                "padding": "0",
                "margin": "0",
                "grid_template_columns": "repeat(auto-fill, minmax(18rem, 1fr))",
            },
        ),
    )


def without_eid() -> rx.Component:
    return section(
        "recovery.without_eid.title",
        "recovery-without-eid",
        paragraph("recovery.without_eid.text"),
        rx.el.a(I18nState.t["recovery.offices_link"], href=routes.REGISTRATION_OFFICES),
    )


def new_password_form() -> rx.Component:
    return rx.el.form(
        rx.el.p(
            I18nState.t["recovery.your_username"],
            " ",
            rx.el.strong(S.username),
            style={"margin": "0 0 0.75rem"},
        ),
        paragraph("recovery.new_password.text"),
        text_field(
            "recovery.new_password", "password", input_type="password", autocomplete="new-password"
        ),
        text_field(
            "credentials.password_confirm",
            "password_confirmation",
            input_type="password",
            autocomplete="new-password",
        ),
        rx.cond(
            S.error_text != "",
            rx.el.p(S.error_text, role="alert", class_name="alert-error"),
            rx.fragment(),
        ),
        rx.el.div(submit_button("recovery.save"), class_name="actions"),
        on_submit=S.save,
        reset_on_submit=True,  # a password is not left in the page
        aria_label=I18nState.t["recovery.new_password.title"],
    )


def no_username() -> rx.Component:
    return rx.el.div(
        rx.el.p(I18nState.t["recovery.no_username"]),
        rx.el.a(
            I18nState.t["keys.title"],
            href=routes.key_activation("password"),
            class_name="button-primary",
        ),
        class_name="alert-info",
    )


def saved() -> rx.Component:
    return rx.el.div(
        rx.el.p(
            I18nState.t["recovery.saved"],
            " ",
            rx.el.strong(S.username),
            role="status",
            class_name="alert-success",
        ),
        rx.el.div(
            rx.el.a(I18nState.t["keys.title"], href=routes.MY_KEYS, class_name="button-secondary"),
            rx.el.a(
                I18nState.t["nav.my_spaces"], href=routes.MY_SPACES, class_name="button-primary"
            ),
            class_name="actions",
        ),
    )


def forgotten_credentials_page() -> rx.Component:
    return page_layout(
        page_title("recovery.title"),
        rx.cond(
            S.checked,
            rx.cond(
                S.done,
                saved(),
                rx.cond(
                    S.strong,
                    rx.cond(S.username != "", new_password_form(), no_username()),
                    rx.fragment(
                        with_eid(),
                        without_eid(),
                        rx.el.p(
                            rx.el.a(I18nState.t["codelogin.other_key"], href=routes.KEY_CHOOSER)
                        ),
                    ),
                ),
            ),
            rx.el.p(I18nState.t["common.loading"], role="status"),
        ),
    )
