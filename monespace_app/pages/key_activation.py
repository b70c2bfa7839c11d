"""Activation wizards of the keys (seed 004 §2e: "Activer une application mobile", 5 steps).

Each key's wizard (its steps, titles and texts) comes from its registry entry; this module knows
how to show each kind of step.
"""

from __future__ import annotations

import reflex as rx

from components.layout import eid_login_needed, page_layout, page_title, paragraph, private
from components.wizard import stepper
from foundation import routes
from identity.key_protocol import Wizard, WizardStepName
from state.i18n_state import I18nState
from state.key_activation_state import KeyActivationState
from state.shown_once import APP_QR, APP_SECRET_TEXT

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


def email_change_form() -> rx.Component:
    """ "Modifier": the new address twice; it replaces the old one once confirmed by e-mail."""
    return rx.el.form(
        field("totp.contact.new_email", "email", "email", "email"),
        field("totp.contact.new_email_confirm", "email_confirmation", "email", "email"),
        rx.cond(
            KeyActivationState.email_error != "",
            rx.el.p(KeyActivationState.email_error, role="alert", class_name="alert-error"),
            rx.fragment(),
        ),
        rx.el.div(
            rx.el.button(
                I18nState.t["wizard.cancel"],
                type="button",
                on_click=KeyActivationState.edit_email(False),
                class_name="button-secondary",
            ),
            rx.el.button(
                I18nState.t["totp.contact.save"], type="submit", class_name="button-primary"
            ),
            class_name="actions",
        ),
        on_submit=KeyActivationState.change_email,
        aria_label=I18nState.t["totp.contact.change"],
    )


def contact_step() -> rx.Component:
    return rx.fragment(
        paragraph("totp.contact.text"),
        rx.el.dl(
            rx.el.dt(I18nState.t["keys.profile.email"]),
            rx.el.dd(
                KeyActivationState.email,
                " ",
                rx.cond(
                    KeyActivationState.editing_email,
                    rx.fragment(),
                    rx.el.button(
                        I18nState.t["keys.modify"],
                        type="button",
                        on_click=KeyActivationState.edit_email(True),
                        aria_label=I18nState.t["totp.contact.change"],
                        class_name="button-secondary",
                    ),
                ),
            ),
            class_name="identity-list",
        ),
        rx.cond(KeyActivationState.editing_email, email_change_form(), rx.fragment()),
        rx.cond(
            KeyActivationState.email_sent_to != "",
            rx.el.div(
                rx.el.p(
                    I18nState.t["totp.contact.sent"],
                    " ",
                    rx.el.strong(KeyActivationState.email_sent_to),
                ),
                rx.el.p(I18nState.t["totp.contact.why_confirm"]),
                role="status",
                class_name="alert-info",
            ),
            rx.fragment(),
        ),
        rx.cond(
            KeyActivationState.editing_email, rx.fragment(), wizard_buttons(continue_type="button")
        ),
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
            src=APP_QR.value,
            alt=I18nState.t["totp.activate.qr_alt"],
            id="totp-qr",
            style={"width": "14rem", "height": "14rem", "image_rendering": "pixelated"},
        ),
        rx.el.p(I18nState.t["totp.activate.enter"]),
        field("totp.code_field", "code", "text", "one-time-code"),
        rx.el.p(I18nState.t["totp.activate.validity"], class_name="field-help"),
        rx.el.p(I18nState.t["totp.activate.manual"]),
        rx.el.p(APP_SECRET_TEXT.value, class_name="secret"),
        rx.el.p(I18nState.t["totp.activate.personal"], class_name="alert-info"),
        wizard_buttons(),
        on_submit=KeyActivationState.confirm_code,
        reset_on_submit=True,
        aria_label=I18nState.t["totp.step.activate"],
    )


def destination_step(wizard: Wizard) -> rx.Component:
    destination = wizard.destination
    if destination is None:
        return rx.fragment()
    field_id = "field-destination"
    return rx.el.form(
        paragraph(destination.text_key),
        rx.el.p(I18nState.t[destination.warning_key], class_name="alert-info")
        if destination.warning_key
        else rx.fragment(),
        rx.el.div(
            rx.el.label(I18nState.t[destination.label_key], html_for=field_id),
            rx.el.input(
                id=field_id,
                name="destination",
                required=True,
                type=destination.input_type,
                auto_complete=destination.input_type,
                default_value=KeyActivationState.email if destination.prefill_account_email else "",
            ),
            class_name="field",
        ),
        wizard_buttons(),
        on_submit=KeyActivationState.send_registration_code,
        aria_label=I18nState.t[wizard.label_of(WizardStepName.DESTINATION)],
    )


def code_step(wizard: Wizard) -> rx.Component:
    return rx.el.form(
        paragraph(wizard.code_text_key) if wizard.code_text_key else rx.fragment(),
        rx.el.p(rx.el.strong(KeyActivationState.destination)),
        field("enrol.code.field", "code", "text", "one-time-code"),
        rx.el.p(I18nState.t["enrol.code.resend_delay"], class_name="field-help"),
        wizard_buttons(),
        on_submit=KeyActivationState.confirm_code,
        reset_on_submit=True,
        aria_label=I18nState.t["enrol.step.code"],
    )


def credentials_step(wizard: Wizard) -> rx.Component:
    form = rx.el.form(
        paragraph("credentials.text"),
        field("credentials.username", "username", "text", "username"),
        field("credentials.password", "password", "password", "new-password"),
        field("credentials.password_confirm", "password_confirmation", "password", "new-password"),
        wizard_buttons(),
        on_submit=KeyActivationState.save_credentials,
        aria_label=I18nState.t["totp.step.credentials"],
    )
    if wizard.sets_credentials:  # the wizard of username + password itself always asks
        return form
    return rx.cond(
        KeyActivationState.has_credential,
        rx.el.form(
            rx.el.p(
                I18nState.t["credentials.existing"], " ", rx.el.strong(KeyActivationState.username)
            ),
            wizard_buttons(),
            on_submit=KeyActivationState.save_credentials,
        ),
        form,
    )


def confirmation_step(wizard: Wizard) -> rx.Component:
    title_key, text_key = wizard.done_title_key, wizard.done_text_key
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
            rx.el.a(
                I18nState.t["keys.back"],
                href=KeyActivationState.back_to,
                class_name="button-primary",
            ),
            class_name="actions",
        ),
    )


def key_activation_page(wizard: Wizard) -> rx.Component:
    steps = [(step.name.value, step.label_key) for step in wizard.steps]
    return page_layout(
        page_title(wizard.title_key),
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
                        (WizardStepName.CONTACT.value, contact_step()),
                        (WizardStepName.INSTALL.value, install_step()),
                        (WizardStepName.ACTIVATE.value, activate_step()),
                        (WizardStepName.DESTINATION.value, destination_step(wizard)),
                        (WizardStepName.CODE.value, code_step(wizard)),
                        (WizardStepName.CREDENTIALS.value, credentials_step(wizard)),
                        confirmation_step(wizard),
                    ),
                ),
                eid_login_needed("keys.strong_login_needed", KeyActivationState.eid_login),
            ),
        ),
    )
