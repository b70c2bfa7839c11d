"""Activation wizards of the keys (seed 004 §2e: "Activer une application mobile", 5 steps)."""

from __future__ import annotations

import reflex as rx

from components.layout import eid_login_needed, page_layout, page_title, paragraph, private
from components.wizard import stepper
from foundation import routes
from state.i18n_state import I18nState
from state.key_activation_state import WIZARD_STEPS, KeyActivationState

STEP_LABELS_BY_KIND = {
    "email_code": {"destination": "email.step.destination", "code": "enrol.step.code"},
    "sms_code": {"destination": "sms.step.destination", "code": "enrol.step.code"},
}
STEP_LABELS = {
    "contact": "totp.step.contact",
    "install": "totp.step.install",
    "activate": "totp.step.activate",
    "credentials": "totp.step.credentials",
    "confirmation": "totp.step.confirmation",
}
WIZARD_TITLES = {
    "totp": "totp.title",
    "email_code": "email.title",
    "sms_code": "sms.title",
    "password": "password.title",
}
DONE_TEXTS = {
    "totp": ("totp.done.title", "totp.done.text"),
    "email_code": ("email.done.title", "email.done.text"),
    "sms_code": ("sms.done.title", "sms.done.text"),
}
APP_EXAMPLES = ("Google Authenticator", "Microsoft Authenticator", "Duo Mobile", "FreeOTP")


def wizard_buttons(*, continue_type: str = "submit") -> rx.Component:
    return rx.el.div(
        rx.el.button(
            I18nState.t["wizard.cancel"],
            type="button",
            on_click=KeyActivationState.cancel,
            class_name="button-secondary",
        ),
        rx.el.button(
            I18nState.t["wizard.continue"],
            type=continue_type,
            on_click=KeyActivationState.next_step if continue_type == "button" else None,
            class_name="button-primary",
        ),
        class_name="actions",
    )


def field(label_key: str, name: str, input_type: str, autocomplete: str) -> rx.Component:
    field_id = f"field-{name}"
    return rx.el.div(
        rx.el.label(I18nState.t[label_key], html_for=field_id),
        rx.el.input(
            id=field_id, name=name, type=input_type, auto_complete=autocomplete, required=True
        ),
        class_name="field",
    )


def contact_step() -> rx.Component:
    return rx.fragment(
        paragraph("totp.contact.text"),
        rx.el.dl(
            rx.el.dt(I18nState.t["keys.profile.email"]),
            rx.el.dd(KeyActivationState.email),
            class_name="identity-list",
        ),
        wizard_buttons(continue_type="button"),
    )


def install_step() -> rx.Component:
    return rx.fragment(
        paragraph("totp.install.text"),
        rx.el.p(I18nState.t["totp.install.examples"]),
        rx.el.ul(*[rx.el.li(app) for app in APP_EXAMPLES]),
        wizard_buttons(continue_type="button"),
    )


def activate_step() -> rx.Component:
    return rx.el.form(
        rx.el.p(I18nState.t["totp.activate.scan"]),
        rx.el.img(
            src=KeyActivationState.qr_src,
            alt=I18nState.t["totp.activate.qr_alt"],
            id="totp-qr",
            style={"width": "14rem", "height": "14rem", "image_rendering": "pixelated"},
        ),
        rx.el.p(I18nState.t["totp.activate.enter"]),
        field("totp.code_field", "code", "text", "one-time-code"),
        rx.el.p(I18nState.t["totp.activate.manual"]),
        rx.el.p(KeyActivationState.secret_text, class_name="secret"),
        rx.el.p(I18nState.t["totp.activate.personal"], class_name="alert-info"),
        wizard_buttons(),
        on_submit=KeyActivationState.confirm_first_code,
        reset_on_submit=True,
        aria_label=I18nState.t["totp.step.activate"],
    )


def destination_step(kind: str) -> rx.Component:
    prefix = "email" if kind == "email_code" else "sms"
    field_id = "field-destination"
    return rx.el.form(
        paragraph(f"{prefix}.destination.text"),
        rx.el.div(
            rx.el.label(I18nState.t[f"{prefix}.destination.field"], html_for=field_id),
            rx.el.input(
                id=field_id,
                name="destination",
                required=True,
                type="email" if kind == "email_code" else "tel",
                auto_complete="email" if kind == "email_code" else "tel",
                default_value=KeyActivationState.email if kind == "email_code" else "",
            ),
            class_name="field",
        ),
        wizard_buttons(),
        on_submit=KeyActivationState.send_registration_code,
        aria_label=I18nState.t[f"{prefix}.step.destination"],
    )


def code_step(kind: str) -> rx.Component:
    return rx.el.form(
        paragraph(f"enrol.code.text.{kind}"),
        rx.el.p(rx.el.strong(KeyActivationState.destination)),
        field("enrol.code.field", "code", "text", "one-time-code"),
        wizard_buttons(),
        on_submit=KeyActivationState.confirm_registration_code,
        reset_on_submit=True,
        aria_label=I18nState.t["enrol.step.code"],
    )


def credentials_step() -> rx.Component:
    return rx.cond(
        KeyActivationState.has_credential & (KeyActivationState.kind != "password"),
        rx.el.form(
            rx.el.p(
                I18nState.t["credentials.existing"], " ", rx.el.strong(KeyActivationState.username)
            ),
            wizard_buttons(),
            on_submit=KeyActivationState.save_credentials,
        ),
        rx.el.form(
            paragraph("credentials.text"),
            field("credentials.username", "username", "text", "username"),
            field("credentials.password", "password", "password", "new-password"),
            field(
                "credentials.password_confirm", "password_confirmation", "password", "new-password"
            ),
            wizard_buttons(),
            on_submit=KeyActivationState.save_credentials,
            aria_label=I18nState.t["totp.step.credentials"],
        ),
    )


def confirmation_step(kind: str) -> rx.Component:
    title_key, text_key = DONE_TEXTS.get(kind, ("credentials.saved", ""))
    return rx.fragment(
        rx.el.div(
            rx.el.h2(I18nState.t[title_key], style={"font_size": "1.3rem", "margin": "0 0 0.5rem"}),
            rx.el.p(I18nState.t[text_key]) if text_key else rx.fragment(),
            role="status",
            class_name="alert-success",
        ),
        rx.el.p(I18nState.t["keys.reminder"]),
        rx.el.div(
            rx.el.a(I18nState.t["keys.title"], href=routes.MY_KEYS, class_name="button-secondary"),
            rx.el.a(I18nState.t["keys.back"], href=routes.MY_SPACES, class_name="button-primary"),
            class_name="actions",
        ),
    )


def key_activation_page(kind: str) -> rx.Component:
    labels = {**STEP_LABELS, **STEP_LABELS_BY_KIND.get(kind, {})}
    steps = [(name, labels[name]) for name in WIZARD_STEPS[kind]]
    return page_layout(
        page_title(WIZARD_TITLES[kind]),
        private(
            rx.cond(
                KeyActivationState.allowed,
                rx.fragment(
                    stepper(steps, KeyActivationState.step, KeyActivationState.step_index),
                    rx.cond(
                        KeyActivationState.error_text != "",
                        rx.el.p(
                            KeyActivationState.error_text, role="alert", class_name="alert-error"
                        ),
                        rx.fragment(),
                    ),
                    rx.match(
                        KeyActivationState.step,
                        ("contact", contact_step()),
                        ("install", install_step()),
                        ("activate", activate_step()),
                        ("destination", destination_step(kind)),
                        ("code", code_step(kind)),
                        ("credentials", credentials_step()),
                        confirmation_step(kind),
                    ),
                ),
                eid_login_needed("keys.strong_login_needed"),
            ),
        ),
    )
