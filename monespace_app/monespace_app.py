"""The Reflex app: creation and page registration only."""

from __future__ import annotations

from functools import partial

import reflex as rx

from foundation import routes
from foundation.settings import get_settings
from identity.eid.key import EID_KEY
from identity.itsme.key import ITSME_KEY
from identity.registry import default_registry
from monespace_app.auth_routes import auth_api
from monespace_app.export_routes import export_api
from monespace_app.jobs import run_forever
from monespace_app.pages.access_managers import access_managers_page
from monespace_app.pages.account_form import account_form_page, account_pending_page
from monespace_app.pages.account_links import (
    activation_page,
    cancel_activation_page,
    confirm_email_page,
    confirm_teaching_email_page,
)
from monespace_app.pages.account_settings import (
    account_deleted_page,
    account_deletion_page,
    account_gone_page,
    account_info_page,
)
from monespace_app.pages.assignment_detail import assignment_detail_page
from monespace_app.pages.assignment_overview import assignment_overview_page
from monespace_app.pages.direct_assignment import (
    assignment_by_number_page,
    direct_assignment_page,
)
from monespace_app.pages.eid_login import eid_login_page
from monespace_app.pages.gap_designation import gap_designation_page
from monespace_app.pages.help import help_page
from monespace_app.pages.home import home_page
from monespace_app.pages.invitation_wizard import invitation_wizard_page
from monespace_app.pages.invitations import invitations_page
from monespace_app.pages.itsme_login import itsme_login_page
from monespace_app.pages.key_chooser import key_chooser_page
from monespace_app.pages.key_pages import add_key_pages
from monespace_app.pages.my_keys import my_keys_page
from monespace_app.pages.my_role_assignments import my_role_assignments_page
from monespace_app.pages.not_found import not_found_page
from monespace_app.pages.open_tasks import open_tasks_page
from monespace_app.pages.privacy import privacy_page
from monespace_app.pages.registration_office import registration_office_page
from monespace_app.pages.role_acceptance import role_acceptance_page
from monespace_app.pages.role_administrators import role_administrators_page
from monespace_app.pages.roles_home import roles_home_page
from monespace_app.pages.self_request import self_request_page
from monespace_app.pages.spaces import dashboard_page, items_page, my_spaces_page, profile_page
from monespace_app.pages.token_activation import terms_page, token_activation_page
from state.account_form_state import AccountFormState, AccountPendingState
from state.account_link_state import AccountLinkState
from state.account_settings_state import AccountSettingsState
from state.eid_login_state import EidLoginState
from state.itsme_login_state import ItsmeLoginState
from state.keys_state import KeysState
from state.login_return_state import LoginReturnState
from state.registration_office_state import RegistrationOfficeState
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
from state.space_state import SpacePageState, SpacesState
from state.token_activation_state import TokenActivationState

TITLE = "Mon Espace"

app = rx.App(
    html_lang=get_settings().default_language,
    stylesheets=["/monespace.css"],
    api_transformer=[auth_api, export_api],
)
app.register_lifespan_task(run_forever)

app.add_page(home_page, route=routes.HOME, title=f"{TITLE} — Fédération Wallonie-Bruxelles")
app.add_page(help_page, route=routes.HELP, title=f"Besoin d'aide ? — {TITLE}")
app.add_page(privacy_page, route=routes.PRIVACY, title=f"Politique de confidentialité — {TITLE}")
# Every key of the chooser has its login page: the code keys share one (registered from the
# registry with the activation wizards), the eID reader and itsme have their own.
add_key_pages(app, default_registry(), site_title=TITLE)
app.add_page(
    itsme_login_page,
    route=routes.key_login(ITSME_KEY.kind),
    title=f"IDENTIFICATION via itsme — {TITLE}",
    on_load=ItsmeLoginState.load,
)
app.add_page(
    my_keys_page,
    route=routes.MY_KEYS,
    title=f"Mes clés numériques — {TITLE}",
    on_load=KeysState.load,
)
app.add_page(
    token_activation_page,
    route=routes.TOKEN_ACTIVATION,
    title=f"Activer votre clé numérique — {TITLE}",
    on_load=TokenActivationState.load,
)
app.add_page(terms_page, route=routes.TERMS, title=f"Conditions d'utilisation — {TITLE}")
app.add_page(
    registration_office_page,
    route=routes.REGISTRATION_OFFICE,
    title=f"Bureau d'enregistrement local — {TITLE}",
    on_load=RegistrationOfficeState.load,
)
# "S'identifier" in a section opens the chooser with ?suite=<path>: the login comes back there.
app.add_page(
    key_chooser_page,
    route=routes.KEY_CHOOSER,
    title=f"S'identifier — {TITLE}",
    on_load=LoginReturnState.remember,
)

app.add_page(
    eid_login_page,
    route=routes.key_login(EID_KEY.kind),
    title=f"Identification avec lecteur de carte eID — {TITLE}",
    on_load=[EidLoginState.reset_page, LoginReturnState.remember_if_asked],
)
app.add_page(
    account_form_page,
    route=routes.ACCOUNT_FORM,
    title=f"Mon compte — {TITLE}",
    on_load=AccountFormState.load,
)
app.add_page(
    account_pending_page,
    route=routes.ACCOUNT_PENDING,
    title=f"Votre compte — {TITLE}",
    on_load=AccountPendingState.load,
)
for route, page, action in (
    (routes.ACTIVATE_ACCOUNT, activation_page, "activate"),
    (routes.CANCEL_ACTIVATION, cancel_activation_page, "cancel"),
    (routes.CONFIRM_EMAIL, confirm_email_page, "confirm-email"),
    (routes.CONFIRM_TEACHING_EMAIL, confirm_teaching_email_page, "teaching-email"),
):
    app.add_page(page, route=route, title=TITLE, on_load=AccountLinkState.follow(action))

app.add_page(
    my_spaces_page, route=routes.MY_SPACES, title=f"Mes espaces — {TITLE}", on_load=SpacesState.load
)
for space in routes.SPACES:
    app.add_page(
        partial(dashboard_page, space),
        route=routes.dashboard(space),
        title=f"Mon tableau de bord — {TITLE}",
        on_load=SpacePageState.load_dashboard(space),
    )
    for page_name, kind, title_key in (
        ("documents", "document", "menu.documents"),
        ("notifications", "notification", "menu.notifications"),
        ("communications", "communication", "menu.communications"),
    ):
        app.add_page(
            partial(items_page, space, page_name, title_key),
            route=routes.space_page(space, page_name),
            title=TITLE,
            on_load=SpacePageState.load_items(space, kind),
        )
    app.add_page(
        partial(profile_page, space),
        route=routes.space_page(space, "profil"),
        title=f"Mon profil — {TITLE}",
        on_load=SpacePageState.load_profile(space),
    )

app.add_page(
    account_info_page,
    route=routes.ACCOUNT,
    title=f"Compte — {TITLE}",
    on_load=AccountSettingsState.load,
)
app.add_page(
    account_deletion_page,
    route=routes.ACCOUNT_DELETION,
    title=f"Compte — {TITLE}",
    on_load=AccountSettingsState.load,
)
app.add_page(
    account_deleted_page,
    route=routes.ACCOUNT_DELETED,
    title=f"Compte — {TITLE}",
    on_load=AccountSettingsState.load_deleted,
)
app.add_page(account_gone_page, route=routes.ACCOUNT_GONE, title=f"Compte — {TITLE}")
# "Ma gestion des rôles eGov" and the designation of a company's GAP.
app.add_page(
    roles_home_page,
    route=routes.ROLE_MANAGEMENT,
    title=f"Ma gestion des rôles eGov — {TITLE}",
    on_load=RolesHomeState.load,
)
app.add_page(
    access_managers_page,
    route=routes.ACCESS_MANAGERS,
    title=f"Gestion des gestionnaires d'accès — {TITLE}",
)
app.add_page(
    gap_designation_page,
    route=routes.GAP_DESIGNATION,
    title=f"Désigner un Gestionnaire d'Accès Principal — {TITLE}",
    on_load=GapDesignationState.load,
)
# The invitee's acceptance link, the person's own assignments, the GAP's open tasks.
app.add_page(
    role_acceptance_page,
    route=routes.ROLE_INVITATION_ACCEPT,
    title=f"Accepter une invitation d'attribution de rôle — {TITLE}",
    on_load=AcceptanceState.load,
)
app.add_page(
    my_role_assignments_page,
    route=routes.MY_ROLE_ASSIGNMENTS,
    title=f"Mes attributions de rôles — {TITLE}",
    on_load=MyAssignmentsState.load,
)
app.add_page(
    open_tasks_page,
    route=routes.ROLE_OPEN_TASKS,
    title=f"Mes tâches ouvertes — {TITLE}",
    on_load=OpenTasksState.load,
)
# Gestion des invitations: the saved invitations, and the wizard of a new one.
app.add_page(
    invitations_page,
    route=routes.ROLE_INVITATIONS,
    title=f"Gestion des invitations — {TITLE}",
    on_load=[SavedInvitationsState.load, PendingInvitationsState.load],
)
app.add_page(
    invitation_wizard_page,
    route=routes.ROLE_INVITATION_NEW,
    title=f"Gestion des invitations - Nouvelle invitation — {TITLE}",
    on_load=InvitationWizardState.load,
)
# Gérer les attributions de rôles: the company picker and overview, an assignment's detail.
app.add_page(
    assignment_overview_page,
    route=routes.ROLE_ASSIGNMENTS_MANAGEMENT,
    title=f"Gérer les attributions de rôles — {TITLE}",
    on_load=AssignmentOverviewState.load,
)
app.add_page(
    assignment_detail_page,
    route=routes.ROLE_ASSIGNMENT_DETAIL,
    title=f"Détail de l'attribution de rôle — {TITLE}",
    on_load=AssignmentDetailState.load,
)
# Direct assignment (to members, by national register number), role administrators, a person's
# own request.
app.add_page(
    direct_assignment_page,
    route=routes.ROLE_DIRECT_ASSIGNMENT,
    title=f"Attribuer directement un nouveau rôle — {TITLE}",
    on_load=DirectAssignmentState.load,
)
app.add_page(
    assignment_by_number_page,
    route=routes.ROLE_ASSIGNMENT_BY_NATIONAL_NUMBER,
    title=f"Attribuer un rôle via numéro de registre national — {TITLE}",
    on_load=DirectAssignmentState.load_by_number,
)
app.add_page(
    role_administrators_page,
    route=routes.ROLE_ADMINISTRATORS,
    title=f"Gérer les administrateurs de l'attribution des rôles — {TITLE}",
    on_load=AdministratorsState.load,
)
app.add_page(
    self_request_page,
    route=routes.ROLE_SELF_REQUEST,
    title=f"Demander soi-même une attribution de rôle — {TITLE}",
    on_load=SelfRequestState.load,
)
app.add_page(not_found_page, route="404", title=f"Page introuvable — {TITLE}")
