"""The e-mails of "Ma gestion des rôles eGov", in French, as text and HTML, in the seeds' words
("Madame, Monsieur, … votre attribution de rôle … est octroyée.")."""

from __future__ import annotations

from foundation.mail_letters import letter as _mail
from foundation.mail_letters import quoted as _quoted
from foundation.mail_outbox import OutgoingMail

CONSULT = "Identifiez-vous et consultez vos attributions de rôle"


def gap_designated(
    *, to: str, company: str, representative: str, management_url: str
) -> OutgoingMail:
    """To the new GAP."""
    return _mail(
        to,
        f"Vous êtes désigné(e) gestionnaire d'accès principal de {_quoted(company)}",
        [
            f"{representative}, représentant légal de {_quoted(company)}, vous a désigné(e) "
            "gestionnaire d'accès principal (GAP) de l'entreprise.",
            "Vous pouvez désormais inviter des personnes de l'entreprise dans Mon Espace et leur "
            "attribuer un rôle, dans Ma gestion des rôles eGov.",
        ],
        [("Ma gestion des rôles eGov", management_url)],
    )


def gap_designation_confirmed(*, to: str, company: str, gap: str) -> OutgoingMail:
    """To the legal representative who designated someone else."""
    return _mail(
        to,
        f"Désignation du gestionnaire d'accès principal de {_quoted(company)}",
        [
            f"Vous avez désigné {gap} gestionnaire d'accès principal (GAP) de {_quoted(company)}. "
            "Un e-mail de confirmation lui a également été envoyé.",
        ],
        [],
    )


def gap_replaced(*, to: str, company: str, new_gap: str) -> OutgoingMail:
    """To the GAP someone else replaces."""
    return _mail(
        to,
        f"Vous n'êtes plus le gestionnaire d'accès principal de {_quoted(company)}",
        [
            f"Un représentant légal de {_quoted(company)} a désigné {new_gap} gestionnaire d'accès "
            "principal (GAP) de l'entreprise à votre place. Vous ne pouvez plus inviter de "
            "personnes ni attribuer de rôles pour cette entreprise.",
        ],
        [],
    )


def invitation(
    *, to: str, company: str, message: str, accept_url: str, assignments_url: str
) -> OutgoingMail:
    """To each person named in an invitation (seed 001, step 19)."""
    paragraphs = [
        "Vous êtes invité à accepter un rôle dans une application eGov.",
        f"Entreprise : {company}",
        "Cliquez sur S'identifier pour voir l'invitation. Pour accepter l'invitation, "
        "remplissez vos données personnelles ou contrôlez les informations présentes.",
    ]
    if message:
        paragraphs.insert(2, f"Message personnel : {message}")
    return _mail(
        to,
        "Invitation à accepter un rôle dans une application eGov",
        paragraphs,
        [("S'identifier", accept_url), (CONSULT, assignments_url)],
    )


def request_to_evaluate(
    *, to: str, person: str, roles: list[str], company: str, tasks_url: str
) -> OutgoingMail:
    """To the GAP, once an invitation is accepted: a task waits in "Mes tâches ouvertes"."""
    return _mail(
        to,
        "Une demande d'attribution de rôle attend votre évaluation",
        [
            f"{person} a accepté votre invitation et demande l'attribution de rôle "
            f"{', '.join(roles)} pour {_quoted(company)}.",
            "Identifiez-vous et évaluez la demande dans Mes tâches ouvertes.",
        ],
        [("Mes tâches ouvertes", tasks_url)],
    )


def role_granted(*, to: str, role: str, company: str, assignments_url: str) -> OutgoingMail:
    """To the person who receives the role."""
    return _mail(
        to,
        f"Votre attribution de rôle {role} est octroyée",
        [f"votre attribution de rôle {role} est octroyée.", f"Entreprise : {company}"],
        [(CONSULT, assignments_url)],
    )


def role_granted_to_gap(
    *, to: str, role: str, person: str, company: str, validity: str, management_url: str
) -> OutgoingMail:
    """To the GAP who approved: the same news, about the person."""
    return _mail(
        to,
        f"L'attribution de rôle {role} de {person} est octroyée",
        [
            f"l'attribution de rôle {role} de {person} est octroyée.",
            f"Entreprise : {company}",
            f"Durée de validité : {validity}",
        ],
        [("Ma gestion des rôles eGov", management_url)],
    )


def role_rejected(
    *, to: str, role: str, company: str, reason: str, approver: str, assignments_url: str
) -> OutgoingMail:
    return _mail(
        to,
        f"Votre demande d'attribution de rôle {role} est rejetée",
        [
            f"votre demande d'attribution de rôle {role} pour {_quoted(company)} a été rejetée.",
            f"Raison : {reason}",
            f"Approbateur : {approver}",
        ],
        [(CONSULT, assignments_url)],
    )


def role_expired(*, to: str, role: str, company: str, ended_on: str) -> OutgoingMail:
    return _mail(
        to,
        f"Votre attribution de rôle {role} a expiré",
        [
            f"votre attribution de rôle {role} pour {_quoted(company)} a pris fin le {ended_on}.",
            "Si vous en avez encore besoin, demandez-la à nouveau à votre gestionnaire d'accès "
            "principal.",
        ],
        [],
    )
