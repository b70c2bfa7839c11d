"""Steps 4 and 5 of the invitation wizard (seed 001 steps 15–16): "Personnes", the list and the
row where a person is typed, modified or removed (none at all is allowed: the link alone can be
shared), and "Détails de l'invitation", the message, the expiry and the saved copy."""

from __future__ import annotations

import reflex as rx

from components.actions import action_button, hidden
from components.fields import checkbox_field, described_field
from components.role_wizard import t, text
from monespace_app.pages.invitation_steps import W
from portal.companies.invitations import Invitee
from state.i18n_state import I18nState
from state.roles.invitation_wizard_state import InvitationWizardState as S


def person_row(person: Invitee, index: rx.Var[int]) -> rx.Component:
    who = hidden(" ", person.first_names, " ", person.surname)
    return rx.el.tr(
        rx.el.td(person.surname),
        rx.el.td(person.first_names),
        rx.el.td(person.email),
        rx.el.td(
            rx.cond(
                S.editing_row == index,
                rx.el.span(I18nState.t["invitation.persons.editing"], class_name="badge"),
                rx.el.div(
                    action_button(t("invitation.persons.edit"), S.edit_person(index), who),
                    action_button(t("invitation.persons.delete"), S.delete_person(index), who),
                    class_name="row-actions",
                ),
            )
        ),
    )


def persons_table() -> rx.Component:
    return rx.cond(
        S.has_persons,
        rx.el.table(
            rx.el.caption(I18nState.t["invitation.persons.table"]),
            rx.el.thead(
                rx.el.tr(
                    *[
                        rx.el.th(I18nState.t[f"invitation.persons.{column}"], scope="col")
                        for column in ("surname", "first_names", "email", "actions")
                    ]
                )
            ),
            rx.el.tbody(rx.foreach(S.persons, person_row)),
            class_name="data-table",
        ),
        text("invitation.persons.none", class_name="field-help"),
    )


def person_form() -> rx.Component:
    """The row where a person is typed: "Ajouter", or "Enregistrer la modification"."""
    legend = rx.cond(
        S.editing_row >= 0,
        I18nState.t["invitation.persons.edit_legend"].replace("{row}", S.editing_number.to(str)),
        I18nState.t["invitation.persons.add_legend"],
    )
    fields = [
        described_field(
            f"invitation.persons.{name}",
            f"person_{name}",
            value=value,
            error=W.error_of(f"person_{name}"),
            input_type="email" if name == "email" else "text",
            on_change=lambda typed, name=name: S.keep_person(name, typed),
        )
        for name, value in (
            ("surname", S.person_surname),
            ("first_names", S.person_first_names),
            ("email", S.person_email),
        )
    ]
    return rx.el.form(
        rx.el.fieldset(
            rx.el.legend(legend),
            rx.el.div(*fields, class_name="person-fields"),
            rx.el.div(
                rx.el.button(
                    rx.cond(
                        S.editing_row >= 0,
                        I18nState.t["invitation.persons.save"],
                        I18nState.t["invitation.persons.add"],
                    ),
                    type="submit",
                    class_name="button-secondary",
                ),
                rx.cond(
                    S.editing_row >= 0,
                    action_button(
                        I18nState.t["invitation.persons.cancel_edit"],
                        S.cancel_edit,
                        class_name="button-secondary",
                    ),
                ),
                class_name="actions",
            ),
            class_name="choice-group person-form",
        ),
        key=S.row_key,
        on_submit=S.add_person,
        aria_label=legend,
    )


def persons_step() -> rx.Component:
    return rx.el.section(
        W.step_heading("persons", "invitation.persons.title"),
        text("invitation.persons.intro"),
        text("invitation.persons.optional"),
        W.step_alert(),
        persons_table(),
        person_form(),
        W.step_actions(submit=False),
    )


def text_area(
    label_key: str, name: str, value: rx.Var[str] | str, error: rx.Var[str]
) -> rx.Component:
    field_id, error_id = f"field-{name}", f"field-{name}-error"
    return rx.el.div(
        rx.el.label(I18nState.t[label_key], html_for=field_id),
        rx.el.textarea(
            id=field_id,
            name=name,
            default_value=value,
            rows=4,
            on_change=W.keep(name),
            aria_invalid=rx.cond(error != "", "true", "false"),
            aria_describedby=rx.cond(error != "", error_id, None),
        ),
        rx.cond(error != "", rx.el.p(error, id=error_id, role="alert", class_name="field-error")),
        class_name="field field-wide",
    )


def save_fields() -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(I18nState.t["invitation.details.save_legend"]),
        checkbox_field(
            t("invitation.details.save"), "field-save", checked=S.save, on_change=S.set_save
        ),
        rx.cond(
            S.save,
            rx.fragment(
                described_field(
                    "invitation.details.template_name",
                    "template_name",
                    value=S.template_name,
                    error=W.error_of("template_name"),
                    on_change=W.keep("template_name"),
                ),
                text_area(
                    "invitation.details.template_description",
                    "template_description",
                    S.template_description,
                    W.error_of("template_description"),
                ),
            ),
        ),
        class_name="choice-group",
    )


def details_step() -> rx.Component:
    return rx.el.section(
        W.step_heading("details", "invitation.details.title"),
        text("invitation.details.intro"),
        text("invitation.required_note", class_name="field-help"),
        W.step_alert(),
        rx.el.form(
            rx.el.fieldset(
                rx.el.legend(I18nState.t["invitation.details.legend"]),
                text_area(
                    "invitation.details.message", "message", S.message, W.error_of("message")
                ),
                described_field(
                    "invitation.details.expires_on",
                    "expires_on",
                    value=S.expires_on,
                    error=W.error_of("expires_on"),
                    help_key="invitation.details.expires_help",
                    on_change=W.keep("expires_on"),
                ),
                class_name="choice-group",
            ),
            save_fields(),
            W.step_actions(submit=True),
            on_submit=S.next_step,
            aria_label=I18nState.t["invitation.details.title"],
        ),
    )
