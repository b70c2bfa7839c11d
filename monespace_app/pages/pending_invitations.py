"""Gestion des invitations, "Invitations envoyées" (issue 11): the invitations sent and not
accepted yet, each with its roles, persons and expiry, "Renvoyer" and "Retirer" (confirmed
first; the link stops working at once)."""

from __future__ import annotations

import reflex as rx

from components.actions import action_button, confirmation, hidden
from components.paged_table import listed_table
from portal.companies.pending_invitation_visits import SentInvitation
from state.i18n_state import I18nState
from state.roles.pending_invitations_state import PendingInvitationsState as S

COLUMNS = ("roles", "company", "persons", "sent_on", "expires_on", "actions")


def t(key: str) -> rx.Var[str]:
    return I18nState.t[key]


def sent_row(sent: SentInvitation) -> rx.Component:
    which = hidden(" — ", sent.roles, ", ", sent.company)
    return rx.el.tr(
        rx.el.th(sent.roles, scope="row"),
        rx.el.td(sent.company),
        rx.el.td(rx.cond(sent.persons != "", sent.persons, t("invitations.sent.open_link"))),
        rx.el.td(sent.sent_on),
        rx.el.td(sent.expires_on),
        rx.el.td(
            rx.el.div(
                rx.cond(
                    sent.waiting > 0,
                    action_button(t("invitations.sent.resend"), S.resend(sent.id), which),
                ),
                action_button(t("invitations.sent.revoke"), S.ask_revoke(sent.id), which),
                class_name="row-actions",
            )
        ),
    )


def revoke_confirmation() -> rx.Component:
    return rx.cond(
        S.confirm_revoke != "",
        confirmation(
            "revoke",
            I18nState.t["invitations.sent.revoke_confirm"].replace("{which}", S.revoking),
            confirm=t("invitations.sent.revoke"),
            on_confirm=S.revoke(S.confirm_revoke),
            cancel=t("invitation.cancel"),
            on_cancel=S.cancel_revoke,
        ),
    )


def notices() -> rx.Component:
    done = rx.match(
        S.done,
        (
            "resent",
            I18nState.t["invitations.sent.resent"].replace(
                "{n}", rx.Var.create(S.resent_to).to(str)
            ),
        ),
        ("revoked", t("invitations.sent.revoked")),
        "",
    )
    return rx.fragment(
        rx.cond(
            S.done != "",
            rx.el.div(
                done, id="pending-done", tab_index=-1, role="status", class_name="alert-success"
            ),
        ),
        rx.cond(
            S.error_text != "", rx.el.div(S.error_text, role="alert", class_name="alert-error")
        ),
    )


def pending_section() -> rx.Component:
    """Shown once its own load ran (a person below the eID level is sent there by it)."""
    return rx.cond(
        S.ready,
        rx.el.section(
            rx.el.h2(t("invitations.sent.title"), id="sent-title"),
            rx.el.p(t("invitations.sent.intro")),
            notices(),
            revoke_confirmation(),
            rx.cond(
                S.has_sent,
                listed_table(
                    t("invitations.sent.title"),
                    [t(f"invitations.sent.{column}") for column in COLUMNS],
                    S.sent,
                    sent_row,
                    table_id="sent-invitations",
                ),
                rx.el.p(t("invitations.sent.none")),
            ),
            aria_labelledby="sent-title",
        ),
    )
