"""The e-mails of issue 11 (an assignment changed or about to end, role administrators named or
removed, a self-request to evaluate), in the layout and greeting of ``mails``, which they share
rather than copy. Words of the seed where it shows the mail ("Des modifications à votre/vos
attribution(s) de rôle … ont été approuvées"), of the same voice elsewhere.
"""

from __future__ import annotations

from foundation.mail_letters import letter as _mail
from foundation.mail_letters import quoted as _quoted
from foundation.mail_outbox import OutgoingMail
from portal.companies.mails import CONSULT

MANAGEMENT = "Ma gestion des rôles eGov"


def role_changed(
    *,
    to: str,
    role: str,
    change: str,
    validity: str,
    company: str,
    company_number: str,
    approver: str,
    assignments_url: str,
) -> OutgoingMail:
    """To the person whose assignment was changed (seed 001 "Suspendre l'ancien rôle", step 8);
    ``change`` is the line saying what, e.g. "L'attribution de rôle a été suspendue"."""
    return _mail(
        to,
        f"Modification de votre attribution de rôle {role}",
        [
            f"Des modifications à votre/vos attribution(s) de rôle {role} pour l'application "
            "Ma Gestion des rôles e-Gov ont été approuvées :",
            change,
            f"Rôle : {role}",
            f"Durée de validité : {validity}",
            f"Entreprise : {_quoted(company)}, {company_number}",
            f"Approbateur : {approver}",
        ],
        [(CONSULT, assignments_url)],
    )


def role_ending(
    *, to: str, role: str, company: str, ends_on: str, assignments_url: str
) -> OutgoingMail:
    """To the person, 14 days before the last day of an assignment."""
    return _mail(
        to,
        f"Votre attribution de rôle {role} prend fin le {ends_on}",
        [
            f"votre attribution de rôle {role} pour {_quoted(company)} prend fin le {ends_on}.",
            "Si vous en avez encore besoin après cette date, demandez à votre gestionnaire "
            "d'accès principal de la prolonger.",
        ],
        [(CONSULT, assignments_url)],
    )


def role_administrator_named(
    *, to: str, company: str, gap: str, management_url: str
) -> OutgoingMail:
    return _mail(
        to,
        f"Vous êtes administrateur de l'attribution des rôles de {_quoted(company)}",
        [
            f"{gap}, gestionnaire d'accès principal de {_quoted(company)}, vous a désigné(e) "
            "administrateur de l'attribution des rôles de l'entreprise.",
            "Vous pouvez désormais inviter des personnes, évaluer leurs demandes, leur attribuer "
            "directement des rôles et modifier ou arrêter ces attributions, dans "
            f"{MANAGEMENT}.",
        ],
        [(MANAGEMENT, management_url)],
    )


def role_administrator_removed(*, to: str, company: str, gap: str) -> OutgoingMail:
    return _mail(
        to,
        f"Vous n'êtes plus administrateur de l'attribution des rôles de {_quoted(company)}",
        [
            f"{gap}, gestionnaire d'accès principal de {_quoted(company)}, vous a retiré(e) "
            "de la liste des administrateurs de l'attribution des rôles. Vous ne pouvez plus "
            "gérer les attributions de rôles de cette entreprise.",
        ],
        [],
    )


def self_request_to_evaluate(
    *, to: str, person: str, role: str, company: str, message: str, tasks_url: str
) -> OutgoingMail:
    """To the company's GAP and role administrators: "Demander soi-même une attribution de
    rôle" put a task in their "Mes tâches ouvertes"."""
    paragraphs = [
        f"{person} demande l'attribution de rôle {role} pour {_quoted(company)}.",
        "Identifiez-vous et évaluez la demande dans Mes tâches ouvertes.",
    ]
    if message:
        paragraphs.insert(1, f"Message personnel : {message}")
    return _mail(
        to,
        "Une demande d'attribution de rôle attend votre évaluation",
        paragraphs,
        [("Mes tâches ouvertes", tasks_url)],
    )
