"""The hardware panel of the trainers' pages: the cards in the readers (insert, remove, block or
unblock a PIN), the mailbox, the SMS inbox and the phones, as the demo holds them now."""

from __future__ import annotations

from collections.abc import Mapping

from simulators.eid.card_slots import CardSlotError, SlotStatus
from simulators.loopback_web import esc
from simulators.personas.loader import PersonaError, load_personas, persona
from simulators.scenarios.reset import DemoParts

LATEST = 5  # mails and SMS shown on the panel; the devices' own pages show them all
CARD_ACTIONS = ("inserer", "retirer", "bloquer", "debloquer")


class PanelError(ValueError):
    """A card action the panel cannot do; its message is for the trainer (French)."""


def reader_label(index: int) -> str:
    """Readers are numbered from 1 for people (``--reader 0`` is "lecteur 1")."""
    return f"lecteur {index + 1}"


def person_name(slug: str) -> str:
    try:
        return persona(slug).display_name
    except PersonaError:
        return slug


def pin_text(status: SlotStatus) -> str:
    tries = status.pin_tries_left
    if status.persona is None or tries is None:
        return ""
    if tries == 0:
        return "PIN bloqué"
    try:
        pin = persona(status.persona).card.pin
    except PersonaError:  # a card of no persona (a foreign card in a test)
        return f"{tries} essai(s)"
    return f"PIN {pin}, {tries} essai{'s' if tries > 1 else ''}"


def _hidden(back: str) -> str:
    return f'<input type="hidden" name="retour" value="{esc(back)}">'


def _card_form(fields: Mapping[str, str], label: str, back: str, css: str = "") -> str:
    hidden = "".join(
        f'<input type="hidden" name="{esc(k)}" value="{esc(v)}">' for k, v in fields.items()
    )
    klass = f' class="{css}"' if css else ""
    return (
        f'<form method="post" action="/lecteurs" class="inline">{hidden}{_hidden(back)}'
        f'<button type="submit"{klass}>{esc(label)}</button></form>'
    )


def _insert_form(index: int, free: list[str], back: str) -> str:
    field_id = f"carte-lecteur-{index}"
    options = "".join(f'<option value="{esc(s)}">{esc(person_name(s))}</option>' for s in free)
    return (
        f'<form method="post" action="/lecteurs" class="inline">'
        f'<input type="hidden" name="action" value="inserer">'
        f'<input type="hidden" name="lecteur" value="{index}">{_hidden(back)}'
        f'<label class="inline" for="{field_id}">Carte à insérer dans le {reader_label(index)}'
        f"</label> "
        f'<select id="{field_id}" name="persona">{options}</select> '
        f'<button type="submit">Insérer</button></form>'
    )


def readers_html(parts: DemoParts, back: str) -> str:
    slots = parts.card_slots
    if slots is None:
        return "<p>Pas de lecteur de cartes dans cette démo.</p>"
    statuses = slots.status()
    inserted = {s.persona for s in statuses if s.persona}
    free = [slug for slug in load_personas() if slug not in inserted]
    rows = []
    for status in statuses:
        if status.persona:
            blocked = status.pin_tries_left == 0
            pin_action = (
                ("debloquer", "Débloquer le PIN") if blocked else ("bloquer", "Bloquer le PIN")
            )
            card = (
                f"{esc(person_name(status.persona))} "
                f'<span class="muted">({esc(status.persona)}, applet {esc(status.applet)}, '
                f"{esc(pin_text(status))})</span>"
            )
            actions = _card_form(
                {"action": "retirer", "lecteur": str(status.index)}, "Retirer la carte", back
            ) + _card_form(
                {"action": pin_action[0], "persona": status.persona},
                pin_action[1],
                back,
                "refuse" if not blocked else "",
            )
        else:
            card = '<span class="muted">vide</span>'
            actions = _insert_form(status.index, free, back) if free else ""
        rows.append(
            f'<tr><th scope="row">{esc(reader_label(status.index).capitalize())}</th>'
            f"<td>{card}</td><td>{actions}</td></tr>"
        )
    return (
        '<table><caption>Lecteurs de cartes eID</caption><thead><tr><th scope="col">Lecteur'
        '</th><th scope="col">Carte</th><th scope="col">Actions</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def mailbox_html(parts: DemoParts) -> str:
    mails = parts.mail_store.all()
    link = (
        f' <a href="{esc(parts.mailbox_url)}">Ouvrir la boîte aux lettres</a>'
        if parts.mailbox_url
        else ""
    )
    head = f"<p>{len(mails)} e-mail{'s' if len(mails) != 1 else ''}.{link}</p>"
    if not mails:
        return head
    items = "".join(
        f'<li>{esc(mail.subject)} <span class="muted">— à {esc(", ".join(mail.recipients))}'
        "</span></li>"
        for mail in mails[:LATEST]
    )
    return f"{head}<ul>{items}</ul>"


def sms_html(parts: DemoParts) -> str:
    if parts.sms is None:
        return "<p>Pas de passerelle SMS dans cette démo.</p>"
    messages = parts.sms.all()
    link = f' <a href="{esc(parts.sms_url)}">Ouvrir les SMS reçus</a>' if parts.sms_url else ""
    head = f"<p>{len(messages)} SMS.{link}</p>"
    items = "".join(
        f'<li>{esc(m.text)} <span class="muted">— au {esc(m.to)}</span></li>'
        for m in messages[:LATEST]
    )
    return head + (f"<ul>{items}</ul>" if items else "")


def phones_html(parts: DemoParts) -> str:
    items = []
    if parts.itsme is not None:
        items += [
            f'<li><a href="{esc(parts.itsme.phone_url(number))}">Téléphone itsme de '
            f"{esc(phone.label)}</a></li>"
            for number, phone in parts.itsme.phones.items()
        ]
    if parts.authenticator_url:
        accounts = parts.wallet.all() if parts.wallet is not None else []
        known = ", ".join(e.label for e in accounts) or "aucun compte"
        items.append(
            f'<li><a href="{esc(parts.authenticator_url)}">Application d\'authentification</a>'
            f' <span class="muted">({esc(known)})</span></li>'
        )
    return f"<ul>{''.join(items)}</ul>" if items else "<p>Pas de téléphone dans cette démo.</p>"


def hardware_panel_html(parts: DemoParts, back: str, heading_level: int = 2) -> str:
    """The panel as one card; ``back`` is the page the card buttons come back to."""
    h, sub = f"h{heading_level}", f"h{heading_level + 1}"
    return (
        '<section class="card" id="materiel" aria-labelledby="materiel-titre">'
        f'<{h} id="materiel-titre">Matériel simulé</{h}>'
        f"{readers_html(parts, back)}"
        f"<{sub}>Boîte aux lettres</{sub}>{mailbox_html(parts)}"
        f"<{sub}>SMS</{sub}>{sms_html(parts)}"
        f"<{sub}>Téléphones</{sub}>{phones_html(parts)}"
        "</section>"
    )


def apply_card_action(parts: DemoParts, form: Mapping[str, str]) -> str:
    """One button of the readers' table; returns what the page says it did."""
    slots = parts.card_slots
    if slots is None:
        raise PanelError("Cette démo n'a pas de lecteur de cartes.")
    action = form.get("action", "")
    try:
        if action == "inserer":
            index, slug = _reader(form), _persona(form)
            slots.insert(index, slug)
            return f"La carte de {person_name(slug)} est dans le {reader_label(index)}."
        if action == "retirer":
            index = _reader(form)
            slots.remove(index)
            return f"Le {reader_label(index)} est vide."
        if action in ("bloquer", "debloquer"):
            slug = _persona(form)
            card = slots.card_of(slug)
            if action == "bloquer":
                card.block_pin()
                return f"Le PIN de la carte de {person_name(slug)} est bloqué."
            card.unblock_pin()
            return f"Le PIN de la carte de {person_name(slug)} est débloqué."
    except (CardSlotError, IndexError) as error:
        raise PanelError(f"Le lecteur a refusé : {error}.") from error
    raise PanelError("Action inconnue.")


def _reader(form: Mapping[str, str]) -> int:
    try:
        return int(form.get("lecteur", ""))
    except ValueError:
        raise PanelError("Quel lecteur ?") from None


def _persona(form: Mapping[str, str]) -> str:
    slug = form.get("persona", "")
    if slug not in load_personas():
        raise PanelError("Quelle carte ?")
    return slug
