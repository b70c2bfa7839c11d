"""The shape of the portal's letters by e-mail, in French, as text and HTML: greeting,
paragraphs, buttons (links), closing and signature ("Madame, Monsieur, … Sincères
salutations,")."""

from __future__ import annotations

import html

from foundation.mail_outbox import SIGNATURE, OutgoingMail

GREETING = "Madame, Monsieur,"
CLOSING = "Sincères salutations,"


def quoted(name: str) -> str:
    # « de « Entreprise de test » » rather than « de Entreprise de test »: no elision to get wrong.
    return f"« {name} »"


def letter(
    to: str, subject: str, paragraphs: list[str], links: list[tuple[str, str]]
) -> OutgoingMail:
    text_links = "".join(f"{label} : {url}\n\n" for label, url in links)
    text = f"{GREETING}\n\n" + "".join(f"{p}\n\n" for p in paragraphs)
    text += f"{text_links}{CLOSING}\n\n{SIGNATURE}\n"
    body = "".join(f"<p>{html.escape(p)}</p>" for p in [GREETING, *paragraphs])
    buttons = "".join(
        f'<p><a href="{html.escape(url, quote=True)}" style="display:inline-block;'
        f"background:#1c3f8c;color:#ffffff;padding:10px 18px;text-decoration:none;"
        f'border-radius:4px">{html.escape(label)}</a></p>'
        for label, url in links
    )
    return OutgoingMail(
        recipient=to,
        subject=subject,
        text_body=text,
        html_body=(
            '<!doctype html><html lang="fr"><body style="font-family:Arial,sans-serif;'
            f'color:#1d2433">{body}{buttons}<p>{html.escape(CLOSING)}</p>'
            f"<p>{html.escape(SIGNATURE)}</p></body></html>"
        ),
    )
