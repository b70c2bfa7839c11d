"""Pages behind the links of the e-mails: activation, cancellation, address confirmation."""

from __future__ import annotations

import reflex as rx

from components.layout import page_layout, page_title
from foundation import routes
from state.account_link_state import AccountLinkState
from state.i18n_state import I18nState
from state.login_return_state import LoginReturnState


def next_links(*, resume: bool) -> rx.Component:
    """Mes espaces; after the account's activation, first the page whose login the account's
    creation interrupted (an invitation to accept...), when this browser remembers one."""
    spaces = rx.el.a(
        I18nState.t["nav.my_spaces"], href=routes.MY_SPACES, class_name="button-primary"
    )
    if not resume:
        return spaces
    return rx.cond(
        LoginReturnState.resume_path != "",
        rx.el.div(
            rx.el.a(
                I18nState.t["login.resume"],
                href=LoginReturnState.resume_path,
                class_name="button-primary",
            ),
            rx.el.a(
                I18nState.t["nav.my_spaces"], href=routes.MY_SPACES, class_name="button-secondary"
            ),
            class_name="actions",
        ),
        spaces,
    )


def link_result_page(
    title_key: str, done_key: str, *, next_link: bool, resume: bool = False
) -> rx.Component:
    return page_layout(
        page_title(title_key),
        rx.cond(
            AccountLinkState.checked,
            rx.cond(
                AccountLinkState.done,
                rx.el.div(
                    rx.el.p(I18nState.t[done_key], role="status", class_name="alert-success"),
                    next_links(resume=resume) if next_link else rx.fragment(),
                ),
                rx.el.p(
                    I18nState.t[AccountLinkState.error_key], role="alert", class_name="alert-error"
                ),
            ),
            rx.el.p(I18nState.t["account.activation.checking"], role="status"),
        ),
    )


def activation_page() -> rx.Component:
    return link_result_page(
        "account.activation.title", "account.activation.done", next_link=True, resume=True
    )


def cancel_activation_page() -> rx.Component:
    return link_result_page("account.cancel.title", "account.cancel.done", next_link=False)


def confirm_email_page() -> rx.Component:
    return link_result_page("email_confirm.title", "email_confirm.done", next_link=True)


def confirm_teaching_email_page() -> rx.Component:
    return link_result_page("email_confirm.title", "teaching_email.confirmed", next_link=True)
