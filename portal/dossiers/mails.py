"""The dossiers' e-mails, in French like the portal's other letters."""

from __future__ import annotations

from foundation.mail_letters import letter, quoted
from foundation.mail_outbox import OutgoingMail


def submitted(*, to: str, reference: str, title: str, when: str, dossier_url: str) -> OutgoingMail:
    """The acknowledgement: the administration has received the dossier."""
    return letter(
        to,
        f"Accusé de réception de votre dossier {reference}",
        [
            f"Votre dossier {reference} {quoted(title)} a bien été introduit le {when}.",
            "L'accusé de réception signé est disponible dans Mon Espace, rubrique Mes documents. "
            "Vous serez informé(e) de chaque étape du traitement de votre dossier.",
        ],
        [("Consulter mon dossier", dossier_url)],
    )


def complement_requested(
    *, to: str, reference: str, title: str, message: str, dossier_url: str
) -> OutgoingMail:
    return letter(
        to,
        f"Complément demandé pour votre dossier {reference}",
        [
            f"L'administration demande un complément pour votre dossier {reference} "
            f"{quoted(title)} :",
            message,
            "Répondez depuis votre dossier dans Mon Espace.",
        ],
        [("Répondre à la demande", dossier_url)],
    )


def closed(*, to: str, reference: str, title: str, decision: str, dossier_url: str) -> OutgoingMail:
    return letter(
        to,
        f"Décision pour votre dossier {reference}",
        [
            f"Le traitement de votre dossier {reference} {quoted(title)} est terminé.",
            decision,
            "Le document de décision est disponible dans Mon Espace, rubrique Mes documents.",
        ],
        [("Consulter mon dossier", dossier_url)],
    )
