"""Step 5 of the direct assignment, "Aperçu de l'attribution directe de rôle" (seed 001 step 11):
each step's values with "Modifier", which reopens that step with everything kept, the personal
message and "Terminer l'attribution directe de rôle"; then the roles given (step 12)."""

from __future__ import annotations

import reflex as rx

from components.paged_table import listed_table
from components.role_wizard import PERSON_COLUMNS, t
from monespace_app.pages.direct_steps import CANCEL_TO, W
from portal.companies.direct_visits import Granted, PreviewPerson
from state.roles.direct_assignment_state import DirectAssignmentState as S

P = S.preview


def person_row(person: PreviewPerson) -> rx.Component:
    return rx.el.tr(*[rx.el.td(getattr(person, column)) for column in PERSON_COLUMNS])


def persons_preview() -> rx.Component:
    return listed_table(
        t("direct.preview.persons"),
        [t(f"direct.persons.{column}") for column in PERSON_COLUMNS],
        P.persons,
        person_row,
    )


def message_field() -> rx.Component:
    return rx.el.div(
        rx.el.h3(t("direct.preview.message_title"), id="message-title"),
        rx.el.label(t("direct.preview.message"), html_for="field-message"),
        rx.el.textarea(
            id="field-message",
            name="message",
            default_value=S.message,
            on_change=W.keep("message"),
            rows=4,
            aria_invalid=rx.cond(W.error_of("message") != "", "true", "false"),
        ),
        class_name="field",
    )


def preview_step() -> rx.Component:
    return rx.el.section(
        W.step_heading("preview", "direct.preview.title"),
        W.step_alert(any_field=True),
        W.preview_block("persons", "direct.preview.persons", persons_preview()),
        W.preview_block("company", "direct.preview.company", rx.el.p(P.company)),
        W.preview_block(
            "roles",
            "direct.preview.roles",
            rx.el.ul(rx.foreach(P.roles, lambda label: rx.el.li(label))),
        ),
        W.preview_block(
            "validity",
            "direct.preview.validity",
            rx.foreach(
                P.roles,
                lambda label: rx.el.div(rx.el.p(rx.el.strong(label)), rx.el.p(W.period())),
            ),
        ),
        message_field(),
        W.step_actions(submit=False, next_key="direct.finish", on_next=S.finish),
    )


def granted_item(granted: Granted) -> rx.Component:
    return rx.el.li(granted.person, " — ", granted.role)


def done_step() -> rx.Component:
    return rx.el.section(
        W.done_heading("direct.done.success", "direct.done.active", "direct.done.mailed"),
        rx.el.ol(rx.foreach(S.granted, granted_item), class_name="selection-list"),
        rx.el.div(
            rx.el.a(t("direct.done.continue"), href=CANCEL_TO, class_name="button-primary"),
            class_name="actions",
        ),
    )
