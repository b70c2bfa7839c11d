"""The frame of "Ma gestion des rôles eGov": the section's own header ("Ma Gestion des rôles eGov
— Mes rôles en ligne au sein des pouvoirs publics") and navigation (seed 001, steps 4–10), inside
the portal's page layout (language switch, user menu, the fieldset that waits for hydration).

A page of the section that is not built yet is named as plain text, never as a link: the
navigation links to the routes registered in ``routes.ALL_PAGES`` only.
"""

from __future__ import annotations

import reflex as rx

from components.layout import logout_button, page_layout
from foundation import routes
from state.i18n_state import I18nState
from state.session_state import SessionState

NAVIGATION = (
    ("roles.nav.open_tasks", routes.ROLE_OPEN_TASKS),
    ("roles.nav.my_assignments", routes.MY_ROLE_ASSIGNMENTS),
    ("roles.nav.assignment_management", routes.ROLE_ASSIGNMENTS_MANAGEMENT),
    ("roles.nav.invitations", routes.ROLE_INVITATIONS),
)


def is_built(route: str) -> bool:
    return route in routes.ALL_PAGES


def section_link(
    label: rx.Component | rx.Var[str], route: str, *, current: str | None = None
) -> rx.Component:
    """A link to a page of the section, or its name as plain text while the page is not built."""
    if not is_built(route):
        return rx.el.span(
            label,
            rx.el.span(" (", I18nState.t["roles.soon"], ")", class_name="visually-hidden"),
            class_name="roles-unbuilt",
        )
    return rx.el.a(label, href=route, aria_current="page" if route == current else None)


def roles_banner() -> rx.Component:
    return rx.el.div(
        rx.el.div(
            rx.el.p(I18nState.t["roles.section.title"], class_name="roles-title"),
            rx.el.p(I18nState.t["roles.section.subtitle"], class_name="roles-subtitle"),
        ),
        rx.cond(
            SessionState.logged_in,
            rx.el.p(
                rx.el.span(SessionState.user_name),
                logout_button("roles.logout", class_name="roles-logout"),
                class_name="roles-user",
            ),
            rx.fragment(),
        ),
        class_name="roles-banner",
    )


def roles_navigation(current: str | None) -> rx.Component:
    home = rx.el.a(
        rx.el.span("⌂ ", aria_hidden="true"),
        I18nState.t["roles.nav.home"],
        href=routes.ROLE_MANAGEMENT,
        aria_current="page" if current == routes.ROLE_MANAGEMENT else None,
    )
    return rx.el.nav(
        rx.el.ul(
            rx.el.li(home),
            *[
                rx.el.li(section_link(I18nState.t[key], route, current=current))
                for key, route in NAVIGATION
            ],
        ),
        aria_label=I18nState.t["roles.nav.label"],
        class_name="roles-nav",
    )


def roles_layout(current: str | None, *children: rx.Component) -> rx.Component:
    """``current``: the route of the navigation's entry this page belongs to, if any."""
    return page_layout(roles_banner(), roles_navigation(current), *children)


def roles_page(current: str | None, *content: rx.Component) -> rx.Component:
    """A page of the section whose content stands in the section's column."""
    return roles_layout(current, rx.el.div(*content, class_name="role-requests"))
