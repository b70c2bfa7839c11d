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
from monespace_app.pages.eid_login import eid_login_page
from monespace_app.pages.help import help_page
from monespace_app.pages.home import home_page
from monespace_app.pages.itsme_login import itsme_login_page
from monespace_app.pages.key_chooser import key_chooser_page
from monespace_app.pages.key_pages import add_key_pages
from monespace_app.pages.my_keys import my_keys_page
from monespace_app.pages.not_found import not_found_page
from monespace_app.pages.privacy import privacy_page
from monespace_app.pages.registration_office import registration_office_page
from monespace_app.pages.roles_pages import add_roles_pages
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
add_roles_pages(app, site_title=TITLE)
app.add_page(not_found_page, route="404", title=f"Page introuvable — {TITLE}")
