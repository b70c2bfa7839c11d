"""First login (seed 004 §4): the account form, then "Merci de valider votre compte"."""

from __future__ import annotations

import reflex as rx

from components.forms import error_message, identity_list, submit_button, text_field
from components.layout import logout_button, page_layout, page_title, paragraph, private
from state.account_form_state import AccountFormState, AccountPendingState
from state.i18n_state import I18nState


def account_form_page() -> rx.Component:
    return page_layout(
        page_title("account.title"),
        private(
            rx.el.h2(I18nState.t["account.personal"], style={"font_size": "1.3rem"}),
            identity_list(
                [
                    ("account.surname", AccountFormState.surname),
                    ("account.first_name", AccountFormState.first_names),
                    ("account.birth_date", AccountFormState.birth_date),
                ]
            ),
            rx.el.p(I18nState.t["account.private_email_advice"], class_name="alert-info"),
            error_message(AccountFormState.error_key),
            rx.el.form(
                text_field(
                    "account.email_field", "email", default_value=AccountFormState.email_value
                ),
                text_field("account.email_confirm_field", "email_confirmation", autocomplete="off"),
                rx.el.p(I18nState.t["form.required"], style={"font_size": "0.9rem"}),
                rx.el.div(
                    logout_button("account.back_to_login", "button-secondary"),
                    submit_button("account.save"),
                    class_name="actions",
                ),
                on_submit=AccountFormState.submit,
                aria_label=I18nState.t["account.personal"],
            ),
            paragraph(AccountFormState.prefilled_note_key),
        ),
    )


def account_pending_page() -> rx.Component:
    return page_layout(
        page_title("account.pending.title"),
        paragraph("account.pending.text"),
        paragraph("account.pending.hint"),
        rx.cond(
            AccountPendingState.resent,
            rx.el.div(
                I18nState.t["account.pending.resent"], role="status", class_name="alert-success"
            ),
            rx.fragment(),
        ),
        error_message(AccountPendingState.error_key),
        rx.cond(
            AccountPendingState.show_resend,
            rx.el.form(
                rx.el.p(I18nState.t["account.pending.resend_intro"]),
                text_field("account.email", "email"),
                submit_button("account.pending.resend_submit"),
                on_submit=AccountPendingState.resend,
                aria_label=I18nState.t["account.pending.resend"],
            ),
            rx.el.div(
                logout_button("account.back_to_login", "button-secondary"),
                rx.el.button(
                    I18nState.t["account.pending.resend"],
                    type="button",
                    on_click=AccountPendingState.open_resend,
                    class_name="button-primary",
                ),
                class_name="actions",
            ),
        ),
    )
