"""Back office of a local registration office (BEL): register a person, hand over the code."""

from __future__ import annotations

import reflex as rx

from components.forms import print_button, submit_button, text_field
from components.layout import eid_login_needed, page_layout, page_title, paragraph, private
from foundation import routes
from identity.paper_token import DOCUMENT_TYPES
from state.i18n_state import I18nState
from state.registration_office_state import RegistrationOfficeState as S
from state.shown_once import ACTIVATION_CODE


def document_choice() -> rx.Component:
    return rx.el.div(
        rx.el.label(I18nState.t["office.document_type"], html_for="field-document_type"),
        rx.el.select(
            rx.el.option(I18nState.t["office.choose"], value=""),
            *[
                rx.el.option(I18nState.t[f"office.document.{value}"], value=value)
                for value in DOCUMENT_TYPES
            ],
            id="field-document_type",
            name="document_type",
            required=True,
        ),
        class_name="field",
    )


def registration_form() -> rx.Component:
    return rx.el.form(
        rx.el.h2(I18nState.t["office.register.title"]),
        paragraph("office.register.text"),
        text_field("office.surname", "surname", input_type="text", autocomplete="off"),
        text_field("office.first_names", "first_names", input_type="text", autocomplete="off"),
        text_field("office.birth_date", "birth_date", input_type="date", autocomplete="off"),
        document_choice(),
        text_field(
            "office.document_number", "document_number", input_type="text", autocomplete="off"
        ),
        text_field("office.email", "email", input_type="email", autocomplete="off"),
        rx.el.div(
            rx.el.input(id="field-checked", name="checked", type="checkbox", required=True),
            rx.el.label(I18nState.t["office.checked"], html_for="field-checked"),
            class_name="checkbox-field",
        ),
        rx.el.div(submit_button("office.register.submit"), class_name="actions"),
        on_submit=S.register,
        aria_label=I18nState.t["office.register.title"],
        class_name="no-print",
    )


def reissue_form() -> rx.Component:
    return rx.el.form(
        rx.el.h2(I18nState.t["office.reissue.title"]),
        paragraph("office.reissue.text"),
        text_field("office.bis_number", "bis_number", input_type="text", autocomplete="off"),
        rx.el.div(
            submit_button("office.reissue.submit", class_name="button-secondary"),
            class_name="actions",
        ),
        on_submit=S.reissue,
        aria_label=I18nState.t["office.reissue.title"],
        class_name="no-print",
        style={"margin_top": "2.5rem"},
    )


def issued_code() -> rx.Component:
    """What the officer prints and hands over: the code is shown here once, never again."""
    return rx.el.section(
        rx.el.div(I18nState.t["office.issued"], role="status", class_name="alert-success no-print"),
        rx.el.h2(I18nState.t["office.slip.title"]),
        rx.el.dl(
            rx.el.dt(I18nState.t["office.slip.name"]),
            rx.el.dd(S.issued_name),
            rx.el.dt(I18nState.t["office.slip.bis"]),
            rx.el.dd(S.issued_bis),
            rx.el.dt(I18nState.t["office.slip.email"]),
            rx.el.dd(S.issued_email),
            rx.el.dt(I18nState.t["office.slip.code"]),
            rx.el.dd(ACTIVATION_CODE.value, class_name="secret", id="activation-code"),
            rx.el.dt(I18nState.t["office.slip.until"]),
            rx.el.dd(S.issued_until),
            class_name="identity-list",
        ),
        paragraph("office.slip.how"),
        rx.el.div(
            print_button("office.print"),
            rx.el.button(
                I18nState.t["office.another"],
                type="button",
                on_click=S.another,
                class_name="button-secondary",
            ),
            class_name="actions no-print",
        ),
        aria_label=I18nState.t["office.slip.title"],
    )


def back_office() -> rx.Component:
    return rx.fragment(
        rx.el.p(I18nState.t["office.of"], " ", rx.el.strong(S.office), class_name="no-print"),
        rx.cond(S.issued, issued_code(), rx.fragment(registration_form(), reissue_form())),
    )


def registration_office_page() -> rx.Component:
    return page_layout(
        page_title("office.title"),
        private(
            # Above the desk's state: a refusal shows even where no form was offered.
            rx.cond(
                S.error_text != "",
                rx.el.div(S.error_text, role="alert", class_name="alert-error"),
                rx.fragment(),
            ),
            rx.cond(
                S.office == "",
                rx.el.p(I18nState.t["office.not_officer"], class_name="alert-info"),
                rx.cond(
                    S.strong,
                    back_office(),
                    eid_login_needed(
                        "office.strong_needed",
                        routes.login_then(routes.REGISTRATION_OFFICE, key="eid"),
                    ),
                ),
            ),
        ),
    )
