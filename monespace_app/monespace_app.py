"""The Reflex app: creation and page registration only."""

from __future__ import annotations

from functools import partial

import reflex as rx

from foundation import routes
from foundation.settings import get_settings
from identity.eid.key import EID_KEY
from identity.eidas.key import EIDAS_KEY
from identity.itsme.key import ITSME_KEY
from identity.registry import default_registry
from monespace_app.auth_routes import auth_api
from monespace_app.back_office_routes import back_office_api
from monespace_app.backend_errors import backend_exception_handler
from monespace_app.browser_cookie import with_browser_cookie
from monespace_app.download_routes import download_api
from monespace_app.eidas_routes import eidas_api
from monespace_app.export_routes import export_api
from monespace_app.itsme_routes import itsme_api
from monespace_app.jobs import run_forever
from monespace_app.page_table import add_pages
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
from monespace_app.pages.dossier_pages import add_dossier_pages
from monespace_app.pages.eid_login import eid_login_page
from monespace_app.pages.eidas_login import eidas_login_page, eidas_return_page
from monespace_app.pages.forgotten_credentials import forgotten_credentials_page
from monespace_app.pages.help import help_page
from monespace_app.pages.home import home_page
from monespace_app.pages.itsme_login import itsme_login_page, itsme_return_page
from monespace_app.pages.key_chooser import key_chooser_page
from monespace_app.pages.key_pages import add_key_pages
from monespace_app.pages.my_keys import my_keys_page
from monespace_app.pages.not_found import not_found_page
from monespace_app.pages.privacy import privacy_page
from monespace_app.pages.professional_pages import add_professional_pages
from monespace_app.pages.registration_office import registration_office_page
from monespace_app.pages.roles_pages import add_roles_pages
from monespace_app.pages.spaces import dashboard_page, items_page, my_spaces_page, profile_page
from monespace_app.pages.token_activation import terms_page, token_activation_page
from monespace_app.pages.without_eid import registration_offices_page, without_eid_page
from monespace_app.security_headers import with_security_headers
from monespace_app.startup_checks import keep_state_files_private, refuse_unsafe_start
from monespace_app.tab_tokens import keep_tabs_across_backends
from monespace_app.well_formed_events import WellFormedEvents
from state.account_form_state import AccountFormState, AccountPendingState
from state.account_link_state import AccountLinkState
from state.account_settings_state import AccountSettingsState
from state.eid_login_state import EidLoginState
from state.eidas_login_state import EidasLoginState
from state.forgotten_credentials_state import ForgottenCredentialsState
from state.itsme_login_state import ItsmeLoginState
from state.key_chooser_state import KeyChooserState
from state.keys_state import KeysState
from state.login_return_state import LoginReturnState
from state.my_sessions_state import MySessionsState
from state.registration_office_state import RegistrationOfficeState
from state.space_state import SpacePageState, SpacesState
from state.token_activation_state import TokenActivationState

TITLE = "Mon Espace"

app = rx.App(
    html_lang=get_settings().default_language,
    # The portal's words in the page's language when an event fails ("try again" while the
    # database is out of reach), not Reflex's English toast.
    backend_exception_handler=backend_exception_handler,
    stylesheets=["/monespace.css"],
    # Last, so that it wraps the others and the pages too.
    api_transformer=[
        auth_api,
        itsme_api,
        eidas_api,
        export_api,
        download_api,
        back_office_api,
        # The pre-login cookie on every answer to a browser without one (login CSRF).
        partial(
            with_browser_cookie,
            public_origin=get_settings().public_origin,
            cookieless_paths=(routes.EIDAS_ACS,),
        ),
        partial(with_security_headers, public_origin=get_settings().public_origin),
    ],
)
app.register_lifespan_task(refuse_unsafe_start)
# Before the first event: the tabs' states (session cookie in their headers) are private files.
app.register_lifespan_task(keep_state_files_private)
# Lone surrogates of a forged event's JSON as U+FFFD, before any handler reads them.
app.add_middleware(WellFormedEvents())
app.register_lifespan_task(run_forever)
# Several backends: a tab whose backend died keeps its state on the one it reconnects to.
app.register_lifespan_task(keep_tabs_across_backends)

app.add_page(home_page, route=routes.HOME, title=f"{TITLE} — Fédération Wallonie-Bruxelles")
add_pages(
    app,
    (
        (help_page, routes.HELP, "Besoin d'aide ?", None),
        (privacy_page, routes.PRIVACY, "Politique de confidentialité", None),
        (without_eid_page, routes.WITHOUT_EID, "Sans eID", None),
        (
            registration_offices_page,
            routes.REGISTRATION_OFFICES,
            "Bureaux d'enregistrement locaux",
            None,
        ),
    ),
    site_title=TITLE,
)
# Every key of the chooser has its login page: the code keys share one (registered from the
# registry with the activation wizards), the eID reader, itsme and eIDAS have their own.
add_key_pages(app, default_registry(), site_title=TITLE)
add_pages(
    app,
    (
        (
            itsme_login_page,
            routes.key_login(ITSME_KEY.kind),
            "IDENTIFICATION via itsme",
            ItsmeLoginState.load,
        ),
        # itsme sends the browser back here (the redirect URI registered there): the page checks
        # the answer, then opens the session or says why not.
        (
            itsme_return_page,
            routes.ITSME_RETURN,
            "IDENTIFICATION via itsme",
            ItsmeLoginState.come_back,
        ),
        # European login: the country page, then the node; the ACS sends the browser back here.
        (
            eidas_login_page,
            routes.key_login(EIDAS_KEY.kind),
            "IDENTIFICATION avec une identification électronique reconnue au plan européen",
            [EidasLoginState.load, LoginReturnState.remember_if_asked],
        ),
        (
            eidas_return_page,
            routes.EIDAS_RETURN,
            "IDENTIFICATION avec une identification électronique reconnue au plan européen",
            EidasLoginState.come_back,
        ),
        (my_keys_page, routes.MY_KEYS, "Mes clés numériques", KeysState.load),
        (
            token_activation_page,
            routes.TOKEN_ACTIVATION,
            "Activer votre clé numérique",
            TokenActivationState.load,
        ),
        (terms_page, routes.TERMS, "Conditions d'utilisation", None),
        (
            registration_office_page,
            routes.REGISTRATION_OFFICE,
            "Bureau d'enregistrement local",
            RegistrationOfficeState.load,
        ),
        # "S'identifier" in a section opens the chooser with ?suite=<path>: the login comes
        # back there.
        (
            key_chooser_page,
            routes.KEY_CHOOSER,
            "S'identifier",
            [LoginReturnState.remember, KeyChooserState.read_level],
        ),
        (
            eid_login_page,
            routes.key_login(EID_KEY.kind),
            "Identification avec lecteur de carte eID",
            [EidLoginState.reset_page, LoginReturnState.remember_if_asked],
        ),
        (
            forgotten_credentials_page,
            routes.FORGOTTEN_CREDENTIALS,
            "Nom d'utilisateur et/ou mot de passe oublié(s)?",
            ForgottenCredentialsState.load,
        ),
        (account_form_page, routes.ACCOUNT_FORM, "Mon compte", AccountFormState.load),
        (account_pending_page, routes.ACCOUNT_PENDING, "Votre compte", AccountPendingState.load),
    ),
    site_title=TITLE,
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
        on_load=[SpacePageState.load_profile(space), MySessionsState.load],
    )

add_pages(
    app,
    (
        (account_info_page, routes.ACCOUNT, "Compte", AccountSettingsState.load),
        (account_deletion_page, routes.ACCOUNT_DELETION, "Compte", AccountSettingsState.load),
        (
            account_deleted_page,
            routes.ACCOUNT_DELETED,
            "Compte",
            AccountSettingsState.load_deleted,
        ),
        (account_gone_page, routes.ACCOUNT_GONE, "Compte", None),
    ),
    site_title=TITLE,
)
# "Ma gestion des rôles eGov" and the designation of a company's GAP.
add_roles_pages(app, site_title=TITLE)
# The companies' professional spaces, and Mes dossiers of every space.
add_professional_pages(app, site_title=TITLE)
add_dossier_pages(app, site_title=TITLE)
app.add_page(not_found_page, route="404", title=f"Page introuvable — {TITLE}")
