"""The register's French page for trainers: the companies (searchable) and the outage switches."""

from __future__ import annotations

import re
from collections.abc import Iterable

from portal.companies.national_number import format_national_number
from simulators.company_register.data import Company
from simulators.loopback_web import esc, page

TITLE = "Banque-Carrefour des Entreprises (simulée)"
STATUS_LABELS = {"active": "Active", "stopped": "Arrêtée"}
_NOT_DIGITS = re.compile(r"\D")


def matches(company: Company, query: str) -> bool:
    """A name or a representative's name, or 3+ digits of the company or a national number."""
    words = query.casefold().strip()
    digits = _NOT_DIGITS.sub("", query)
    names = [company.name] + [f"{r.first_names} {r.surname}" for r in company.representatives]
    if any(words in name.casefold() for name in names):
        return True
    numbers = [company.number] + [r.national_number for r in company.representatives]
    return len(digits) >= 3 and any(digits in number for number in numbers)


def _representatives(company: Company) -> str:
    items = "".join(
        f"<li>{esc(r.first_names.split()[0])} {esc(r.surname)}, {esc(r.function)} "
        f'<span class="nowrap muted">({esc(format_national_number(r.national_number))})</span>'
        "</li>"
        for r in company.representatives
    )
    return f'<ul style="margin:0;padding-left:1rem">{items}</ul>'


def _rows(companies: Iterable[Company]) -> str:
    return "".join(
        f'<tr><td class="nowrap">{esc(c.display_number)}</td><td>{esc(c.name)}</td>'
        f"<td>{esc(c.legal_form)}</td>"
        f"<td>{esc(c.street)}<br>{esc(c.zip_code)} {esc(c.municipality)}</td>"
        f"<td>{esc(STATUS_LABELS[c.status])}</td><td>{_representatives(c)}</td></tr>"
        for c in companies
    )


def _simulation_form(delay_seconds: float, unavailable: bool, error: str) -> str:
    if unavailable:
        state = "L'API répond « service indisponible » (HTTP 503) à chaque demande."
    elif delay_seconds:
        state = f"L'API attend {delay_seconds:g} s avant chaque réponse."
    else:
        state = "L'API répond normalement."
    alert = f'<p class="error" role="alert">{esc(error)}</p>' if error else ""
    checked = " checked" if unavailable else ""
    return (
        '<section class="card" aria-labelledby="simulation"><h2 id="simulation">Simuler une '
        "panne</h2><p>Pour montrer ce que le portail affiche quand le registre ne répond pas. "
        f'Cette page-ci reste toujours accessible.</p><p role="status">{esc(state)}</p>{alert}'
        '<form method="post" action="/simulation">'
        '<label for="delay">Délai avant chaque réponse de l\'API (secondes, 0 à 120)</label>'
        f'<input id="delay" name="delay" type="number" min="0" max="120" step="1" '
        f'value="{delay_seconds:g}">'
        f'<p><input id="unavailable" name="unavailable" type="checkbox" value="on"{checked}> '
        '<label for="unavailable" style="display:inline">Le registre est indisponible '
        "(HTTP 503)</label></p>"
        '<button type="submit">Appliquer</button></form></section>'
    )


def register_page(
    companies: list[Company],
    query: str | None,
    *,
    delay_seconds: float,
    unavailable: bool,
    error: str = "",
) -> bytes:
    shown = [c for c in companies if matches(c, query)] if query else companies
    value = esc(query or "")
    search = (
        '<form class="card" method="get" action="/" role="search">'
        '<label for="q">Nom, numéro d\'entreprise ou numéro de registre national</label>'
        f'<input id="q" name="q" type="search" value="{value}" size="40" autocomplete="off"> '
        '<button type="submit">Rechercher</button>'
        + (' <a href="/">Toutes les entreprises</a>' if query else "")
        + "</form>"
    )
    if shown:
        caption = f"{len(shown)} entreprise{'s' if len(shown) > 1 else ''}" + (
            f" pour « {esc(query)} »" if query else " inscrites"
        )
        listing = (
            f"<table><caption>{caption}</caption><thead><tr>"
            '<th scope="col">Numéro d\'entreprise</th><th scope="col">Dénomination</th>'
            '<th scope="col">Forme juridique</th><th scope="col">Adresse du siège</th>'
            '<th scope="col">Statut</th><th scope="col">Représentants légaux</th>'
            f"</tr></thead><tbody>{_rows(shown)}</tbody></table>"
        )
    else:
        listing = f'<p class="card">Aucune entreprise pour « {esc(query)} ».</p>'
    # The outage switches before the long list, so that a trainer finds them without scrolling.
    body = (
        search
        + _simulation_form(delay_seconds, unavailable, error)
        + '<section aria-labelledby="companies"><h2 id="companies">Entreprises</h2>'
        + listing
        + "</section>"
    )
    return page(
        TITLE,
        TITLE,
        body,
        subtitle="Le registre des entreprises que le portail Mon Espace interroge.",
    )
