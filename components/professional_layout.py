"""The frame of a company's professional space: its side menu (the company, the person's roles,
the pages; "Gérer l'espace" only for the roles that manage the space), and the content once the
service let the person in, or the refusal's text with nothing of the company."""

from __future__ import annotations

import reflex as rx

from components.layout import page_layout
from foundation import routes
from state.dossiers.professional_state import ProfessionalSpaceState
from state.i18n_state import I18nState

State = ProfessionalSpaceState
# (text, page's route, name of the page for aria-current)
MENU = (
    ("menu.dashboard", routes.PROFESSIONAL_SPACE, "dashboard"),
    ("professional.menu.dossiers", routes.PROFESSIONAL_DOSSIERS, "dossiers"),
    ("menu.documents", routes.PROFESSIONAL_DOCUMENTS, "documents"),
    ("menu.notifications", routes.PROFESSIONAL_NOTIFICATIONS, "notifications"),
)
MANAGE = "manage"


def space_link(route: str) -> rx.Var[str]:
    """One of the space's pages, for the company shown."""
    return route + State.space_query


def roles_line() -> rx.Component:
    """ "Votre rôle : Rédacteur de dossiers" (or "Vos rôles : …")."""
    return rx.el.p(
        rx.cond(
            State.roles.length() > 1,  # type: ignore[attr-defined]
            I18nState.t["professional.your_roles"],
            I18nState.t["professional.your_role"],
        ),
        " ",
        rx.el.strong(State.roles.join(", ")),  # type: ignore[attr-defined]
        class_name="space-roles",
    )


def _item(label_key: str, href: rx.Var[str] | str, current: bool) -> rx.Component:
    return rx.el.li(
        rx.el.a(I18nState.t[label_key], href=href, aria_current="page" if current else None)
    )


def side_menu(current: str) -> rx.Component:
    return rx.el.nav(
        rx.el.p(
            I18nState.t["professional.title"],
            style={
                "text_transform": "uppercase",
                "font_weight": "700",
                "margin": "0 0 0.2rem",
                "letter_spacing": "0.04em",
            },
        ),
        rx.el.p(State.company_name, style={"font_weight": "600", "margin": "0 0 0.4rem"}),
        roles_line(),
        rx.el.ul(
            *[
                _item(label_key, space_link(route), page == current)
                for label_key, route, page in MENU
            ],
            rx.cond(
                State.can_manage,
                _item(
                    "professional.menu.manage",
                    space_link(routes.PROFESSIONAL_SETTINGS),
                    current == MANAGE,
                ),
                rx.fragment(),
            ),
            _item("professional.menu.spaces", routes.MY_SPACES, False),
        ),
        aria_label=I18nState.t["menu.label"],
        class_name="side-menu",
    )


def refused() -> rx.Component:
    """The refusal's text (a company this person has no role in, a role stopped...)."""
    return rx.el.div(
        rx.el.h1(I18nState.t["professional.refused"], style={"font_size": "1.8rem"}),
        rx.el.p(State.refusal, role="alert", class_name="alert-error"),
        rx.el.a(
            I18nState.t["professional.menu.spaces"],
            href=routes.MY_SPACES,
            class_name="button-secondary",
        ),
    )


def professional_layout(current: str, *content: rx.Component) -> rx.Component:
    """``content`` beside the space's menu once the page's checks passed; the refusal alone
    when they did not; "Chargement…" until then."""
    return page_layout(
        rx.cond(
            rx.State.is_hydrated & State.ready,
            rx.el.div(
                side_menu(current),
                rx.el.div(*content),
                class_name="space-layout",
            ),
            rx.cond(
                State.refusal != "",
                refused(),
                rx.el.p(I18nState.t["common.loading"], role="status"),
            ),
        )
    )


def page_refusal() -> rx.Component:
    """A refusal of the page's content while the space's menu stays (a role that does not
    allow "Gérer l'espace")."""
    return rx.cond(
        State.refusal != "",
        rx.el.p(State.refusal, role="alert", class_name="alert-error"),
        rx.fragment(),
    )
