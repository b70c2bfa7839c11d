""" "Demander soi-même une attribution de rôle" (seed 000): the company by its number, the roles,
the validity, a message and the address for the answer, "Envoyer la demande"; then the
confirmation with the way back to "Mes attributions de rôles"."""

from __future__ import annotations

import reflex as rx

from components.fields import described_field
from components.layout import loaded, page_title
from components.role_picker import role_picker
from components.role_wizard import t, validity_row
from components.roles_layout import roles_page
from foundation import routes
from state.i18n_state import I18nState
from state.roles.self_request_state import SelfRequestState as S


def error_of(field: str) -> rx.Var[str]:
    return rx.cond(S.error_field == field, S.error_text, "")


def section(key: str, *children: rx.Component) -> rx.Component:
    title_id = key.replace(".", "-")
    return rx.el.section(
        rx.el.h2(t(key), id=title_id), *children, aria_labelledby=title_id, class_name="form-part"
    )


def validity() -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(t("invitation.validity.period")),
        validity_row(S),
        class_name="choice-group",
    )


def request_form() -> rx.Component:
    """Not a <form>: Enter in the picker's filter must not send the request."""
    return rx.el.div(
        rx.cond(
            (S.error_text != "") & (S.error_field == ""),
            rx.el.div(
                S.error_text,
                id="request-error",
                tab_index=-1,
                role="alert",
                class_name="alert-error",
            ),
        ),
        section(
            "self_request.company_title",
            described_field(
                "self_request.company_number",
                "company_number",
                value=S.company_number,
                error=error_of("company_number"),
                help_key="self_request.company_help",
                on_change=lambda v: S.keep("company_number", v),
            ),
        ),
        section(
            "self_request.roles_title",
            rx.el.p(t("self_request.roles_intro")),
            role_picker(S, error=error_of("roles")),
        ),
        section("self_request.validity_title", validity()),
        section(
            "self_request.message_title",
            rx.el.div(
                rx.el.label(t("self_request.message"), html_for="field-message"),
                rx.el.textarea(
                    id="field-message",
                    name="message",
                    default_value=S.message,
                    on_change=lambda v: S.keep("message", v),
                    rows=4,
                    aria_invalid=rx.cond(error_of("message") != "", "true", "false"),
                    aria_describedby=rx.cond(error_of("message") != "", "message-error", None),
                ),
                rx.cond(
                    error_of("message") != "",
                    rx.el.p(
                        error_of("message"),
                        id="message-error",
                        role="alert",
                        class_name="field-error",
                    ),
                ),
                class_name="field",
            ),
            described_field(
                "self_request.email",
                "email",
                value=S.email,
                error=error_of("email"),
                input_type="email",
                help_key="self_request.email_help",
                on_change=lambda v: S.keep("email", v),
            ),
        ),
        rx.el.div(
            rx.el.a(
                t("invitation.cancel"),
                href=routes.MY_ROLE_ASSIGNMENTS,
                class_name="button-secondary",
            ),
            rx.el.button(
                t("self_request.send"), type="button", on_click=S.send, class_name="button-primary"
            ),
            class_name="actions",
        ),
    )


def sent() -> rx.Component:
    return rx.fragment(
        rx.el.div(
            rx.el.h2(t("roles.mine.success"), id="request-sent", tab_index=-1),
            rx.el.p(t("self_request.sent")),
            role="status",
            class_name="alert-success",
        ),
        rx.el.p(t("self_request.sent_company"), " ", rx.el.strong(S.sent_company)),
        rx.el.ol(
            rx.foreach(S.sent_roles, lambda label: rx.el.li(label)), class_name="selection-list"
        ),
        rx.el.p(I18nState.t["self_request.sent_next"].replace("{email}", S.sent_email)),
        rx.el.div(
            rx.el.a(
                t("roles.nav.my_assignments"),
                href=routes.MY_ROLE_ASSIGNMENTS,
                class_name="button-primary",
            ),
            class_name="actions",
        ),
    )


def self_request_page() -> rx.Component:
    return roles_page(
        routes.MY_ROLE_ASSIGNMENTS,
        page_title("self_request.title"),
        loaded(
            S.ready,
            rx.cond(
                S.sent,
                sent(),
                rx.fragment(
                    rx.el.p(t("self_request.intro")),
                    rx.el.p(t("invitation.required_note"), class_name="field-help"),
                    request_form(),
                ),
            ),
        ),
    )
