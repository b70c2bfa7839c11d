"""Activer votre clé numérique (seed 004): activation code, key (mobile app, SMS code or paper
token), activation; the token to print."""

from __future__ import annotations

import reflex as rx

from components.forms import print_button, submit_button, text_field
from components.layout import page_layout, page_title, paragraph
from components.wizard import stepper
from foundation import routes
from identity.paper_token import LANGUAGES
from state.i18n_state import I18nState
from state.shown_once import APP_QR, APP_SECRET_TEXT, TOKEN_CARD
from state.token_activation_state import TokenActivationState as S

CARD_COLUMNS = 3  # as card_layout lays the codes out
STEP_LABELS = [
    ("code", "token.step.code"),
    ("choose", "token.step.choose"),
    ("activate", "token.step.activate"),
]


def back_button() -> rx.Component:
    return rx.el.button(
        I18nState.t["wizard.back"], type="button", on_click=S.back, class_name="button-secondary"
    )


def code_step() -> rx.Component:
    return rx.el.form(
        paragraph("token.code.text"),
        rx.el.div(
            rx.el.label(I18nState.t["token.code.field"], html_for="field-code"),
            rx.el.input(
                id="field-code",
                name="code",
                type="text",
                placeholder="XXXXX XXXXX XXXXX XXXXX",
                auto_complete="off",
                auto_capitalize="characters",
                spell_check=False,
                required=True,
                aria_describedby="code-help",
            ),
            rx.el.p(I18nState.t["token.code.help"], id="code-help", class_name="field-help"),
            class_name="field",
        ),
        rx.el.div(submit_button("wizard.next"), class_name="actions"),
        on_submit=S.submit_code,
        aria_label=I18nState.t["token.step.code"],
    )


def key_choice(kind: str, label_key: str) -> rx.Component:
    return rx.el.div(
        rx.el.input(
            id=f"key-{kind}",
            type="radio",
            name="key",
            value=kind,
            default_checked=S.key == kind,
            required=True,
        ),
        rx.el.label(I18nState.t[label_key], html_for=f"key-{kind}"),
        class_name="checkbox-field",
    )


def choose_step() -> rx.Component:
    return rx.el.form(
        rx.el.p(I18nState.t["token.choose.hello"], " ", rx.el.strong(S.full_name)),
        rx.el.fieldset(
            rx.el.legend(I18nState.t["token.choose.legend"]),
            rx.el.p(I18nState.t["token.choose.recommended"], class_name="field-help"),
            rx.el.details(
                rx.el.summary(I18nState.t["token.choose.why"]),
                rx.el.p(I18nState.t["token.choose.why_text"], class_name="field-help"),
            ),
            key_choice("totp", "token.choose.totp"),
            key_choice("sms_code", "token.choose.sms_code"),
            key_choice("paper_token", "token.choose.paper_token"),
            class_name="choice-group",
        ),
        rx.el.div(
            rx.el.label(I18nState.t["token.choose.language"], html_for="field-language"),
            rx.el.select(
                *[rx.el.option(I18nState.t[f"lang.{code}"], value=code) for code in LANGUAGES],
                id="field-language",
                name="language",
                default_value=S.language,
                required=True,
            ),
            class_name="field",
        ),
        rx.el.div(
            rx.el.input(id="field-terms", name="terms", type="checkbox", required=True),
            rx.el.label(I18nState.t["token.choose.terms"], html_for="field-terms"),
            class_name="checkbox-field",
        ),
        rx.el.p(
            rx.el.a(I18nState.t["token.choose.terms_link"], href=routes.TERMS, target="_blank")
        ),
        rx.el.div(back_button(), submit_button("token.choose.submit"), class_name="actions"),
        on_submit=S.choose,
        aria_label=I18nState.t["token.step.choose"],
    )


def credential_fields() -> rx.Component:
    return rx.fragment(
        text_field("credentials.username", "username", input_type="text", autocomplete="username"),
        text_field(
            "credentials.password", "password", input_type="password", autocomplete="new-password"
        ),
        text_field(
            "credentials.password_confirm",
            "password_confirmation",
            input_type="password",
            autocomplete="new-password",
        ),
    )


def token_activate_step() -> rx.Component:
    return rx.el.form(
        paragraph("token.activate.text"),
        credential_fields(),
        rx.el.div(back_button(), submit_button("token.activate.submit"), class_name="actions"),
        on_submit=S.activate,
        aria_label=I18nState.t["token.step.activate"],
    )


def app_activate_step() -> rx.Component:
    """The app's QR code and its first code, with the username + password it goes with."""
    return rx.el.form(
        paragraph("token.app.text"),
        rx.el.p(I18nState.t["totp.activate.scan"]),
        rx.el.img(
            src=APP_QR.value,
            alt=I18nState.t["totp.activate.qr_alt"],
            style={"width": "14rem", "height": "14rem", "image_rendering": "pixelated"},
        ),
        rx.el.p(I18nState.t["token.app.manual"]),
        rx.el.p(APP_SECRET_TEXT.value, class_name="secret"),
        rx.el.p(I18nState.t["totp.activate.personal"], class_name="alert-info"),
        rx.el.p(I18nState.t["token.app.enter"]),
        text_field(
            "totp.code_field", "first_code", input_type="text", autocomplete="one-time-code"
        ),
        paragraph("token.app.credentials"),
        credential_fields(),
        rx.el.div(back_button(), submit_button("token.app.submit"), class_name="actions"),
        on_submit=S.activate,
        aria_label=I18nState.t["token.step.activate"],
    )


def sms_number_form() -> rx.Component:
    """The SMS code, first: the number its registration code goes to."""
    return rx.el.form(
        paragraph("token.sms.text"),
        text_field("token.sms.field", "phone", input_type="tel", autocomplete="tel"),
        rx.el.div(back_button(), submit_button("token.sms.send"), class_name="actions"),
        on_submit=S.send_sms,
        aria_label=I18nState.t["token.step.activate"],
    )


def sms_code_form() -> rx.Component:
    """Then the code the SMS brought, with the username + password it is used with."""
    return rx.el.form(
        rx.el.p(I18nState.t["token.sms.sent"], " ", rx.el.strong(S.phone), role="status"),
        rx.el.p(I18nState.t["token.sms.enter"]),
        text_field(
            "token.sms.code_field", "first_code", input_type="text", autocomplete="one-time-code"
        ),
        rx.el.p(I18nState.t["token.sms.resend_delay"], class_name="field-help"),
        rx.el.p(
            rx.el.button(
                I18nState.t["token.sms.other_number"],
                type="button",
                on_click=S.other_number,
                class_name="button-secondary",
            ),
        ),
        paragraph("token.sms.credentials"),
        credential_fields(),
        rx.el.div(back_button(), submit_button("token.sms.submit"), class_name="actions"),
        on_submit=S.activate,
        aria_label=I18nState.t["token.step.activate"],
    )


def sms_activate_step() -> rx.Component:
    return rx.cond(S.sms_sent, sms_code_form(), sms_number_form())


def activate_step() -> rx.Component:
    return rx.match(
        S.key,
        ("totp", app_activate_step()),
        ("sms_code", sms_activate_step()),
        token_activate_step(),
    )


def token_card() -> rx.Component:
    """The card of numbered codes, laid out to be printed (shown once, also sent by e-mail)."""
    return rx.el.section(
        rx.el.h2(I18nState.t["token.card.title"]),
        rx.el.p(I18nState.t["token.card.holder"], " ", rx.el.strong(S.full_name)),
        rx.el.table(
            rx.el.caption(I18nState.t["token.card.caption"], class_name="visually-hidden"),
            rx.el.thead(
                rx.el.tr(
                    *[
                        rx.el.th(I18nState.t[f"token.card.{label}"], scope="col")
                        for _ in range(CARD_COLUMNS)
                        for label in ("number", "code")
                    ]
                )
            ),
            rx.el.tbody(
                rx.foreach(
                    TOKEN_CARD.value,
                    lambda row: rx.el.tr(
                        rx.foreach(
                            row,
                            lambda cell, index: rx.cond(
                                index % 2 == 0,
                                rx.el.th(cell, scope="row"),
                                rx.el.td(cell, class_name="secret"),
                            ),
                        )
                    ),
                )
            ),
            class_name="token-card",
        ),
        rx.el.p(I18nState.t["token.card.keep"]),
        aria_label=I18nState.t["token.card.title"],
        class_name="printable",
    )


def token_done() -> rx.Component:
    return rx.fragment(
        rx.el.div(
            rx.el.h2(I18nState.t["token.done.title"], style={"margin": "0 0 0.5rem"}),
            rx.el.p(I18nState.t["token.done.logged_out"]),
            rx.el.p(I18nState.t["token.done.sent"], " ", rx.el.strong(S.email)),
            rx.el.p(I18nState.t["token.done.how"]),
            role="status",
            class_name="alert-success no-print",
        ),
        rx.el.p(I18nState.t["token.done.warning"], class_name="alert-info no-print"),
        rx.el.div(
            print_button("token.card.print", class_name="button-secondary"),
            rx.el.a(
                I18nState.t["token.done.login"],
                href=routes.key_login("paper_token"),
                class_name="button-primary",
            ),
            class_name="actions no-print",
        ),
        token_card(),
    )


def key_done(title_key: str, how: rx.Component, key: str) -> rx.Component:
    """The end of an activation whose first key is the app or the SMS code: the key is active,
    this browser is logged out, and the login of that key is one click away."""
    return rx.fragment(
        rx.el.div(
            rx.el.h2(I18nState.t[title_key], style={"margin": "0 0 0.5rem"}),
            rx.el.p(I18nState.t["token.done.logged_out"]),
            how,
            role="status",
            class_name="alert-success",
        ),
        rx.el.p(I18nState.t["token.done.warning"], class_name="alert-info"),
        rx.el.div(
            rx.el.a(
                I18nState.t["token.done.login"],
                href=routes.key_login(key),
                class_name="button-primary",
            ),
            class_name="actions",
        ),
    )


def app_done() -> rx.Component:
    return key_done("token.done.app_title", rx.el.p(I18nState.t["token.done.app_how"]), "totp")


def sms_done() -> rx.Component:
    how = rx.el.p(I18nState.t["token.done.sms_how"], " ", rx.el.strong(S.phone))
    return key_done("token.done.sms_title", how, "sms_code")


def done_step() -> rx.Component:
    return rx.match(S.key, ("totp", app_done()), ("sms_code", sms_done()), token_done())


def token_activation_page() -> rx.Component:
    return page_layout(
        page_title("token.title"),
        rx.cond(
            rx.State.is_hydrated,
            rx.fragment(
                stepper(STEP_LABELS, S.step, S.step_index),
                rx.cond(
                    S.error_text != "",
                    rx.el.div(S.error_text, role="alert", class_name="alert-error"),
                    rx.fragment(),
                ),
                rx.cond(
                    S.link_ok,
                    rx.match(
                        S.step,
                        ("choose", choose_step()),
                        ("activate", activate_step()),
                        ("done", done_step()),
                        code_step(),
                    ),
                    rx.fragment(),
                ),
            ),
            rx.el.p(I18nState.t["common.loading"], role="status"),
        ),
    )


def terms_page() -> rx.Component:
    return page_layout(
        page_title("terms.title"),
        paragraph("terms.purpose"),
        paragraph("terms.keys"),
        paragraph("terms.care"),
        paragraph("terms.data"),
    )
