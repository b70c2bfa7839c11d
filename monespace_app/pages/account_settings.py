"""Compte (seed 004 §5–6): account information, e-mail change, deletion and withdrawal."""

from __future__ import annotations

import reflex as rx

from components.forms import error_message, identity_list, submit_button, text_field
from components.layout import logout_button, page_layout, page_title, paragraph, private
from foundation import routes
from state.account_settings_state import AccountSettingsState
from state.i18n_state import I18nState


def tabs(current: str) -> rx.Component:
    return rx.el.nav(
        *[
            rx.el.a(I18nState.t[key], href=href, aria_current="page" if href == current else None)
            for key, href in (
                ("account_page.info_tab", routes.ACCOUNT),
                ("account_page.deletion_tab", routes.ACCOUNT_DELETION),
            )
        ],
        aria_label=I18nState.t["user.account"],
        class_name="tabs",
    )


def reauthenticate_notice() -> rx.Component:
    return rx.el.div(
        rx.el.p(I18nState.t["error.StrongLoginRequiredError"], style={"margin": "0 0 0.6rem"}),
        logout_button("account_page.reauthenticate", "button-secondary"),
        class_name="alert-info",
    )


def eid_again_notice(back: str) -> rx.Component:
    """Why an action is not offered (it needs a recent eID login), and the eID login that comes
    back to ``back``."""
    return rx.el.div(
        rx.el.p(I18nState.t["error.StrongLoginRequiredError"], style={"margin": "0 0 0.6rem"}),
        rx.el.a(
            I18nState.t["account_page.reauthenticate"],
            href=routes.login_then(back, key="eid"),
            reload_document=True,  # the login's entry is an HTTP endpoint, not a page
            class_name="button-secondary",
        ),
        class_name="alert-info",
    )


def account_info_page() -> rx.Component:
    return page_layout(
        page_title("account.title"),
        tabs(routes.ACCOUNT),
        private(
            rx.el.h2(I18nState.t["account.personal"], style={"font_size": "1.3rem"}),
            identity_list(
                [
                    ("account.surname", AccountSettingsState.surname),
                    ("account.first_name", AccountSettingsState.first_names),
                    ("account.email", AccountSettingsState.email),
                ]
            ),
            rx.cond(
                AccountSettingsState.pending_email != "",
                rx.el.p(
                    I18nState.t["account_page.pending_email"],
                    " ",
                    AccountSettingsState.pending_email,
                    class_name="alert-info",
                ),
                rx.fragment(),
            ),
            rx.cond(
                AccountSettingsState.change_sent,
                rx.el.p(
                    I18nState.t["account_page.change_sent"],
                    role="status",
                    class_name="alert-success",
                ),
                rx.fragment(),
            ),
            error_message(AccountSettingsState.error_key),
            rx.cond(
                AccountSettingsState.strong_login,
                rx.el.form(
                    text_field("account_page.new_email_field", "email"),
                    text_field(
                        "account.email_confirm_field", "email_confirmation", autocomplete="off"
                    ),
                    submit_button("account.save"),
                    on_submit=AccountSettingsState.change_email,
                    reset_on_submit=True,
                    aria_label=I18nState.t["account_page.info_tab"],
                ),
                reauthenticate_notice(),
            ),
            paragraph("account_page.card_data_note"),
            paragraph("account_page.email_note"),
        ),
    )


def account_deletion_page() -> rx.Component:
    return page_layout(
        page_title("account.title"),
        tabs(routes.ACCOUNT_DELETION),
        rx.el.section(
            rx.el.h2(I18nState.t["deletion.warning_title"], style={"font_size": "1.3rem"}),
            paragraph("deletion.warning_1"),
            paragraph("deletion.warning_2"),
            paragraph("deletion.warning_3"),
            class_name="alert-info",
        ),
        error_message(AccountSettingsState.error_key),
        rx.cond(
            AccountSettingsState.strong_login,
            rx.el.button(
                I18nState.t["deletion.submit"],
                type="button",
                on_click=AccountSettingsState.delete_account,
                class_name="button-danger",
            ),
            reauthenticate_notice(),
        ),
    )


def account_deleted_page() -> rx.Component:
    return page_layout(
        page_title("deleted.title"),
        error_message(AccountSettingsState.error_key),
        private(
            rx.cond(
                AccountSettingsState.restored,
                rx.el.div(
                    rx.el.p(
                        I18nState.t["deleted.restored"], role="status", class_name="alert-success"
                    ),
                    rx.el.a(
                        I18nState.t["nav.my_spaces"],
                        href=routes.MY_SPACES,
                        class_name="button-primary",
                    ),
                ),
                rx.el.div(
                    rx.el.p(I18nState.t["deleted.text"], style={"font_weight": "700"}),
                    paragraph("deleted.withdraw_hint"),
                    rx.el.p(I18nState.t["deleted.until"], " ", AccountSettingsState.withdraw_until),
                    rx.cond(
                        AccountSettingsState.strong_login,
                        withdraw_or_confirm(),
                        eid_again_notice(routes.ACCOUNT_DELETED),
                    ),
                ),
            )
        ),
    )


def withdraw_or_confirm() -> rx.Component:
    """ "Annuler la suppression" or "Supprimer définitivement" (asked twice): both need a recent
    eID login, as asking for the deletion did."""
    return rx.cond(
        AccountSettingsState.confirm_definitive,
        rx.el.div(
            rx.el.p(I18nState.t["deleted.confirm_text"], role="alert", class_name="alert-error"),
            rx.el.div(
                rx.el.button(
                    I18nState.t["deleted.keep"],
                    type="button",
                    on_click=AccountSettingsState.ask_definitive(False),
                    class_name="button-secondary",
                ),
                rx.el.button(
                    I18nState.t["deleted.confirm"],
                    type="button",
                    on_click=AccountSettingsState.delete_definitively,
                    class_name="button-danger",
                ),
                class_name="actions",
            ),
        ),
        rx.el.div(
            rx.el.button(
                I18nState.t["deleted.cancel"],
                type="button",
                on_click=AccountSettingsState.cancel_deletion,
                class_name="button-primary",
            ),
            rx.el.button(
                I18nState.t["deleted.definitive"],
                type="button",
                on_click=AccountSettingsState.ask_definitive(True),
                class_name="button-danger",
            ),
            class_name="actions",
        ),
    )


def account_gone_page() -> rx.Component:
    return page_layout(
        page_title("deleted.title"),
        rx.el.p(I18nState.t["deleted.gone"], role="status", class_name="alert-success"),
        logout_button("login.back", "button-primary"),
    )
