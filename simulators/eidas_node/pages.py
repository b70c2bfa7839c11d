"""The node's pages, in French: the country selection, each country's login page (a citizen
to log in as, "Annuler", and for testers the failure to send instead), the form that carries
the answer back to the service provider, and an index for trainers. No JavaScript needed: the
answer's form sends itself when scripts run, and has its button when they do not."""

from __future__ import annotations

from urllib.parse import quote

from simulators.eidas_node.citizens import LEVEL_NAMES, Country
from simulators.loopback_web import esc, page

TITLE = "Nœud eIDAS de démonstration"
# What a tester may make the node answer instead of the identity (eIDAS status codes).
OUTCOMES = (
    ("success", "Identification réussie (l'identité est envoyée)"),
    ("authn_failed", "Échec de l'authentification"),
    ("level_not_reached", "Niveau de garantie non atteint"),
)
LEVEL_TEXT = {int(level): name for level, name in LEVEL_NAMES.items()}


def transaction_link(transaction_id: str, country: str = "") -> str:
    base = f"/sso/{quote(transaction_id, safe='')}"
    return f"{base}/{quote(country, safe='')}" if country else base


def country_page(transaction_id: str, provider: str, countries: dict[str, Country]) -> bytes:
    items = "".join(
        f'<li><a href="{esc(transaction_link(transaction_id, c.code))}" lang="fr">'
        f"{esc(c.name)}</a> "
        f'<span class="muted" lang="{esc(c.code.lower())}">({esc(c.native_name)})</span></li>'
        for c in countries.values()
    )
    body = (
        '<section class="card" aria-labelledby="choose">'
        f'<h2 id="choose">Choisissez votre pays</h2><p>{esc(provider)} demande votre '
        "identification avec le moyen d'identification électronique de votre pays.</p>"
        f'<ul class="plain">{items}</ul>'
        f'<form method="post" action="{esc(transaction_link(transaction_id))}/cancel">'
        '<button type="submit" class="refuse">Annuler</button></form></section>'
    )
    return page(f"Choix du pays — {TITLE}", TITLE, body, subtitle="Authentification européenne")


def login_page(transaction_id: str, provider: str, level: int, country: Country) -> bytes:
    citizens = "".join(
        f'<li><label class="inline"><input type="radio" name="citizen" value="{esc(c.slug)}"'
        f"{' checked' if index == 0 else ''}> {esc(c.display_name)}, né(e) le "
        f"{c.birth_date.strftime('%d/%m/%Y')} — {esc(c.person_identifier)} — niveau "
        f"{LEVEL_TEXT.get(int(c.level), '')}</label></li>"
        for index, c in enumerate(country.citizens)
    )
    outcomes = "".join(
        f'<li><label class="inline"><input type="radio" name="outcome" value="{value}"'
        f"{' checked' if value == 'success' else ''}> {esc(text)}</label></li>"
        for value, text in OUTCOMES
    )
    link = transaction_link(transaction_id, country.code)
    link_cancel = transaction_link(transaction_id) + "/cancel"
    body = (
        f'<section class="card" aria-labelledby="login"><h2 id="login">{esc(country.service)}'
        f"</h2><p>{esc(provider)} demande votre identification au niveau de garantie "
        f"<strong>{LEVEL_TEXT.get(level, '')}</strong> au moins. Données transmises : "
        "identifiant eIDAS, nom, prénoms, date de naissance.</p>"
        f'<form method="post" action="{esc(link)}">'
        f"<fieldset><legend>Personne de démonstration ({esc(country.name)})</legend>"
        f'<ul class="plain">{citizens}</ul></fieldset>'
        "<fieldset><legend>Réponse à envoyer (pour les tests)</legend>"
        f'<ul class="plain">{outcomes}</ul></fieldset>'
        # Both buttons of one form, side by side; "Annuler" posts to the cancel address.
        '<button type="submit" class="confirm">Se connecter</button>'
        f'<button type="submit" class="refuse" formaction="{esc(link_cancel)}">Annuler</button>'
        "</form>"
        f'<p><a href="{esc(transaction_link(transaction_id))}">Choisir un autre pays</a></p>'
        "</section>"
    )
    return page(f"{country.name} — {TITLE}", TITLE, body, subtitle=f"{country.name}")


def post_back_page(acs_url: str, saml_response: str, relay_state: str) -> bytes:
    """The HTTP-POST binding: a form to the service provider, sent by itself."""
    relay = (
        f'<input type="hidden" name="RelayState" value="{esc(relay_state)}">' if relay_state else ""
    )
    body = (
        f'<form id="saml-post" method="post" action="{esc(acs_url)}">'
        f'<input type="hidden" name="SAMLResponse" value="{esc(saml_response)}">{relay}'
        "<p>Retour vers le service qui a demandé votre identification…</p>"
        '<noscript><button type="submit">Continuer</button></noscript></form>'
        "<script>document.getElementById('saml-post').submit()</script>"
    )
    return page(f"Retour au service — {TITLE}", TITLE, body)


def error_page(message: str) -> bytes:
    return page(f"Erreur — {TITLE}", TITLE, f'<p class="error" role="alert">{esc(message)}</p>')


def index_page(countries: dict[str, Country], metadata_url: str) -> bytes:
    rows = "".join(
        f'<tr id="{esc(p.slug)}"><td>{esc(c.name)}</td><td>{esc(p.display_name)}</td>'
        f"<td>{p.birth_date.strftime('%d/%m/%Y')}</td><td><code>{esc(p.person_identifier)}</code></td>"
        f"<td>{LEVEL_TEXT.get(int(p.level), '')}</td></tr>"
        for c in countries.values()
        for p in c.citizens
    )
    body = (
        "<p>Ce nœud simule le réseau eIDAS : un service (le portail) y envoie une demande "
        "d'authentification SAML, la personne choisit son pays puis s'identifie, et le nœud "
        "renvoie une assertion signée, chiffrée pour le service.</p>"
        f'<p>Métadonnées SAML : <a href="{esc(metadata_url)}">{esc(metadata_url)}</a></p>'
        "<table><caption>Personnes de démonstration</caption><thead><tr>"
        '<th scope="col">Pays</th><th scope="col">Nom</th><th scope="col">Date de naissance'
        '</th><th scope="col">Identifiant eIDAS</th><th scope="col">Niveau</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )
    return page(TITLE, TITLE, body, subtitle="Authentification européenne")
