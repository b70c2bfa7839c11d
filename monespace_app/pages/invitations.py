"""Gestion des invitations (seed 001 step 10): "Envoyer une nouvelle invitation", and the
"Invitations sauvegardées", each one a start for a new invitation ("Utiliser") or removed."""

from __future__ import annotations

import reflex as rx

from components.actions import action_button, hidden
from components.layout import loaded, page_title, paragraph
from components.paged_table import listed_table
from components.roles_layout import roles_layout
from foundation import routes
from monespace_app.pages.pending_invitations import pending_section
from portal.companies.saved_invitations import SavedInvitation
from state.i18n_state import I18nState
from state.roles.invitation_wizard_state import TEMPLATE_PARAMETER
from state.roles.saved_invitations_state import SavedInvitationsState as S


def saved_row(saved: SavedInvitation) -> rx.Component:
    named = hidden(" « ", saved.name, " »")
    return rx.el.tr(
        rx.el.td(saved.name),
        rx.el.td(saved.description),
        rx.el.td(saved.company),
        rx.el.td(saved.roles),
        rx.el.td(
            rx.el.div(
                rx.el.a(
                    I18nState.t["invitations.saved.use"],
                    named,
                    href=f"{routes.ROLE_INVITATION_NEW}?{TEMPLATE_PARAMETER}="
                    + rx.Var.create(saved.id).to(str),
                ),
                action_button(I18nState.t["invitations.saved.delete"], S.delete(saved.id), named),
                class_name="row-actions",
            )
        ),
    )


def saved_list() -> rx.Component:
    return rx.cond(
        S.has_saved,
        listed_table(
            I18nState.t["invitations.saved.title"],
            [
                I18nState.t[f"invitations.saved.{column}"]
                for column in ("name", "description", "company", "roles", "actions")
            ],
            S.saved,
            saved_row,
        ),
        rx.el.p(I18nState.t["invitations.saved.none"]),
    )


def invitations_page() -> rx.Component:
    return roles_layout(
        routes.ROLE_INVITATIONS,
        page_title("invitations.title"),
        loaded(
            S.ready,
            rx.fragment(
                paragraph("invitations.intro"),
                rx.el.p(I18nState.t["invitations.new_intro"]),
                rx.el.div(
                    rx.el.a(
                        I18nState.t["invitations.new"],
                        href=routes.ROLE_INVITATION_NEW,
                        class_name="button-primary",
                    ),
                    class_name="actions",
                ),
                pending_section(),
                rx.el.h2(I18nState.t["invitations.saved.title"]),
                rx.cond(
                    S.deleted,
                    rx.el.div(
                        I18nState.t["invitations.saved.deleted"],
                        role="status",
                        class_name="alert-success",
                    ),
                ),
                rx.cond(
                    S.error_text != "",
                    rx.el.div(S.error_text, role="alert", class_name="alert-error"),
                ),
                saved_list(),
            ),
        ),
    )
