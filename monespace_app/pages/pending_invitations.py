"""Gestion des invitations, "Invitations envoyées" (issue 11): the invitations sent and not
accepted yet, each with its roles, persons and expiry, "Renvoyer" and "Retirer" (confirmed
first; the link stops working at once)."""

from __future__ import annotations

import reflex as rx

from portal.companies.pending_invitation_visits import SentInvitation
from state.i18n_state import I18nState
from state.roles.pending_invitations_state import PendingInvitationsState as S

COLUMNS = ("roles", "company", "persons", "sent_on", "expires_on", "actions")


def t(key: str) -> rx.Var[str]:
    return I18nState.t[key]


def sent_row(sent: SentInvitation) -> rx.Component:
    which = rx.el.span(" — ", sent.roles, ", ", sent.company, class_name="visually-hidden")
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
                    rx.el.button(
                        t("invitations.sent.resend"),
                        which,
                        type="button",
                        on_click=S.resend(sent.id),
                        class_name="link-button",
                    ),
                ),
                rx.el.button(
                    t("invitations.sent.revoke"),
                    which,
                    type="button",
                    on_click=S.ask_revoke(sent.id),
                    class_name="link-button",
                ),
                class_name="row-actions",
            )
        ),
    )


def revoke_confirmation() -> rx.Component:
    return rx.cond(
        S.confirm_revoke != "",
        rx.el.div(
            rx.el.p(
                I18nState.t["invitations.sent.revoke_confirm"].replace("{which}", S.revoking),
                id="revoke-question",
            ),
            rx.el.div(
                rx.el.button(
                    t("invitations.sent.revoke"),
                    type="button",
                    on_click=S.revoke(S.confirm_revoke),
                    class_name="button-danger",
                ),
                rx.el.button(
                    t("invitation.cancel"),
                    type="button",
                    on_click=S.cancel_revoke,
                    class_name="button-secondary",
                ),
                class_name="actions",
            ),
            id="revoke-confirmation",
            tab_index=-1,
            role="alertdialog",
            aria_labelledby="revoke-question",
            class_name="alert-error",
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
                rx.el.table(
                    rx.el.caption(t("invitations.sent.title"), class_name="visually-hidden"),
                    rx.el.thead(
                        rx.el.tr(
                            *[
                                rx.el.th(t(f"invitations.sent.{column}"), scope="col")
                                for column in COLUMNS
                            ]
                        )
                    ),
                    rx.el.tbody(rx.foreach(S.sent, sent_row)),
                    id="sent-invitations",
                    class_name="data-table",
                ),
                rx.el.p(t("invitations.sent.none")),
            ),
            aria_labelledby="sent-title",
        ),
    )
