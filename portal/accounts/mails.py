"""The e-mails an account receives, in French, as text and HTML."""

from __future__ import annotations

import html

from foundation.mail_outbox import SIGNATURE, OutgoingMail


def _html(paragraphs: list[str], links: list[tuple[str, str]]) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    buttons = "".join(
        f'<p><a href="{html.escape(url, quote=True)}" style="display:inline-block;'
        f"background:#1c3f8c;color:#ffffff;padding:10px 18px;text-decoration:none;"
        f'border-radius:4px">{html.escape(label)}</a></p>'
        for label, url in links
    )
    return (
        '<!doctype html><html lang="fr"><body style="font-family:Arial,sans-serif;color:#1d2433">'
        f"{body}{buttons}<p>{html.escape(SIGNATURE)}</p></body></html>"
    )


def activation_mail(*, to: str, full_name: str, activate_url: str, cancel_url: str) -> OutgoingMail:
    greeting = f"Bonjour {full_name}"
    intro = (
        "Vous venez de créer un compte Mon Espace. Pour activer votre compte, veuillez cliquer "
        "sur le lien d'activation ci-dessous"
    )
    error = "Si toutefois il s'agit d'une erreur, veuillez cliquer sur le lien d'annulation suivant"
    text = (
        f"{greeting}\n\n{intro} :\n\nActiver mon compte Mon Espace : {activate_url}\n\n"
        f"{error} :\n\nAnnuler l'activation du compte Mon Espace : {cancel_url}\n\n{SIGNATURE}\n"
    )
    return OutgoingMail(
        recipient=to,
        subject="Activez votre compte Mon Espace",
        text_body=text,
        html_body=_html(
            [greeting, intro],
            [("Activer mon compte Mon Espace", activate_url)],
        ).replace(
            f"<p>{html.escape(SIGNATURE)}</p>",
            f"<p>{html.escape(error)}</p>"
            f'<p><a href="{html.escape(cancel_url, quote=True)}">'
            "Annuler l'activation du compte Mon Espace</a></p>"
            f"<p>{html.escape(SIGNATURE)}</p>",
        ),
    )


def confirm_email_mail(*, to: str, full_name: str, confirm_url: str, purpose: str) -> OutgoingMail:
    greeting = f"Bonjour {full_name}"
    intro = (
        f"Vous avez demandé à utiliser cette adresse e-mail {purpose}. Pour la confirmer, "
        "veuillez cliquer sur le lien ci-dessous. Si vous n'êtes pas à l'origine de cette demande, "
        "ignorez ce message : rien ne sera changé."
    )
    return OutgoingMail(
        recipient=to,
        subject="Confirmez votre adresse e-mail Mon Espace",
        text_body=f"{greeting}\n\n{intro}\n\nConfirmer mon adresse e-mail : {confirm_url}\n\n"
        f"{SIGNATURE}\n",
        html_body=_html([greeting, intro], [("Confirmer mon adresse e-mail", confirm_url)]),
    )


def email_changed_notice(*, to: str, full_name: str, new_email: str) -> OutgoingMail:
    greeting = f"Bonjour {full_name}"
    intro = (
        f"L'adresse e-mail de votre compte Mon Espace a été remplacée par {new_email}. "
        "Si vous n'êtes pas à l'origine de ce changement, contactez-nous sans attendre."
    )
    return OutgoingMail(
        recipient=to,
        subject="L'adresse e-mail de votre compte Mon Espace a changé",
        text_body=f"{greeting}\n\n{intro}\n\n{SIGNATURE}\n",
        html_body=_html([greeting, intro], []),
    )


def deletion_notice(*, to: str, full_name: str, until: str) -> OutgoingMail:
    greeting = f"Bonjour {full_name}"
    intro = (
        "Votre compte Mon Espace est supprimé. Vous pouvez annuler cette suppression jusqu'au "
        f"{until} en vous connectant à Mon Espace. Après cette date, votre compte, votre "
        "historique de navigation, vos tags et vos favoris seront supprimés définitivement."
    )
    return OutgoingMail(
        recipient=to,
        subject="Votre compte Mon Espace est supprimé",
        text_body=f"{greeting}\n\n{intro}\n\n{SIGNATURE}\n",
        html_body=_html([greeting, intro], []),
    )
