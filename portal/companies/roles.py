"""The role catalogue of "Ma gestion des rôles eGov", in one place: applications, their roles and
what each Mon Espace role may do (the matrix of seeds 001 and 002, DESIGN §1.1).

Only the Mon Espace roles carry permissions in this portal; the other applications' roles are
there because the seed's picker lists them, so that filtering it means something. Names and
descriptions are the catalogue's own data (French, as the seeds show them), like a company name.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from foundation.models.companies import AssignmentStatus, RoleAssignment


class Permission(StrEnum):
    READ = "read"
    MODIFY = "modify"
    CREATE = "create"
    DELETE = "delete"
    SIGN = "sign"
    SUBMIT = "submit"
    MANAGE_SPACE = "manage_space"


# The matrix's columns, in the seeds' order and words.
PERMISSION_LABELS: dict[Permission, str] = {
    Permission.READ: "Lire",
    Permission.MODIFY: "Modifier",
    Permission.CREATE: "Créer",
    Permission.DELETE: "Supprimer",
    Permission.SIGN: "Signer",
    Permission.SUBMIT: "Soumettre",
    Permission.MANAGE_SPACE: "Gérer Espace",
}


@dataclass(frozen=True, slots=True)
class Role:
    code: str
    application: str  # Application.code
    name: str  # as the picker lists it: "Espace Personnel Wallon - Rédacteur de dossiers"
    label: str  # as tables and e-mails show it: "Rédacteur de dossiers"
    short_description: str
    long_description: str
    permissions: frozenset[Permission] = frozenset()


@dataclass(frozen=True, slots=True)
class Application:
    code: str
    name: str
    roles: tuple[Role, ...]


MON_ESPACE = "monespace"
_EPW = "Espace Personnel Wallon"
_DOSSIER_WORK = frozenset(
    {Permission.READ, Permission.MODIFY, Permission.CREATE, Permission.DELETE}
)
_PARTS = "ainsi que les éléments, formulaires et fichiers constituant ces dossiers"


def _mon_espace(
    code: str, label: str, short: str, long: str, permissions: Iterable[Permission]
) -> Role:
    return Role(
        code=f"{MON_ESPACE}.{code}",
        application=MON_ESPACE,
        name=f"{_EPW} - {label}",
        label=label,
        short_description=short,
        long_description=long,
        permissions=frozenset(permissions),
    )


def _other(application: str, code: str, name: str, short: str, long: str) -> Role:
    return Role(f"{application}.{code}", application, name, name, short, long)


APPLICATIONS: tuple[Application, ...] = (
    Application(
        MON_ESPACE,
        _EPW,
        (
            _mon_espace(
                "reader",
                "Relecteur de dossiers",
                "Lire les dossiers.",
                f"Lire des dossiers {_PARTS}, sans pouvoir les modifier.",
                {Permission.READ},
            ),
            _mon_espace(
                "writer",
                "Rédacteur de dossiers",
                "Créer, lire, modifier et supprimer les dossiers.",
                f"Créer, lire, modifier et supprimer des dossiers {_PARTS}.",
                _DOSSIER_WORK,
            ),
            _mon_espace(
                "editor",
                "Editeur de dossiers",
                "Créer, lire, modifier, supprimer, signer et soumettre les dossiers.",
                f"Créer, lire, modifier, supprimer, signer et soumettre des dossiers {_PARTS}.",
                _DOSSIER_WORK | {Permission.SIGN, Permission.SUBMIT},
            ),
            _mon_espace(
                "space_manager",
                "Gestionnaire de l'espace",
                "Lire les dossiers et gérer l'espace de l'entreprise.",
                "Lire les dossiers et gérer l'espace professionnel de l'entreprise dans "
                "Mon Espace, sans intervenir dans les dossiers.",
                {Permission.READ, Permission.MANAGE_SPACE},
            ),
            _mon_espace(
                "space_owner",
                "Propriétaire de l'espace",
                "Toutes les actions sur les dossiers et la gestion de l'espace.",
                f"Créer, lire, modifier, supprimer, signer et soumettre des dossiers {_PARTS}, "
                "et gérer l'espace professionnel de l'entreprise dans Mon Espace.",
                set(Permission),
            ),
        ),
    ),
    Application(
        "emcs",
        "EMCS",
        (
            _other(
                "emcs",
                "operator",
                "EMCS",
                "Déclarer les mouvements de produits soumis à accises.",
                "Déclarer et suivre dans EMCS les mouvements de produits soumis à accises "
                "en suspension de droits.",
            ),
        ),
    ),
    Application(
        "fatca",
        "FATCA",
        (
            _other(
                "fatca",
                "declarant",
                "FATCA",
                "Transmettre les déclarations FATCA.",
                "Transmettre les déclarations FATCA de l'institution financière.",
            ),
        ),
    ),
    Application(
        "demat",
        "Titres dématérialisés",
        (
            _other(
                "demat",
                "issuer",
                "Emetteur de titres (demat)",
                "Déclarer les titres dématérialisés émis.",
                "Déclarer les titres dématérialisés émis par l'entreprise.",
            ),
        ),
    ),
    Application(
        "mandates",
        "Gestion des mandats",
        (
            _other(
                "mandates",
                "agent",
                "Entrepreneur mandataire",
                "Agir comme mandataire d'une entreprise.",
                "Agir au nom d'une entreprise qui a donné un mandat à cette entreprise.",
            ),
        ),
    ),
    Application(
        "antwerpen",
        "Fiscaal e-loket stad Antwerpen",
        (
            _other(
                "antwerpen",
                "principal",
                "Fiscaal e-loket stad Antwerpen Mandaatgever",
                "Donner mandat pour les taxes de la ville d'Anvers.",
                "Donner mandat à un tiers pour les déclarations de taxes de la ville d'Anvers.",
            ),
            _other(
                "antwerpen",
                "agent",
                "Fiscaal e-loket stad Antwerpen Mandaatnemer",
                "Déclarer les taxes de la ville d'Anvers pour un mandant.",
                "Introduire les déclarations de taxes de la ville d'Anvers au nom d'un mandant.",
            ),
        ),
    ),
    Application(
        "csam",
        "CSAM",
        (
            _other(
                "csam",
                "local_registration_officer",
                "Local Registration Officer",
                "Enregistrer des personnes au bureau d'enregistrement.",
                "Vérifier l'identité des personnes au bureau d'enregistrement local et leur "
                "remettre un code d'activation.",
            ),
            _other(
                "csam",
                "website_manager",
                "Responsable Site Web",
                "Gérer le site web de l'entreprise.",
                "Gérer les informations publiées sur le site web de l'entreprise.",
            ),
        ),
    ),
)

ROLES: dict[str, Role] = {r.code: r for a in APPLICATIONS for r in a.roles}


def find_role(code: str) -> Role | None:
    return ROLES.get(code)


def role(code: str) -> Role:
    """The role with that code; ``KeyError`` for a code the catalogue does not have."""
    return ROLES[code]


def _folded(text: str) -> str:
    # "redacteur" finds "Rédacteur": accents and case do not matter when filtering.
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


# The catalogue's roles by folded name, folded once: the pickers' computed vars filter them on
# every page load of a tab (a hydrate computes every state's vars), and folding each name each
# time was a third of a hydrate's work.
_BY_FOLDED_NAME: tuple[tuple[str, Role], ...] = tuple(
    sorted(((_folded(r.name), r) for r in ROLES.values()), key=lambda pair: pair[0])
)


def filter_roles(search: str = "") -> list[Role]:
    """The picker's "Valeurs possibles": roles whose name contains ``search``, by name."""
    needle = _folded(search.strip())
    return [r for folded, r in _BY_FOLDED_NAME if needle in folded]


def permissions_of(role_code: str) -> frozenset[Permission]:
    """What the role allows; nothing for a code the catalogue no longer has."""
    found = ROLES.get(role_code)
    return found.permissions if found is not None else frozenset()


def is_in_force(assignment: RoleAssignment, on: date) -> bool:
    return (
        assignment.status == AssignmentStatus.ACTIVE
        and assignment.starts_on <= on
        and (assignment.ends_on is None or on <= assignment.ends_on)
    )


def can(
    assignments: Iterable[RoleAssignment], company_number: str, permission: Permission, *, on: date
) -> bool:
    """Whether one of ``assignments`` in force ``on`` that day, for that company, allows it.

    ``on`` is needed: an approved assignment is in force only from its start date, and one whose
    end date has passed stops at once, before the hourly job marks it expired."""
    return any(
        a.company_number == company_number
        and is_in_force(a, on)
        and permission in permissions_of(a.role_code)
        for a in assignments
    )


def matrix() -> list[tuple[Role, tuple[bool, ...]]]:
    """The table "Quel rôle utiliser ?": each Mon Espace role and a tick per permission."""
    return [
        (r, tuple(p in r.permissions for p in PERMISSION_LABELS))
        for r in ROLES.values()
        if r.application == MON_ESPACE
    ]
