"""The e-mails of the e-mail code key (French, text and HTML)."""

from __future__ import annotations

from foundation.mail_outbox import OutgoingMail
from identity.one_time_code.mails import code_mail

VALIDITY = "Ce code est valable 10 minutes et ne peut servir qu'une fois."
NEVER_SHARE = (
    "Ne communiquez ce code à personne : l'administration ne vous le demandera jamais par "
    "téléphone ou par e-mail. Si vous n'êtes pas à l'origine de cette demande, ignorez ce message."
)


def login_code_mail(*, to: str, code: str) -> OutgoingMail:
    return code_mail(
        to=to,
        subject="Votre code de sécurité Mon Espace",
        greeting="Bonjour,",
        paragraphs=[
            "Voici le code de sécurité pour vous identifier auprès de l'administration en ligne "
            "avec votre nom d'utilisateur et votre mot de passe.",
            VALIDITY,
            NEVER_SHARE,
        ],
        code_label="Votre code de sécurité",
        code=code,
    )


def registration_code_mail(*, to: str, code: str) -> OutgoingMail:
    return code_mail(
        to=to,
        subject="Votre code d'enregistrement Mon Espace",
        greeting="Bonjour,",
        paragraphs=[
            "Vous activez la clé numérique « Code de sécurité par e-mail ». Saisissez ce code "
            "d'enregistrement pour confirmer votre adresse e-mail.",
            VALIDITY,
            NEVER_SHARE,
        ],
        code_label="Votre code d'enregistrement",
        code=code,
    )
