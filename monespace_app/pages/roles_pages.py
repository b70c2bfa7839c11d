"""The pages of "Ma gestion des rôles eGov" and of the designation of a company's GAP, each with
its route, its title and what it loads: one table, registered by ``add_roles_pages``."""

from __future__ import annotations

import reflex as rx

from foundation import routes
from monespace_app.page_table import PageEntry, add_pages
from monespace_app.pages.access_managers import access_managers_page
from monespace_app.pages.assignment_detail import assignment_detail_page
from monespace_app.pages.assignment_overview import assignment_overview_page
from monespace_app.pages.direct_assignment import assignment_by_number_page, direct_assignment_page
from monespace_app.pages.gap_designation import gap_designation_page
from monespace_app.pages.invitation_wizard import invitation_wizard_page
from monespace_app.pages.invitations import invitations_page
from monespace_app.pages.my_role_assignments import my_role_assignments_page
from monespace_app.pages.open_tasks import open_tasks_page
from monespace_app.pages.role_acceptance import role_acceptance_page
from monespace_app.pages.role_administrators import role_administrators_page
from monespace_app.pages.roles_home import roles_home_page
from monespace_app.pages.self_request import self_request_page
from state.roles.acceptance_state import AcceptanceState
from state.roles.administrators_state import AdministratorsState
from state.roles.assignment_detail_state import AssignmentDetailState
from state.roles.assignment_overview_state import AssignmentOverviewState
from state.roles.direct_assignment_state import DirectAssignmentState
from state.roles.gap_designation_state import GapDesignationState
from state.roles.home_state import RolesHomeState
from state.roles.invitation_wizard_state import InvitationWizardState
from state.roles.my_assignments_state import MyAssignmentsState
from state.roles.open_tasks_state import OpenTasksState
from state.roles.pending_invitations_state import PendingInvitationsState
from state.roles.saved_invitations_state import SavedInvitationsState
from state.roles.self_request_state import SelfRequestState

# (page, route, title, on_load)
ROLES_PAGES: tuple[PageEntry, ...] = (
    (roles_home_page, routes.ROLE_MANAGEMENT, "Ma gestion des rôles eGov", RolesHomeState.load),
    (
        access_managers_page,
        routes.ACCESS_MANAGERS,
        "Gestion des gestionnaires d'accès",
        None,
    ),
    (
        gap_designation_page,
        routes.GAP_DESIGNATION,
        "Désigner un Gestionnaire d'Accès Principal",
        GapDesignationState.load,
    ),
    # The invitee's acceptance link, the person's own assignments, the GAP's open tasks.
    (
        role_acceptance_page,
        routes.ROLE_INVITATION_ACCEPT,
        "Accepter une invitation d'attribution de rôle",
        AcceptanceState.load,
    ),
    (
        my_role_assignments_page,
        routes.MY_ROLE_ASSIGNMENTS,
        "Mes attributions de rôles",
        MyAssignmentsState.load,
    ),
    (open_tasks_page, routes.ROLE_OPEN_TASKS, "Mes tâches ouvertes", OpenTasksState.load),
    # Gestion des invitations: the invitations sent and saved, and the wizard of a new one.
    (
        invitations_page,
        routes.ROLE_INVITATIONS,
        "Gestion des invitations",
        [SavedInvitationsState.load, PendingInvitationsState.load],
    ),
    (
        invitation_wizard_page,
        routes.ROLE_INVITATION_NEW,
        "Gestion des invitations - Nouvelle invitation",
        InvitationWizardState.load,
    ),
    # Gérer les attributions de rôles: the company picker and overview, an assignment's detail.
    (
        assignment_overview_page,
        routes.ROLE_ASSIGNMENTS_MANAGEMENT,
        "Gérer les attributions de rôles",
        AssignmentOverviewState.load,
    ),
    (
        assignment_detail_page,
        routes.ROLE_ASSIGNMENT_DETAIL,
        "Détail de l'attribution de rôle",
        AssignmentDetailState.load,
    ),
    # Direct assignment (to members, by national register number), role administrators, a
    # person's own request.
    (
        direct_assignment_page,
        routes.ROLE_DIRECT_ASSIGNMENT,
        "Attribuer directement un nouveau rôle",
        DirectAssignmentState.load,
    ),
    (
        assignment_by_number_page,
        routes.ROLE_ASSIGNMENT_BY_NATIONAL_NUMBER,
        "Attribuer un rôle via numéro de registre national",
        DirectAssignmentState.load_by_number,
    ),
    (
        role_administrators_page,
        routes.ROLE_ADMINISTRATORS,
        "Gérer les administrateurs de l'attribution des rôles",
        AdministratorsState.load,
    ),
    (
        self_request_page,
        routes.ROLE_SELF_REQUEST,
        "Demander soi-même une attribution de rôle",
        SelfRequestState.load,
    ),
)


def add_roles_pages(app: rx.App, *, site_title: str) -> None:
    add_pages(app, ROLES_PAGES, site_title=site_title)
