"""Every route of the portal, in one place."""

from __future__ import annotations

from urllib.parse import quote

HOME = "/"
HELP = "/aide"
PRIVACY = "/confidentialite"
KEY_CHOOSER = "/connexion"
ACCOUNT_FORM = "/mon-compte/inscription"
ACCOUNT_PENDING = "/mon-compte/validation"
ACTIVATE_ACCOUNT = "/mon-compte/activer"
CANCEL_ACTIVATION = "/mon-compte/annuler-activation"
MY_SPACES = "/mes-espaces"
ACCOUNT = "/compte"
ACCOUNT_DELETION = "/compte/suppression"
ACCOUNT_DELETED = "/compte/supprime"
ACCOUNT_GONE = "/compte/supprime-definitivement"
CONFIRM_EMAIL = "/compte/confirmer-email"
CONFIRM_TEACHING_EMAIL = "/enseignement/confirmer-email"
SESSION_START = "/_auth/session"
# Sets the return cookie, then opens the key chooser (or one key's page): ?suite=<path>[&cle=<kind>]
LOGIN_THEN = "/_auth/connexion"
# GET clears the cookie of a session already ended; POST (with its CSRF token) ends one.
LOGOUT = "/_auth/quitter"
# itsme (an OpenID provider) sends the browser back here with ?code=&state= (the redirect URI
# registered there), and reads the portal's public keys (private_key_jwt) at ITSME_CLIENT_JWKS.
ITSME_RETURN = "/connexion/itsme/retour"
ITSME_CLIENT_JWKS = "/_auth/itsme/jwks"
# European login (eIDAS): the country page is routes.key_login("eidas"); the node posts its
# SAML answer to EIDAS_ACS (a cross-site POST, without the portal's cookies), which sends the
# browser on to EIDAS_RETURN?ticket=… where the login completes; the node reads the portal's SAML
# metadata (its entity id, by default) at EIDAS_METADATA.
EIDAS_ACS = "/_auth/eidas/acs"
EIDAS_METADATA = "/_auth/eidas/metadata"
EIDAS_RETURN = "/connexion/eidas/retour"
# Why a login's ticket opened nothing, for the key chooser: ?erreur=<reason>.
LOGIN_REFUSAL_PARAMETER = "erreur"
REFUSED_TICKET = "session"  # stale, used or unknown
REFUSED_OTHER_BROWSER = "navigateur"  # redeemed by a browser other than the one that logged in
REFUSED_NO_COOKIES = "cookies"  # redeemed by a browser without its pre-login cookie
LOGIN_REFUSALS = (REFUSED_TICKET, REFUSED_OTHER_BROWSER, REFUSED_NO_COOKIES)
# The level of assurance the key chooser asks for (the step-up): ?niveau=substantiel.
LEVEL_PARAMETER = "niveau"
# "Nom d'utilisateur et/ou mot de passe oublié(s)?" of every username + password page: how to
# recover them, and the new password once identified with the eID or itsme.
FORGOTTEN_CREDENTIALS = f"{KEY_CHOOSER}/identifiants-oublies"


MY_KEYS = "/mes-cles"
# Opened from the e-mail a registration office sends (?activation=<reference>).
TOKEN_ACTIVATION = f"{MY_KEYS}/activer-token"
REGISTRATION_OFFICE = "/bureau-enregistrement"
TERMS = "/conditions-d-utilisation"
# Public help (seed 004 §3): how to use the online services without an eID, and the list of the
# local registration offices (BEL) where a paper token is issued.
WITHOUT_EID = "/sans-eid"
REGISTRATION_OFFICES = f"{WITHOUT_EID}/bureaux-enregistrement"


# "Ma gestion des rôles eGov". The acceptance link is the one an invitation e-mail carries
# (?invitation=<uuid>). A page joins ALL_PAGES when it is registered: the section's navigation
# links to those only, and names the others as plain text.
ROLE_MANAGEMENT = "/roles"
ROLE_OPEN_TASKS = f"{ROLE_MANAGEMENT}/taches-ouvertes"
MY_ROLE_ASSIGNMENTS = f"{ROLE_MANAGEMENT}/mes-attributions"
ROLE_ASSIGNMENTS_MANAGEMENT = f"{ROLE_MANAGEMENT}/gestion-attributions"
# One assignment of a managed company (?attribution=<id>); the company's assignments as CSV, a
# download served by a plain HTTP endpoint (?entreprise=<number>).
ROLE_ASSIGNMENT_DETAIL = f"{ROLE_ASSIGNMENTS_MANAGEMENT}/detail"
ROLE_ASSIGNMENTS_EXPORT = "/_export/attributions-de-roles"
ROLE_INVITATIONS = f"{ROLE_MANAGEMENT}/invitations"
# The invitation wizard; ?modele=<id> starts it from a saved invitation.
ROLE_INVITATION_NEW = f"{ROLE_INVITATIONS}/nouvelle"
ROLE_INVITATION_ACCEPT = "/roleinvitation/accept"
# Direct assignment to members of the managed companies, or to a national register number; the
# company's role administrators; a person's own request for a role.
ROLE_DIRECT_ASSIGNMENT = f"{ROLE_ASSIGNMENTS_MANAGEMENT}/attribution-directe"
ROLE_ASSIGNMENT_BY_NATIONAL_NUMBER = f"{ROLE_ASSIGNMENTS_MANAGEMENT}/registre-national"
ROLE_ADMINISTRATORS = f"{ROLE_ASSIGNMENTS_MANAGEMENT}/administrateurs"
ROLE_SELF_REQUEST = f"{MY_ROLE_ASSIGNMENTS}/demander"
# "Gestion des gestionnaires d'accès": a legal representative designates the company's GAP.
ACCESS_MANAGERS = f"{ROLE_MANAGEMENT}/gestionnaires-acces"
GAP_DESIGNATION = f"{ACCESS_MANAGERS}/designer-gap"


def is_local_path(value: str) -> bool:
    """A path of this site: never a way to send the browser to another host."""
    return value.startswith("/") and not value.startswith("//") and "\\" not in value


def login_then(path: str, *, key: str | None = None, level: str | None = None) -> str:
    """The key chooser (or one key's login page) that brings the browser back to ``path``;
    ``level`` (``substantiel``, ``eleve``) makes it the step-up: the chooser shows which keys
    reach that level."""
    query = f"suite={quote(path, safe='')}" + (f"&cle={quote(key, safe='')}" if key else "")
    if level:
        query += f"&{LEVEL_PARAMETER}={quote(level, safe='')}"
    return f"{LOGIN_THEN}?{query}"


# The activation wizard's "Retour à l'application" goes back to ?retour=<path>: the page whose
# login sent the person to activate the key first.
RETURN_PARAMETER = "retour"


def key_activation(kind: str, *, back: str = "") -> str:
    """The wizard that activates (or modifies) one kind of key; ``back``, a path of this site,
    is where its "Retour à l'application" leads (Mes espaces without it)."""
    path = f"{MY_KEYS}/activer/{kind}"
    if back and is_local_path(back):
        path += f"?{RETURN_PARAMETER}={quote(back, safe='')}"
    return path


def key_login(kind: str) -> str:
    """The login page of one digital key."""
    return f"{KEY_CHOOSER}/{kind}"


# Démarches and dossiers (seed 003). The catalogue is public; a démarche's page (?cle=<key>) has
# "Commencer"; a dossier is named by its reference (?reference=ME-2026-000123), its form opens
# at one step (&etape=<key>). A company's professional space is named by its number
# (?entreprise=0712345630). Files are downloads served by a plain HTTP endpoint
# (?reference=…&piece=<id>, or &document=accuse for the signed receipt).
CATALOGUE = "/demarches"
PROCEDURE = f"{CATALOGUE}/demarche"
DOSSIER = "/dossier"
DOSSIER_FORM = f"{DOSSIER}/formulaire"
DOSSIER_DOWNLOAD = "/_telechargement/dossier"
PROFESSIONAL_SPACE = "/espace-professionnel"
PROFESSIONAL_DOSSIERS = f"{PROFESSIONAL_SPACE}/dossiers"
PROFESSIONAL_DOCUMENTS = f"{PROFESSIONAL_SPACE}/documents"
PROFESSIONAL_NOTIFICATIONS = f"{PROFESSIONAL_SPACE}/notifications"
PROFESSIONAL_SETTINGS = f"{PROFESSIONAL_SPACE}/gerer"
# The administration's back office reads and handles the dossiers through this API, with the
# Bearer token of the settings (monespace_app/back_office_routes.py).
BACK_OFFICE_API = "/_api/back-office"


def dossier(reference: str) -> str:
    return f"{DOSSIER}?reference={quote(reference, safe='')}"


def dossier_form(reference: str, step: str = "") -> str:
    suffix = f"&etape={quote(step, safe='')}" if step else ""
    return f"{DOSSIER_FORM}?reference={quote(reference, safe='')}{suffix}"


def procedure(key: str) -> str:
    return f"{PROCEDURE}?cle={quote(key, safe='')}"


def professional(page: str, company_number: str) -> str:
    return f"{page}?entreprise={quote(company_number, safe='')}"


SPACES = ("citoyen", "enseignement")


def dashboard(space: str) -> str:
    return f"/{space}/tableau-de-bord"


def space_page(space: str, page: str) -> str:
    return f"/{space}/{page}"


ALL_PAGES = (
    HOME,
    HELP,
    PRIVACY,
    KEY_CHOOSER,
    FORGOTTEN_CREDENTIALS,
    ACCOUNT_FORM,
    ACCOUNT_PENDING,
    ACTIVATE_ACCOUNT,
    CANCEL_ACTIVATION,
    MY_SPACES,
    ACCOUNT,
    MY_KEYS,
    ACCOUNT_DELETION,
    ACCOUNT_DELETED,
    ACCOUNT_GONE,
    CONFIRM_EMAIL,
    CONFIRM_TEACHING_EMAIL,
    TOKEN_ACTIVATION,
    REGISTRATION_OFFICE,
    TERMS,
    ROLE_MANAGEMENT,
    ROLE_INVITATIONS,
    ROLE_INVITATION_NEW,
    ACCESS_MANAGERS,
    GAP_DESIGNATION,
    ROLE_INVITATION_ACCEPT,
    MY_ROLE_ASSIGNMENTS,
    ROLE_OPEN_TASKS,
    ROLE_DIRECT_ASSIGNMENT,
    ROLE_ASSIGNMENT_BY_NATIONAL_NUMBER,
    ROLE_ADMINISTRATORS,
    ROLE_SELF_REQUEST,
    ROLE_ASSIGNMENTS_MANAGEMENT,
    ROLE_ASSIGNMENT_DETAIL,
)
