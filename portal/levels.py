"""The one table of the minimum level of assurance each space, page and action needs (DESIGN §2).

A key's level is its descriptor's (``identity.registry``) and the session records it; what each
part of the portal asks of that level is written here and nowhere else. The services read it:
``portal.visits`` refuses a visit below its gate's level with ``LevelTooLowError`` (the page then
opens the step-up: the key chooser showing the keys that reach the level, and back), the dossier
permissions and the role management checks read their rows and keep their own refusals.
"""

from __future__ import annotations

from enum import StrEnum
from types import MappingProxyType
from typing import Final

from foundation import routes
from identity.assurance import LevelOfAssurance

LOW, SUBSTANTIAL, HIGH = LevelOfAssurance.LOW, LevelOfAssurance.SUBSTANTIAL, LevelOfAssurance.HIGH


class Gate(StrEnum):
    """A space, page or action that states its minimum level: one row of ``MINIMUM_LEVEL``."""

    MY_SPACES = "my_spaces"
    ACCOUNT_CREATION = "account_creation"
    ACCOUNT_DELETION_PENDING = "account_deletion_pending"
    MY_KEYS = "my_keys"
    ROLES_HOME = "roles_home"
    CITIZEN_SPACE = "space.citoyen"
    TEACHING_SPACE = "space.enseignement"
    ACCOUNT = "account"
    MY_SESSIONS = "my_sessions"
    DOSSIER_READ = "dossier.read"
    DOSSIER_MODIFY = "dossier.modify"
    DOSSIER_DELETE = "dossier.delete"
    DOSSIER_MANAGE_SPACE = "dossier.manage_space"
    DOSSIER_CREATE = "dossier.create"
    DOSSIER_SIGN = "dossier.sign"
    DOSSIER_SUBMIT = "dossier.submit"
    ROLE_MANAGEMENT = "role_management"


MINIMUM_LEVEL: Final = MappingProxyType(
    {
        # Every level. Mes espaces is where every login lands: it names the person's spaces and
        # nothing in them, and each space then asks its own level.
        Gate.MY_SPACES: LOW,
        # The first-login form, the pending page and "Renvoyer l'e-mail": the person's identity
        # as their own key just gave it, nothing the administration holds; a person whose
        # account was erased may create it again with whatever key they kept.
        Gate.ACCOUNT_CREATION: LOW,
        # The page a person whose deletion waits lands on: the date to withdraw by. Withdrawing
        # and confirming need a recent strong login (``portal.accounts.deletion``), as in CSAM.
        Gate.ACCOUNT_DELETION_PENDING: LOW,
        # Mes clés numériques stays open to a weak login, as the federal key management is: it
        # is where a person learns which keys they hold and how to reach a higher level. Adding,
        # changing or removing a key needs a recent eID login, checked by each key's enrolment
        # and by the removal (``identity.sessions.require_recent_strong_login``).
        Gate.MY_KEYS: LOW,
        # The door of "Ma gestion des rôles eGov": says who is logged in and links to its pages,
        # each of which asks ROLE_MANAGEMENT.
        Gate.ROLES_HOME: LOW,
        # Spaces with personal data (national number, documents, dossiers, e-mail): substantial.
        Gate.CITIZEN_SPACE: SUBSTANTIAL,
        Gate.TEACHING_SPACE: SUBSTANTIAL,
        Gate.ACCOUNT: SUBSTANTIAL,  # Compte: identity, e-mail, the deletion tab
        # Mes sessions, in Mon profil: where and when the person is logged in, and ending those
        # sessions; as personal as the profile it is part of.
        Gate.MY_SESSIONS: SUBSTANTIAL,
        # Dossiers (seed 003): reading and changing them shows personal data; initiating,
        # signing and submitting commit the person, which needs the eID level.
        Gate.DOSSIER_READ: SUBSTANTIAL,
        Gate.DOSSIER_MODIFY: SUBSTANTIAL,
        Gate.DOSSIER_DELETE: SUBSTANTIAL,
        Gate.DOSSIER_MANAGE_SPACE: SUBSTANTIAL,
        Gate.DOSSIER_CREATE: HIGH,
        Gate.DOSSIER_SIGN: HIGH,
        Gate.DOSSIER_SUBMIT: HIGH,
        # Ma gestion des rôles eGov: every page that reads or acts on roles, one's own included.
        Gate.ROLE_MANAGEMENT: HIGH,
    }
)

# The level as the step-up's URL names it (``?niveau=substantiel``).
LEVEL_WORDS: Final = MappingProxyType({LOW: "faible", SUBSTANTIAL: "substantiel", HIGH: "eleve"})


class LevelTooLowError(Exception):
    """The session's key does not reach the level this space, page or action needs: the page
    opens the key chooser for that level, and comes back once the person has logged in."""

    def __init__(self, gate: Gate, required: LevelOfAssurance) -> None:
        super().__init__(f"{gate.value} needs the level {required.name}")
        self.gate = gate
        self.required = required


def minimum_level(gate: Gate) -> LevelOfAssurance:
    return MINIMUM_LEVEL[gate]


def reaches(level: LevelOfAssurance, gate: Gate) -> bool:
    return level.satisfies(MINIMUM_LEVEL[gate])


def require_level(level: LevelOfAssurance, gate: Gate) -> None:
    """Refuses a session whose level is below the gate's, with ``LevelTooLowError``."""
    if not reaches(level, gate):
        raise LevelTooLowError(gate, MINIMUM_LEVEL[gate])


def space_gate(space: str) -> Gate:
    """The row of one of a person's own spaces (``citoyen``, ``enseignement``); a name of no
    space reads as the citizen's, so that a weak session learns nothing from a typed name."""
    try:
        return Gate(f"space.{space}")
    except ValueError:
        return Gate.CITIZEN_SPACE


def level_named(word: str) -> LevelOfAssurance | None:
    """The level a step-up URL names, or None for a word that names none."""
    for level, name in LEVEL_WORDS.items():
        if name == word:
            return level
    return None


def step_up(back: str, required: LevelOfAssurance) -> str:
    """The key chooser for a login of at least ``required``, which then brings the browser back
    to ``back`` (a path of this site, with its query)."""
    return routes.login_then(back, level=LEVEL_WORDS[required])
