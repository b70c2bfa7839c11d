"""Step 6 of the invitation wizard, "Aperçu" (seed 001 step 17): each step's values with
"Modifier", which reopens that step with everything kept, and "Terminer l'invitation"; then the
page of the invitation created, with its acceptance link (step 18)."""

from __future__ import annotations

import reflex as rx

from foundation import routes
from monespace_app.pages.invitation_steps import step_actions, step_alert, step_heading, text
from portal.companies.invitations import Invitee
from state.i18n_state import I18nState
from state.roles.invitation_wizard_state import InvitationWizardState as S

P = S.preview


def preview_block(step: str, title_key: str, *content: rx.Component) -> rx.Component:
    title_id = f"preview-{step}"
    return rx.el.section(
        rx.el.div(
            rx.el.h3(I18nState.t[title_key], id=title_id),
            rx.el.button(
                I18nState.t["invitation.preview.edit"],
                rx.el.span(" — ", I18nState.t[title_key], class_name="visually-hidden"),
                type="button",
                on_click=S.edit_step(step),
                class_name="link-button",
            ),
            class_name="preview-title",
        ),
        *content,
        aria_labelledby=title_id,
        class_name="preview-block",
    )


def invitee_row(person: Invitee) -> rx.Component:
    return rx.el.tr(rx.el.td(person.surname), rx.el.td(person.first_names), rx.el.td(person.email))


def persons_preview() -> rx.Component:
    return rx.cond(
        P.persons.length() > 0,  # type: ignore[attr-defined]
        rx.el.table(
            rx.el.caption(I18nState.t["invitation.persons.table"], class_name="visually-hidden"),
            rx.el.thead(
                rx.el.tr(
                    *[
                        rx.el.th(I18nState.t[f"invitation.persons.{column}"], scope="col")
                        for column in ("surname", "first_names", "email")
                    ]
                )
            ),
            rx.el.tbody(rx.foreach(P.persons, invitee_row)),
            class_name="data-table",
        ),
        text("invitation.preview.no_persons"),
    )


def period() -> rx.Var[str]:
    until = rx.cond(P.valid_until == "", I18nState.t["invitation.preview.permanent"], P.valid_until)
    return (
        I18nState.t["invitation.preview.period"]
        .replace("{from}", P.valid_from)
        .replace("{until}", until)
    )


def details_preview() -> list[rx.Component]:
    saved = rx.cond(
        P.template_name == "",
        I18nState.t["invitation.preview.no"],
        I18nState.t["invitation.preview.yes"].replace("{name}", P.template_name),
    )
    return [
        rx.cond(
            P.message != "",
            rx.el.p(
                I18nState.t["invitation.preview.message"],
                " ",
                P.message,
                class_name="preview-message",
            ),
        ),
        rx.el.p(I18nState.t["invitation.preview.saved"], " ", rx.el.strong(saved)),
        rx.el.p(I18nState.t["invitation.preview.expires"].replace("{date}", P.expires_on)),
    ]


def preview_step() -> rx.Component:
    return rx.el.section(
        step_heading("preview", "invitation.preview.title"),
        step_alert(any_field=True),
        preview_block("company", "invitation.preview.company", rx.el.ul(rx.el.li(P.company))),
        preview_block(
            "roles",
            "invitation.preview.roles",
            rx.el.p(P.company),
            rx.el.ul(rx.foreach(P.roles, lambda label: rx.el.li(label))),
        ),
        preview_block(
            "validity",
            "invitation.preview.validity",
            rx.el.p(P.company, " - ", P.roles.join(", ")),  # type: ignore[attr-defined]
            rx.el.p(period()),
        ),
        preview_block("persons", "invitation.preview.persons", persons_preview()),
        preview_block("details", "invitation.preview.details", *details_preview()),
        step_actions(submit=False, next_key="invitation.finish", on_next=S.finish),
    )


def done_step() -> rx.Component:
    return rx.el.section(
        rx.el.div(
            rx.el.h2(
                I18nState.t["invitation.done.success"],
                tab_index=-1,
                custom_attrs={"data-step-heading": "done"},
            ),
            text("invitation.done.created"),
            text("invitation.done.share"),
            role="status",
            class_name="alert-success",
        ),
        rx.el.p(
            I18nState.t["invitation.done.link"],
            " ",
            rx.el.a(S.link, href=S.link, id="invitation-link", class_name="invitation-link"),
        ),
        rx.el.div(
            rx.el.a(
                I18nState.t["invitation.done.continue"],
                href=routes.ROLE_INVITATIONS,
                class_name="button-primary",
            ),
            class_name="actions",
        ),
    )
