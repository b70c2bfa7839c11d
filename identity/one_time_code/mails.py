"""Layout of the e-mails that carry codes (e-mail code, paper token): French, text and HTML."""

from __future__ import annotations

import html

from foundation.mail_outbox import SIGNATURE, OutgoingMail


def code_mail(
    *,
    to: str,
    subject: str,
    greeting: str,
    paragraphs: list[str],
    code_label: str,
    code: str,
    link: tuple[str, str] | None = None,
) -> OutgoingMail:
    """A mail whose main content is one code (shown large in HTML), with an optional button."""
    text = [greeting, *paragraphs[:1], f"{code_label} : {code}", *paragraphs[1:]]
    if link is not None:
        text.append(f"{link[0]} : {link[1]}")
    text.append(SIGNATURE)
    parts = [f"<p>{html.escape(greeting)}</p>"]
    parts += [f"<p>{html.escape(p)}</p>" for p in paragraphs[:1]]
    parts.append(
        f"<p>{html.escape(code_label)} :</p>"
        '<p style="font-size:24px;font-weight:bold;letter-spacing:4px;font-family:monospace">'
        f"{html.escape(code)}</p>"
    )
    parts += [f"<p>{html.escape(p)}</p>" for p in paragraphs[1:]]
    if link is not None:
        parts.append(button(*link))
    parts.append(f"<p>{html.escape(SIGNATURE)}</p>")
    return OutgoingMail(
        recipient=to,
        subject=subject,
        text_body="\n\n".join(text) + "\n",
        html_body=page("".join(parts)),
    )


def button(label: str, url: str) -> str:
    return (
        f'<p><a href="{html.escape(url, quote=True)}" style="display:inline-block;'
        "background:#1c3f8c;color:#ffffff;padding:10px 18px;text-decoration:none;"
        f'border-radius:4px">{html.escape(label)}</a></p>'
    )


def page(body: str) -> str:
    return (
        '<!doctype html><html lang="fr"><body style="font-family:Arial,sans-serif;color:#1d2433">'
        f"{body}</body></html>"
    )
