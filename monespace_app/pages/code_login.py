"""Login pages of the keys with username + password (and a security code for the code keys)."""

from __future__ import annotations

import reflex as rx

from components.forms import submit_button
from components.layout import page_layout, page_title
from foundation import routes
from state.code_login_state import CodeLoginState
from state.i18n_state import I18nState


def labelled_input(label_key: str, name: str, input_type: str, autocomplete: str) -> rx.Component:
    field_id = f"field-{name}"
    return rx.el.div(
        rx.el.label(I18nState.t[label_key], html_for=field_id),
        rx.el.input(
            id=field_id, name=name, type=input_type, auto_complete=autocomplete, required=True
        ),
        class_name="field",
    )


def credentials_form() -> rx.Component:
    # Kept on the page while the password is checked, and not reset: whatever the answer (wrong
    # password, too many attempts, service busy), what was typed is still there to send again.
    return rx.el.form(
        rx.el.fieldset(
            rx.el.p(I18nState.t["codelogin.step1"]),
            labelled_input("codelogin.username", "username", "text", "username"),
            labelled_input("codelogin.password", "password", "password", "current-password"),
            rx.el.p(
                rx.el.a(I18nState.t["recovery.link"], href=routes.FORGOTTEN_CREDENTIALS),
                style={"margin": "0 0 1rem"},
            ),
            rx.el.div(submit_button("wizard.continue"), class_name="actions"),
            disabled=CodeLoginState.step == "checking",  # one check at a time
            style={"border": "none", "padding": "0", "margin": "0"},
        ),
        on_submit=CodeLoginState.submit_credentials,
        aria_label=I18nState.t["codelogin.step1"],
    )


def code_form(field_key: str) -> rx.Component:
    """``field_key``: the code field's label, the key's own ("Saisissez votre mot de passe à usage
    unique" for the e-mail code, as seed 004 §2f writes it)."""
    return rx.el.form(
        rx.el.p(
            I18nState.t[CodeLoginState.prompt_key], " ", rx.el.strong(CodeLoginState.prompt_detail)
        ),
        rx.el.div(
            rx.el.label(I18nState.t[field_key], html_for="field-code"),
            rx.el.input(
                id="field-code",
                name="code",
                type="text",
                input_mode="numeric",
                auto_complete="one-time-code",
                required=True,
                auto_focus=True,
            ),
            class_name="field",
        ),
        rx.cond(
            CodeLoginState.resent,
            rx.el.p(I18nState.t["codelogin.resent"], role="status", class_name="alert-success"),
            rx.fragment(),
        ),
        rx.el.div(
            submit_button("wizard.continue"),
            rx.cond(
                CodeLoginState.can_resend,
                rx.el.button(
                    I18nState.t["codelogin.resend"],
                    type="button",
                    on_click=CodeLoginState.resend,
                    class_name="button-secondary",
                ),
                rx.fragment(),
            ),
            class_name="actions",
        ),
        rx.cond(
            CodeLoginState.can_resend,
            rx.el.p(I18nState.t["codelogin.mail_delay"], style={"font_size": "0.9rem"}),
            rx.fragment(),
        ),
        # Not reset: a code refused (too many attempts) is still there to send again.
        on_submit=CodeLoginState.submit_code,
        aria_label=I18nState.t["codelogin.code"],
    )


def not_enrolled_help() -> rx.Component:
    return rx.el.aside(
        rx.el.p(I18nState.t["codelogin.not_enrolled"], style={"margin": "0 0 0.6rem"}),
        rx.el.a(
            I18nState.t["codelogin.eid_link"],
            href=CodeLoginState.activation_login,
            reload_document=True,  # the login's entry is an HTTP endpoint, not a page
            class_name="key-link",
            style={"max_width": "24rem"},
        ),
        class_name="alert-info",
        style={"margin_top": "2rem"},
    )


def no_eid_help() -> rx.Component:
    """Seed 004 §2e-2f, "Vous n'avez pas d'eID ?": how to use the online services without one."""
    return rx.el.aside(
        rx.el.h2(I18nState.t["codelogin.no_eid"], style={"font_size": "1.1rem", "margin": "0"}),
        rx.el.p(
            rx.el.a(I18nState.t["codelogin.no_eid_link"], href=routes.WITHOUT_EID),
            " ",
            I18nState.t["codelogin.no_eid_text"],
            style={"margin": "0.4rem 0 0"},
        ),
        aria_label=I18nState.t["codelogin.no_eid"],
        style={"margin_top": "1.5rem"},
    )


def code_field_key(kind: str) -> str:
    """The catalogue's label for this key's code field: ``codelogin.code.<kind>``."""
    return f"codelogin.code.{kind}"


def code_login_page(kind: str, *, asks_code: bool = True) -> rx.Component:
    """``asks_code``: a code key (its activation needs an eID login first), not the password."""
    return page_layout(
        page_title(f"codelogin.title.{kind}"),
        rx.cond(
            CodeLoginState.error_text != "",
            rx.el.div(CodeLoginState.error_text, role="alert", class_name="alert-error"),
            rx.fragment(),
        ),
        rx.cond(
            CodeLoginState.step == "code",
            code_form(code_field_key(kind) if asks_code else "codelogin.code"),
            rx.fragment(
                rx.cond(
                    CodeLoginState.step == "checking",
                    rx.el.p(
                        I18nState.t["codelogin.checking"], role="status", class_name="alert-info"
                    ),
                    rx.fragment(),
                ),
                credentials_form(),
            ),
        ),
        rx.el.p(rx.el.a(I18nState.t["codelogin.other_key"], href=routes.KEY_CHOOSER)),
        not_enrolled_help() if asks_code else rx.fragment(),
        no_eid_help(),
    )
