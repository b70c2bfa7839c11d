"""Step 6 of the invitation wizard, "Aperçu" (seed 001 step 17): each step's values with
"Modifier", which reopens that step with everything kept, and "Terminer l'invitation"; then the
page of the invitation created, with its acceptance link (step 18)."""

from __future__ import annotations

import reflex as rx

from components.paged_table import listed_table
from components.role_wizard import PERSON_COLUMNS, t, text
from foundation import routes
from monespace_app.pages.invitation_steps import W
from portal.companies.invitations import Invitee
from state.i18n_state import I18nState
from state.roles.invitation_wizard_state import InvitationWizardState as S

P = S.preview


def invitee_row(person: Invitee) -> rx.Component:
    return rx.el.tr(*[rx.el.td(getattr(person, column)) for column in PERSON_COLUMNS])


def persons_preview() -> rx.Component:
    return rx.cond(
        P.persons.length() > 0,  # type: ignore[attr-defined]
        listed_table(
            t("invitation.persons.table"),
            [t(f"invitation.persons.{column}") for column in PERSON_COLUMNS],
            P.persons,
            invitee_row,
        ),
        text("invitation.preview.no_persons"),
    )


def details_preview() -> list[rx.Component]:
    saved = rx.cond(
        P.template_name == "",
        t("invitation.preview.no"),
        I18nState.t["invitation.preview.yes"].replace("{name}", P.template_name),
    )
    return [
        rx.cond(
            P.message != "",
            rx.el.p(t("invitation.preview.message"), " ", P.message, class_name="preview-message"),
        ),
        rx.el.p(t("invitation.preview.saved"), " ", rx.el.strong(saved)),
        rx.el.p(I18nState.t["invitation.preview.expires"].replace("{date}", P.expires_on)),
    ]


def preview_step() -> rx.Component:
    return rx.el.section(
        W.step_heading("preview", "invitation.preview.title"),
        W.step_alert(any_field=True),
        W.preview_block("company", "invitation.preview.company", rx.el.ul(rx.el.li(P.company))),
        W.preview_block(
            "roles",
            "invitation.preview.roles",
            rx.el.p(P.company),
            rx.el.ul(rx.foreach(P.roles, lambda label: rx.el.li(label))),
        ),
        W.preview_block(
            "validity",
            "invitation.preview.validity",
            rx.el.p(P.company, " - ", P.roles.join(", ")),  # type: ignore[attr-defined]
            rx.el.p(W.period()),
        ),
        W.preview_block("persons", "invitation.preview.persons", persons_preview()),
        W.preview_block("details", "invitation.preview.details", *details_preview()),
        W.step_actions(submit=False, next_key="invitation.finish", on_next=S.finish),
    )


def done_step() -> rx.Component:
    return rx.el.section(
        W.done_heading(
            "invitation.done.success", "invitation.done.created", "invitation.done.share"
        ),
        rx.el.p(
            t("invitation.done.link"),
            " ",
            rx.el.a(S.link, href=S.link, id="invitation-link", class_name="invitation-link"),
        ),
        rx.el.div(
            rx.el.a(
                t("invitation.done.continue"),
                href=routes.ROLE_INVITATIONS,
                class_name="button-primary",
            ),
            class_name="actions",
        ),
    )
