"""The itsme simulator's pages, in French: the provider's identification pages (what the browser
sees between the portal and its return page) and the demo's phones (Confirmer / Refuser).

The phones' pages work without JavaScript. The waiting page asks every second whether the phone
answered and then goes on by itself, as itsme's page does; without JavaScript, "Continuer" does
the same.
"""

from __future__ import annotations

import json
from datetime import datetime
from urllib.parse import quote

from simulators.itsme.directory import ItsmePhone
from simulators.itsme.provider import Transaction
from simulators.itsme.requests import IdentificationRequest, RequestBook, RequestStatus
from simulators.loopback_web import esc, page
from simulators.sms_gateway.numbers import display_phone

TITLE = "itsme — téléphones de démonstration"
PROVIDER_TITLE = "itsme — identification"
STATUS_TEXT = {
    RequestStatus.PENDING: "En attente",
    RequestStatus.APPROVED: "Confirmée",
    RequestStatus.REFUSED: "Refusée",
    RequestStatus.EXPIRED: "Expirée",
}
DONE_TEXT = {
    "approved": "Vous avez confirmé votre identité. Retournez sur le site qui l'a demandée.",
    "refused": "Vous avez refusé la demande. Le site n'a reçu aucune donnée.",
    "expired": "Cette demande a expiré : recommencez depuis le site.",
    "answered": "Cette demande a déjà reçu une réponse.",
}
RELEASED_DATA = "nom, prénoms, date de naissance, numéro de registre national"


def phone_link(number: str) -> str:
    return f"/phone?number={quote(number, safe='')}"


def transaction_link(transaction_id: str) -> str:
    return f"/authorize/{quote(transaction_id, safe='')}"


def duration(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{minutes} min {rest:02d} s" if minutes else f"{rest} s"


# -- the provider's pages ---------------------------------------------------------------------


def phone_form_page(transaction: Transaction, typed: str = "", error: str = "") -> bytes:
    """Which phone to send the request to: the number the site passed, to confirm, or empty."""
    client = transaction.parameters.client.name
    hint = transaction.parameters.login_hint
    value = typed or (display_phone(hint) if hint else "")
    link = transaction_link(transaction.id)
    alert = f'<p class="error" role="alert" id="phone-error">{esc(error)}</p>' if error else ""
    described = ' aria-describedby="phone-error" aria-invalid="true"' if error else ""
    body = (
        f'<section class="card" aria-labelledby="ask"><h2 id="ask">{esc(client)} souhaite '
        "vous identifier</h2>"
        f"<p>Données transmises si vous confirmez : {RELEASED_DATA}.</p>{alert}"
        f'<form method="post" action="{esc(link)}/send">'
        '<label for="phone">Numéro de GSM</label>'
        f'<input id="phone" name="phone" type="tel" autocomplete="tel" required '
        f'value="{esc(value)}"{described}>'
        "<p class=\"muted\">Une demande s'affichera dans l'app itsme de ce téléphone.</p>"
        '<button type="submit" class="confirm">Envoyer la demande</button></form>'
        f'<form method="post" action="{esc(link)}/cancel">'
        '<button type="submit" class="refuse">Annuler</button></form></section>'
    )
    return page(f"Identification pour {client} — itsme", "itsme", body, subtitle=PROVIDER_TITLE)


def waiting_page(transaction: Transaction, now: datetime) -> bytes:
    """The request is on its way to the phone: the same page whether itsme knows the number or
    not (nobody learns here who has an itsme account)."""
    assert transaction.phone is not None
    client = transaction.parameters.client.name
    link = transaction_link(transaction.id)
    script = (
        "(()=>{const status=" + json.dumps(f"{link}/status") + ",next=" + json.dumps(link) + ";"
        'const left=document.getElementById("left");'
        'const tick=async()=>{try{const answer=await fetch(status,{cache:"no-store"});'
        "const state=await answer.json();if(state.done){location.assign(next);return;}"
        "left.textContent=state.left;}catch(error){}setTimeout(tick,1000);};"
        "setTimeout(tick,1000);})();"
    )
    body = (
        f'<section class="card" aria-labelledby="wait"><h2 id="wait">Confirmez dans l\'app '
        "itsme</h2>"
        f'<p class="status" role="status">Une demande d\'identification de {esc(client)} a été '
        f"envoyée au {esc(display_phone(transaction.phone))}. Ouvrez l'app itsme sur votre "
        "smartphone et confirmez-la.</p>"
        f'<p>Expire dans <span id="left">{esc(duration(transaction.seconds_left(now)))}</span>.'
        "</p>"
        f'<noscript><p><a href="{esc(link)}">Continuer</a> une fois la demande confirmée ou '
        "refusée sur le téléphone.</p></noscript>"
        f'<form method="post" action="{esc(link)}/cancel">'
        '<button type="submit" class="refuse">Annuler</button></form></section>'
        f"<script>{script}</script>"
    )
    return page(f"Identification pour {client} — itsme", "itsme", body, subtitle=PROVIDER_TITLE)


def provider_error_page(message: str) -> bytes:
    body = f'<p class="error" role="alert">{esc(message)}</p>'
    return page(f"Erreur — {PROVIDER_TITLE}", "itsme", body, subtitle=PROVIDER_TITLE)


# -- the phones -------------------------------------------------------------------------------


def index_page(phones: dict[str, ItsmePhone]) -> bytes:
    items = "".join(
        f'<li><a href="{esc(phone_link(p.number))}">Téléphone de {esc(p.label)}</a></li>'
        for p in phones.values()
    )
    body = (
        '<section class="card" aria-labelledby="phones"><h2 id="phones">Téléphones</h2>'
        "<p>Ouvrez le téléphone de la personne qui se connecte avec itsme, puis confirmez ou "
        f"refusez la demande.</p><ul>{items}</ul></section>"
    )
    return page(TITLE, TITLE, body)


def get_started_page(phones: dict[str, ItsmePhone]) -> bytes:
    """ "Créer votre compte itsme" and "Plus d'info" of the portal lead here (itsme's own page
    for getting started is at the same path): what creating an account takes with the real
    itsme, and that in the demo the accounts are the personas', already made."""
    items = "".join(
        f'<li><a href="{esc(phone_link(p.number))}">Téléphone de {esc(p.persona.display_name)}'
        f"</a> — {esc(display_phone(p.number))}</li>"
        for p in phones.values()
    )
    body = (
        '<section class="card" aria-labelledby="real"><h2 id="real">Avec le vrai itsme</h2>'
        "<p>itsme est une application pour smartphone qui confirme votre identité auprès des "
        "services en ligne. Pour créer votre compte itsme :</p><ol>"
        "<li>installez l'application « itsme » sur votre smartphone (App Store ou Google "
        "Play) ;</li>"
        "<li>identifiez-vous avec votre carte eID et un lecteur de cartes, ou avec votre carte "
        "bancaire et son lecteur, et votre code PIN ;</li>"
        "<li>confirmez votre numéro de téléphone belge, puis choisissez votre code itsme.</li>"
        "</ol><p>Ensuite, sur un site qui propose « IDENTIFICATION via itsme », introduisez "
        "votre numéro de GSM et confirmez la demande dans l'application.</p></section>"
        '<section class="card" aria-labelledby="demo"><h2 id="demo">Dans la démonstration</h2>'
        "<p>Rien à installer ni à créer : les comptes itsme de démonstration existent déjà, "
        "un par personne ci-dessous. Introduisez son numéro sur le portail, puis ouvrez son "
        "téléphone pour confirmer ou refuser la demande.</p>"
        f"<ul>{items}</ul>"
        '<p class="muted">Un autre numéro de GSM belge est accepté de la même manière, mais '
        "aucun téléphone ne reçoit la demande : elle expire sans réponse.</p></section>"
    )
    return page(
        "Créer votre compte itsme — itsme",
        "Créer votre compte itsme",
        body,
        subtitle="itsme — commencer avec itsme",
    )


def _request_card(request: IdentificationRequest, client: str, now: datetime) -> str:
    title_id = f"request-{request.id}"
    button_attributes = f'type="submit" aria-describedby="{esc(title_id)}"'
    return (
        f'<article class="card" aria-labelledby="{esc(title_id)}">'
        f'<h3 id="{esc(title_id)}">{esc(client)} souhaite vous identifier</h3>'
        f"<p>Demandé par : <strong>{esc(client)}</strong> ({esc(request.client)})</p>"
        f"<p>Données transmises : {RELEASED_DATA}.</p>"
        f"<p>Expire dans {esc(duration(request.seconds_left(now)))}.</p>"
        f'<form method="post" action="/phone/requests/{esc(request.id)}/confirm" '
        'style="display:inline">'
        f'<button class="confirm" {button_attributes}>Confirmer</button></form>'
        f'<form method="post" action="/phone/requests/{esc(request.id)}/refuse" '
        'style="display:inline">'
        f'<button class="refuse" {button_attributes}>Refuser</button></form>'
        "</article>"
    )


def phone_page(
    book: RequestBook, phone: ItsmePhone, done: str | None, client_names: dict[str, str]
) -> bytes:
    now = book.now()
    requests = book.for_phone(phone.number)
    pending = [r for r in requests if r.status is RequestStatus.PENDING]
    parts = [
        '<p><a href="/">← Tous les téléphones</a></p>',
        f"<h2>Téléphone de {esc(phone.persona.display_name)}</h2>",
        f'<p class="muted">Numéro : {esc(display_phone(phone.number))}</p>',
    ]
    if done in DONE_TEXT:
        parts.append(f'<p class="status" role="status">{esc(DONE_TEXT[done])}</p>')
    parts.append(
        '<section aria-labelledby="pending"><h2 id="pending">Demandes en attente</h2>'
        f'<p><a href="{esc(phone_link(phone.number))}">Actualiser</a></p>'
    )
    if pending:
        parts.extend(_request_card(r, client_names.get(r.client, r.client), now) for r in pending)
    else:
        parts.append('<p class="card">Aucune demande en attente.</p>')
    parts.append("</section>")
    answered = [r for r in requests if r.status is not RequestStatus.PENDING]
    if answered:
        rows = "".join(
            f"<tr><td>{esc(r.created_at.strftime('%H:%M:%S'))}</td>"
            f"<td>{esc(client_names.get(r.client, r.client))}</td>"
            f"<td>{esc(STATUS_TEXT[r.status])}</td></tr>"
            for r in answered
        )
        parts.append(
            '<section aria-labelledby="history"><h2 id="history">Demandes récentes</h2>'
            "<table><caption>Demandes déjà traitées, de la plus récente à la plus ancienne"
            '</caption><thead><tr><th scope="col">Heure (UTC)</th><th scope="col">Demandeur</th>'
            f'<th scope="col">Statut</th></tr></thead><tbody>{rows}</tbody></table></section>'
        )
    return page(
        f"Téléphone de {phone.persona.display_name} — itsme",
        "itsme",
        "".join(parts),
        subtitle="Téléphone de démonstration",
    )


def unknown_phone_page(raw: str, phones: dict[str, ItsmePhone]) -> bytes:
    known = "".join(
        f'<li><a href="{esc(phone_link(p.number))}">{esc(p.label)}</a></li>'
        for p in phones.values()
    )
    body = (
        f'<p class="error" role="alert">Aucun téléphone itsme de démonstration pour '
        f"« {esc(raw)} ».</p><h2>Téléphones connus</h2><ul>{known}</ul>"
    )
    return page(f"Téléphone inconnu — {TITLE}", TITLE, body)
