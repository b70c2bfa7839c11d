"""The agent's pages of the simulated back office, in French: the cases to handle, and one case
with its values, files, history and the three actions (take, ask a complement, close)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from urllib.parse import quote

from foundation.clock import BRUSSELS
from simulators.loopback_web import esc, page

TITLE = "Back-office de l'administration"
CASES_HEADING = f"{TITLE} — Dossiers à traiter"
TAKE = "Prendre en charge"
ASK_COMPLEMENT = "Demander un complément"
CLOSE = "Clôturer avec une décision"
GENERATE = "Générer le document de décision"
UPLOAD = "Joindre un fichier PDF"

PURPOSES = {"form": "Formulaire", "complement": "Complément", "decision": "Décision"}
EVENTS = {
    "create": "Création du dossier",
    "save": "Enregistrement d'une étape",
    "attach": "Pièce jointe ajoutée",
    "detach": "Pièce jointe retirée",
    "unsigned": "Signature retirée (dossier modifié)",
    "sign": "Signature avec la carte eID",
    "submit": "Introduction du dossier",
    "answer_complement": "Réponse à la demande de complément",
    "take": "Prise en charge",
    "request_complement": "Demande de complément",
    "close": "Clôture avec une décision",
}
# What the case page says after an action, by the ?fait= of the redirect.
DONE = {
    "pris": "Le dossier est pris en charge.",
    "complement": "La demande de complément est envoyée au demandeur.",
    "cloture": "Le dossier est clôturé ; la décision est dans Mes documents du demandeur.",
}


def case_path(reference: str) -> str:
    return f"/dossiers/{quote(reference, safe='')}"


def when(instant: str | None) -> str:
    if not instant:
        return "—"
    moment = datetime.fromisoformat(instant).astimezone(BRUSSELS)
    return moment.strftime("%d/%m/%Y à %H:%M")


def size_text(size: int) -> str:
    if size < 1024:
        return f"{size} octets"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} Ko"
    return f"{size / 1024 / 1024:.1f} Mo".replace(".", ",")


def _alerts(notice: str, error: str) -> str:
    shown = f'<p class="status" role="status">{esc(notice)}</p>' if notice else ""
    return shown + (f'<p class="error" role="alert">{esc(error)}</p>' if error else "")


def _open_form() -> str:
    return (
        '<form class="card" method="get" action="/dossier" style="margin-top:1.5rem">'
        '<label for="reference">Ouvrir un dossier par sa référence (ME-2026-000123)</label>'
        '<input id="reference" name="reference" size="20" autocomplete="off" required> '
        '<button type="submit">Ouvrir</button></form>'
    )


def cases_page(cases: list[dict[str, Any]], *, error: str = "") -> bytes:
    if cases:
        rows = "".join(
            f'<tr><td class="nowrap"><a href="{esc(case_path(c["reference"]))}">'
            f"{esc(c['reference'])}</a></td><td>{esc(c['title'])}</td>"
            f"<td>{esc(c['holder_name'] or c['holder'])}</td>"
            f'<td class="nowrap">{esc(when(c["submitted_at"]))}</td>'
            f"<td>{esc(c['status_label'])}</td></tr>"
            for c in cases
        )
        count = f"{len(cases)} dossier{'s' if len(cases) > 1 else ''} à traiter"
        listing = (
            f"<table><caption>{count}, du plus ancien au plus récent</caption><thead><tr>"
            '<th scope="col">Référence</th><th scope="col">Démarche</th>'
            '<th scope="col">Demandeur</th><th scope="col">Introduit le</th>'
            f'<th scope="col">État</th></tr></thead><tbody>{rows}</tbody></table>'
        )
    elif error:
        listing = ""
    else:
        listing = '<p class="card">Aucun dossier à traiter.</p>'
    body = (
        _alerts("", error)
        + '<section aria-labelledby="cases"><h2 id="cases">Dossiers introduits</h2>'
        + listing
        + "</section>"
        + _open_form()
    )
    return page(
        CASES_HEADING,
        CASES_HEADING,
        body,
        subtitle="Les dossiers introduits dans Mon Espace, tels que l'administration les reçoit.",
    )


def _facts(case: dict[str, Any]) -> str:
    holder = case["holder"]
    lines = [
        ("Démarche", esc(case["title"])),
        ("État", f"<strong>{esc(case['status_label'])}</strong>"),
        ("Demandeur", esc(holder["name"] or holder["national_number"])),
        ("Numéro de registre national", esc(holder["national_number"])),
    ]
    if case["company"]:
        company = case["company"]
        lines.append(("Entreprise", f"{esc(company['name'])} ({esc(company['number'])})"))
    lines.append(("Introduit le", esc(when(case["submitted_at"]))))
    if case["closed_at"]:
        lines.append(("Clôturé le", esc(when(case["closed_at"]))))
    if case["administration_message"]:
        lines.append(("Dernier message de l'administration", esc(case["administration_message"])))
    rows = "".join(
        f'<tr><th scope="row">{label}</th><td>{value}</td></tr>' for label, value in lines
    )
    return (
        '<section class="card" aria-labelledby="facts"><h2 id="facts">Résumé</h2>'
        f"<table><caption>Le dossier en bref</caption><tbody>{rows}</tbody></table></section>"
    )


def _form_values(case: dict[str, Any]) -> str:
    if not case["sections"]:
        return ""
    parts = []
    for index, section in enumerate(case["sections"], start=1):
        rows = "".join(
            f'<tr><th scope="row">{esc(line["label"])}</th>'
            f"<td>{esc(line['value'] or '—')}</td></tr>"
            for line in section["lines"]
        )
        parts.append(
            f'<h3 id="step-{index}">{esc(section["title"])}</h3>'
            f'<table aria-labelledby="step-{index}"><tbody>{rows}</tbody></table>'
        )
    return (
        '<section class="card" aria-labelledby="form"><h2 id="form">Formulaire</h2>'
        + "".join(parts)
        + "</section>"
    )


def _files(case: dict[str, Any]) -> str:
    reference = case["reference"]
    rows = "".join(
        f'<tr><td><a href="{esc(case_path(reference))}/pieces/{int(a["id"])}">'
        f"{esc(a['name'])}</a></td><td>{esc(PURPOSES.get(a['purpose'], a['purpose']))}</td>"
        f'<td class="nowrap">{esc(size_text(int(a["size"])))}</td>'
        f'<td><code style="word-break:break-all">{esc(a["sha256"])}</code></td></tr>'
        for a in case["attachments"]
    )
    table = (
        "<table><caption>Fichiers du dossier</caption><thead><tr>"
        '<th scope="col">Fichier</th><th scope="col">Objet</th><th scope="col">Taille</th>'
        f'<th scope="col">SHA-256</th></tr></thead><tbody>{rows}</tbody></table>'
        if rows
        else "<p>Aucune pièce jointe.</p>"
    )
    receipt = case["receipt"]
    signed = (
        f'<p><a href="{esc(case_path(reference))}/accuse">Télécharger l\'accusé de réception '
        f"signé (PDF)</a> — signé par {esc(receipt['signer_name'])} le "
        f"{esc(when(receipt['signed_at']))}</p>"
        if receipt
        else ""
    )
    return (
        '<section class="card" aria-labelledby="files"><h2 id="files">Pièces jointes</h2>'
        f"{table}{signed}</section>"
    )


def _history(case: dict[str, Any]) -> str:
    rows = "".join(
        f'<tr><td class="nowrap">{esc(when(e["at"]))}</td><td>{esc(e["actor_name"])}</td>'
        f"<td>{esc(EVENTS.get(e['action'], e['action']))}</td>"
        f'<td style="white-space:pre-wrap">{esc(e["message"])}</td></tr>'
        for e in case["history"]
    )
    return (
        '<section class="card" aria-labelledby="history"><h2 id="history">Historique</h2>'
        "<table><caption>Ce qui est arrivé au dossier, dans l'ordre</caption><thead><tr>"
        '<th scope="col">Date</th><th scope="col">Par</th><th scope="col">Action</th>'
        f'<th scope="col">Message</th></tr></thead><tbody>{rows}</tbody></table></section>'
    )


def _actions(case: dict[str, Any], typed: Mapping[str, str]) -> str:
    path = esc(case_path(case["reference"]))
    possible = set(case["actions"])
    forms = []
    if "take" in possible:
        forms.append(
            f'<form method="post" action="{path}/prendre-en-charge">'
            "<p>Le dossier est introduit : prenez-le en charge pour le traiter.</p>"
            f'<button type="submit" class="confirm">{TAKE}</button></form>'
        )
    if "request_complement" in possible:
        forms.append(
            f'<form method="post" action="{path}/complement" class="card">'
            f'<h3 id="complement">{ASK_COMPLEMENT}</h3>'
            '<label for="message">Ce qui manque au dossier (le demandeur le lit)</label>'
            f'<textarea id="message" name="message" rows="3" required>'
            f"{esc(typed.get('message', ''))}</textarea>"
            f'<p><button type="submit">{ASK_COMPLEMENT}</button></p></form>'
        )
    if "close" in possible:
        upload = typed.get("document_source") == "upload"
        forms.append(
            f'<form method="post" action="{path}/cloture" enctype="multipart/form-data" '
            f'class="card"><h3 id="close">{CLOSE}</h3>'
            '<label for="decision">Décision (le demandeur la lit)</label>'
            f'<textarea id="decision" name="decision" rows="3" required>'
            f"{esc(typed.get('decision', ''))}</textarea>"
            "<fieldset><legend>Document de décision</legend>"
            '<p><input type="radio" id="source-generate" name="document_source" '
            f'value="generate"{"" if upload else " checked"}> '
            f'<label for="source-generate" style="display:inline">{GENERATE}</label></p>'
            '<p><input type="radio" id="source-upload" name="document_source" value="upload"'
            f"{' checked' if upload else ''}> "
            f'<label for="source-upload" style="display:inline">{UPLOAD}</label></p>'
            '<label for="document">Fichier PDF de la décision (si vous en joignez un)</label>'
            '<input type="file" id="document" name="document" accept=".pdf,application/pdf">'
            "</fieldset>"
            f'<p><button type="submit" class="confirm">{CLOSE}</button></p></form>'
        )
    if not forms:
        status = esc(case["status_label"])
        forms.append(
            f"<p>L'administration n'a plus d'action à faire : le dossier est « {status} ».</p>"
        )
    return (
        '<section class="card" aria-labelledby="handling"><h2 id="handling">Traitement</h2>'
        + "".join(forms)
        + "</section>"
    )


def case_page(
    case: dict[str, Any],
    *,
    notice: str = "",
    error: str = "",
    typed: Mapping[str, str] | None = None,
) -> bytes:
    body = (
        '<p><a href="/">Retour aux dossiers à traiter</a></p>'
        + _alerts(notice, error)
        + _facts(case)
        + _actions(case, typed or {})
        + _form_values(case)
        + _files(case)
        + _history(case)
    )
    heading = f"Dossier {case['reference']}"
    return page(f"{heading} — {TITLE}", heading, body, subtitle=f"{TITLE} — {case['title']}")


def problem_page(heading: str, message: str) -> bytes:
    body = (
        f'<p class="error" role="alert">{esc(message)}</p>'
        '<p><a href="/">Retour aux dossiers à traiter</a></p>'
    )
    return page(f"{heading} — {TITLE}", heading, body, subtitle=TITLE)
