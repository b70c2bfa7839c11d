"""Désigner un Gestionnaire d'Accès Principal, standard procedure (seed 002 §2.3, steps 4–7): the
company number and "Enregistrer mon entreprise", the form (the company from the register,
read-only; the GAP: the representative himself or another person), "Suivant", the summary,
"Confirmer", the confirmation. A refusal is shown beside its field, with what was typed."""

from __future__ import annotations

import reflex as rx

from components.actions import action_button
from components.fields import described_field
from components.forms import identity_list, submit_button
from components.layout import loaded, page_title, paragraph
from components.roles_layout import roles_layout
from components.wizard import stepper
from foundation import routes
from state.i18n_state import I18nState
from state.roles.gap_designation_state import GapDesignationState as S

STEP_LABELS = [
    ("company", "gap.step.company"),
    ("form", "gap.step.form"),
    ("summary", "gap.step.summary"),
    ("done", "gap.step.done"),
]
EMAIL_WARNING_ID = "gap-email-warning"


def error_of(name: str) -> rx.Var[str]:
    return rx.cond(S.error_field == name, S.error_text, "")


def company_step() -> rx.Component:
    return rx.el.section(
        rx.el.h2(I18nState.t["gap.company.title"]),
        paragraph("gap.company.intro"),
        rx.el.form(
            described_field(
                "gap.company.number",
                "company_number",
                value=S.company_number,
                error=S.company_error,
                help_key="gap.company.number_help",
            ),
            rx.el.div(submit_button("gap.company.register"), class_name="actions"),
            on_submit=S.register_company,
            aria_label=I18nState.t["gap.company.title"],
        ),
        rx.el.p(
            I18nState.t["gap.company.no_eid"],
            " ",
            rx.el.a(
                I18nState.t["gap.company.exceptional"],
                href=f"{routes.ACCESS_MANAGERS}#procedure-exceptional",
            ),
        ),
    )


def company_details() -> rx.Component:
    return rx.el.section(
        rx.el.h3(I18nState.t["gap.form.company"]),
        identity_list(
            [
                ("gap.company.number", S.company_display_number),
                ("gap.company.name", S.company_name),
                ("gap.company.address", S.company_address),
            ]
        ),
    )


def choice(value: str, label: rx.Component, checked: rx.Var[bool] | bool) -> rx.Component:
    return rx.el.div(
        rx.el.input(
            id=f"who-{value}",
            name="who",
            type="radio",
            value=value,
            default_checked=checked,  # the browser ticks it at once; the state follows
            on_change=S.choose(value),
        ),
        rx.el.label(label, html_for=f"who-{value}"),
        class_name="checkbox-field",
    )


def who_choice() -> rx.Component:
    me = rx.el.span(S.my_first_names, " ", S.my_surname, " (", I18nState.t["gap.who.myself"], ")")
    return rx.el.fieldset(
        rx.el.legend(I18nState.t["gap.who.legend"]),
        rx.el.p(I18nState.t["gap.who.info"], class_name="field-help"),
        choice("myself", me, S.myself),
        choice("other", rx.el.span(I18nState.t["gap.who.other"]), S.other_person),
        class_name="choice-group",
    )


def email_warning() -> rx.Component:
    return rx.el.div(
        rx.el.p(rx.el.strong(I18nState.t["gap.email_warning.title"])),
        rx.el.p(I18nState.t["gap.email_warning.text"]),
        rx.el.ul(
            rx.el.li(I18nState.t["gap.email_warning.existing"]),
            rx.el.li(I18nState.t["gap.email_warning.general"]),
        ),
        rx.el.p(I18nState.t["gap.email_warning.why"]),
        id=EMAIL_WARNING_ID,
        class_name="alert-info email-warning",
    )


def contact_fields() -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(I18nState.t["gap.contact.legend"]),
        rx.cond(
            S.myself,
            identity_list(
                [
                    ("gap.surname", S.my_surname),
                    ("gap.first_names", S.my_first_names),
                    ("gap.national_number", S.my_national_number),
                ]
            ),
            rx.fragment(
                described_field(
                    "gap.surname", "surname", value=S.surname, error=error_of("surname")
                ),
                described_field(
                    "gap.first_names",
                    "first_names",
                    value=S.first_names,
                    error=error_of("first_names"),
                ),
                described_field(
                    "gap.national_number",
                    "national_number",
                    value=S.national_number,
                    error=error_of("national_number"),
                    help_key="gap.national_number_help",
                ),
            ),
        ),
        described_field(
            "gap.email",
            "email",
            value=S.email,
            error=error_of("email"),
            input_type="email",
            described_by=EMAIL_WARNING_ID,
        ),
        email_warning(),
        described_field(
            "gap.phone",
            "phone",
            value=S.phone,
            error=error_of("phone"),
            input_type="tel",
            help_key="gap.phone_help",
        ),
        class_name="choice-group",
    )


def form_step() -> rx.Component:
    return rx.el.section(
        rx.el.h2(I18nState.t["gap.form.title"]),
        company_details(),
        rx.cond(
            (S.error_text != "") & (S.error_field == ""),
            rx.el.div(S.error_text, role="alert", class_name="alert-error"),
            rx.fragment(),
        ),
        rx.el.form(
            who_choice(),
            contact_fields(),
            rx.el.div(
                action_button(
                    I18nState.t["gap.back"], S.other_company, class_name="button-secondary"
                ),
                submit_button("gap.next"),
                class_name="actions",
            ),
            on_submit=S.next_step,
            aria_label=I18nState.t["gap.form.title"],
        ),
    )


def gap_rows() -> list[tuple[str, rx.Var[str] | str]]:
    return [
        ("gap.surname", S.gap.surname),
        ("gap.first_names", S.gap.first_names),
        ("gap.national_number", S.gap.national_number),
        ("gap.email", S.gap.email),
        ("gap.phone", S.gap.phone),
    ]


def summary_step() -> rx.Component:
    return rx.el.section(
        rx.el.h2(I18nState.t["gap.summary.title"]),
        paragraph("gap.summary.intro"),
        company_details(),
        rx.el.h3(I18nState.t["gap.summary.gap"]),
        identity_list(gap_rows()),
        rx.el.div(
            action_button(I18nState.t["gap.edit"], S.edit, class_name="button-secondary"),
            action_button(I18nState.t["gap.confirm"], S.confirm, class_name="button-primary"),
            class_name="actions",
        ),
    )


def done_step() -> rx.Component:
    done = (
        I18nState.t["gap.done.text"]
        .replace("{name}", S.gap.first_names + " " + S.gap.surname)
        .replace("{company}", S.company_name)
    )
    mail = I18nState.t["gap.done.mail"].replace("{email}", S.gap.email)
    return rx.el.section(
        rx.el.div(
            rx.el.h2(I18nState.t["gap.done.title"]),
            rx.el.p(done),
            rx.el.p(mail),
            role="status",
            class_name="alert-success",
        ),
        company_details(),
        rx.el.h3(I18nState.t["gap.summary.gap"]),
        identity_list(gap_rows()),
        rx.el.div(
            rx.el.a(
                I18nState.t["gap.done.back"],
                href=routes.ROLE_MANAGEMENT,
                class_name="button-primary",
            ),
            class_name="actions",
        ),
    )


def gap_designation_page() -> rx.Component:
    return roles_layout(
        None,
        page_title("gap.title"),
        loaded(
            S.ready,
            rx.fragment(
                stepper(STEP_LABELS, S.step, S.step_index),
                rx.el.div(
                    rx.match(
                        S.step,
                        ("form", form_step()),
                        ("summary", summary_step()),
                        ("done", done_step()),
                        company_step(),
                    ),
                    class_name="gap-step",
                ),
            ),
        ),
    )
