"""Home of "Ma gestion des rôles eGov" (seed 001 steps 4 and 8, seed 002 §3.2.1): the four
blocks and their priority tasks, "S'identifier" for a visitor who has not logged in yet, the
counts of the open tasks once identified (single sign-on with the rest of the portal)."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from components.layout import loaded, page_title, paragraph
from components.roles_layout import roles_layout, section_link
from foundation import routes
from state.i18n_state import I18nState
from state.roles.home_state import RolesHomeState as S


@dataclass(frozen=True, slots=True)
class Task:
    key: str
    route: str
    count: rx.Var[int] | int | None = None  # a state var: "(n)" once identified


@dataclass(frozen=True, slots=True)
class Block:
    key: str  # roles.block.<key>: its title; .text its line
    route: str
    colour: str
    identified: tuple[Task, ...]
    anonymous: tuple[Task, ...]


VIEW_REQUESTS = Task("roles.task.view_requests", routes.ROLE_OPEN_TASKS)
DECIDE = Task("roles.task.decide_requests", routes.ROLE_OPEN_TASKS, S.requests_to_decide)
COMPLETE = Task("roles.task.complete_requests", routes.ROLE_OPEN_TASKS, S.requests_to_complete)
CREATE = Task("roles.task.create_assignment", routes.ROLE_ASSIGNMENTS_MANAGEMENT)
FOR_EMPLOYEE = Task("roles.task.assign_existing_employee", routes.ROLE_DIRECT_ASSIGNMENT)
MY_ROLES = (
    Task("roles.task.view_current_assignments", routes.MY_ROLE_ASSIGNMENTS),
    Task("roles.task.view_all_assignments", routes.MY_ROLE_ASSIGNMENTS),
    Task("roles.task.request_assignment", routes.ROLE_SELF_REQUEST),
)
INVITATIONS = (
    Task("roles.task.send_invitation", routes.ROLE_INVITATION_NEW),
    Task("roles.task.invitation_templates", routes.ROLE_INVITATIONS),
)
MANAGED = Task("roles.task.view_managed_assignments", routes.ROLE_ASSIGNMENTS_MANAGEMENT)

BLOCKS = (
    Block(
        "open_tasks",
        routes.ROLE_OPEN_TASKS,
        "blue",
        (VIEW_REQUESTS, DECIDE, COMPLETE, CREATE),
        (VIEW_REQUESTS, DECIDE, COMPLETE, FOR_EMPLOYEE),
    ),
    Block(
        "assignment_management",
        routes.ROLE_ASSIGNMENTS_MANAGEMENT,
        "orange",
        (MANAGED, CREATE),
        (
            MANAGED,
            FOR_EMPLOYEE,
            Task("roles.task.assign_by_national_number", routes.ROLE_ASSIGNMENT_BY_NATIONAL_NUMBER),
        ),
    ),
    Block("my_assignments", routes.MY_ROLE_ASSIGNMENTS, "purple", MY_ROLES, MY_ROLES),
    Block("invitations", routes.ROLE_INVITATIONS, "green", INVITATIONS, INVITATIONS),
)


def task_item(task: Task, *, identified: bool) -> rx.Component:
    label: rx.Component = rx.el.span(I18nState.t[task.key])
    if identified and task.count is not None:
        label = rx.el.span(I18nState.t[task.key], " (", task.count, ")")
    return rx.el.li(section_link(label, task.route))


def block(spec: Block) -> rx.Component:
    heading_id = f"block-{spec.key}"
    return rx.el.section(
        rx.el.h2(
            section_link(I18nState.t[f"roles.block.{spec.key}"], spec.route),
            id=heading_id,
            class_name="roles-block-title",
        ),
        rx.el.p(I18nState.t[f"roles.block.{spec.key}.text"]),
        rx.el.p(I18nState.t["roles.priority_tasks"], class_name="roles-priority"),
        rx.cond(
            S.identified,
            rx.el.ul(*[task_item(task, identified=True) for task in spec.identified]),
            rx.el.ul(*[task_item(task, identified=False) for task in spec.anonymous]),
        ),
        aria_labelledby=heading_id,
        class_name=f"roles-block roles-block-{spec.colour}",
    )


def identify_panel() -> rx.Component:
    return rx.el.div(
        rx.el.p(I18nState.t["roles.not_identified"]),
        rx.el.a(
            I18nState.t["roles.identify"],
            href=routes.login_then(routes.ROLE_MANAGEMENT),
            # The login's entry is an HTTP endpoint, not a page of the app: a full page load.
            reload_document=True,
            class_name="button-primary",
        ),
        class_name="alert-info roles-identify",
    )


def access_managers_panel() -> rx.Component:
    """Where a legal representative designates the GAP, first step for a company (seed 002 §2)."""
    return rx.el.section(
        rx.el.h2(I18nState.t["roles.access_managers.title"], id="access-managers"),
        rx.el.p(I18nState.t["roles.access_managers.text"]),
        rx.el.a(
            I18nState.t["roles.access_managers.more"],
            href=routes.ACCESS_MANAGERS,
            class_name="button-secondary",
        ),
        aria_labelledby="access-managers",
        class_name="roles-access-managers",
    )


def roles_home_page() -> rx.Component:
    return roles_layout(
        routes.ROLE_MANAGEMENT,
        loaded(
            S.checked,
            rx.fragment(
                rx.cond(S.identified, rx.fragment(), identify_panel()),
                page_title("roles.home.title"),
                paragraph("roles.home.intro"),
                rx.el.div(*[block(spec) for spec in BLOCKS], class_name="roles-blocks"),
                access_managers_panel(),
            ),
        ),
    )
