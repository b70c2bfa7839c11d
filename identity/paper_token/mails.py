"""The e-mails of the paper token (French, text and HTML)."""

from __future__ import annotations

import html

from foundation.mail_outbox import SIGNATURE, OutgoingMail
from identity.one_time_code.mails import button, page


def activation_mail(
    *, to: str, full_name: str, activate_url: str, valid_until: str
) -> OutgoingMail:
    greeting = f"Bonjour {full_name}"
    paragraphs = [
        "Vous avez été enregistré(e) par un bureau d'enregistrement local pour accéder aux "
        "services de l'administration en ligne.",
        "Pour activer votre clé numérique, ouvrez le lien ci-dessous et introduisez le code "
        "d'activation de 20 caractères que l'agent vous a remis sur papier. Vous disposez de "
        f"trois essais ; le code est valable jusqu'au {valid_until}.",
        "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.",
    ]
    label = "Activer ma clé numérique"
    text = "\n\n".join([greeting, *paragraphs[:2], f"{label} : {activate_url}", paragraphs[2]])
    body = "".join(f"<p>{html.escape(p)}</p>" for p in [greeting, *paragraphs[:2]])
    body += button(label, activate_url)
    body += f"<p>{html.escape(paragraphs[2])}</p><p>{html.escape(SIGNATURE)}</p>"
    return OutgoingMail(
        recipient=to,
        subject="Activez votre clé numérique Mon Espace",
        text_body=f"{text}\n\n{SIGNATURE}\n",
        html_body=page(body),
    )


def token_card_mail(*, to: str, full_name: str, codes: list[tuple[int, str]]) -> OutgoingMail:
    greeting = f"Bonjour {full_name}"
    intro = (
        "Votre code de sécurité via token a été créé. Voici votre token : à chaque "
        "identification, après votre nom d'utilisateur et votre mot de passe, introduisez le code "
        "dont le numéro vous est demandé. Chaque code ne sert qu'une fois."
    )
    keep = (
        "Imprimez ce token ou recopiez-le, gardez-le en lieu sûr et supprimez ensuite ce message. "
        "Ne communiquez ces codes à personne."
    )
    lines = "\n".join(f"n° {number:>2} : {code}" for number, code in codes)
    rows = "".join(
        f'<tr><th scope="row" style="text-align:right;padding:2px 12px">n° {number}</th>'
        '<td style="font-family:monospace;font-size:18px;padding:2px 12px">'
        f"{html.escape(code)}</td>"
        "</tr>"
        for number, code in codes
    )
    table = (
        '<table style="border-collapse:collapse"><caption>Votre token</caption>'
        '<thead><tr><th scope="col">Numéro</th><th scope="col">Code</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )
    body = "".join(f"<p>{html.escape(p)}</p>" for p in [greeting, intro])
    body += table + f"<p>{html.escape(keep)}</p><p>{html.escape(SIGNATURE)}</p>"
    return OutgoingMail(
        recipient=to,
        subject="Votre token Mon Espace",
        text_body=f"{greeting}\n\n{intro}\n\n{lines}\n\n{keep}\n\n{SIGNATURE}\n",
        html_body=page(body),
    )
