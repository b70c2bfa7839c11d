"""The trainers' pages, in French: the home page (demo clock, scenario resets, guides, hardware
panel, links) and one page per seed guide with its numbered steps and the same panel."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from foundation.clock import BRUSSELS
from foundation.demo_clock import demo_clock_for, demo_clock_offset
from simulators.loopback_web import esc, page
from simulators.personas.loader import persona
from simulators.scenarios.model import load_scenarios
from simulators.scenarios.reset import DemoParts
from simulators.trainers.clock_controls import CLOCK_BUTTONS
from simulators.trainers.guide_files import TOOLS, Guide, GuideStep
from simulators.trainers.panel import hardware_panel_html, person_name, reader_label

TITLE = "Mon Espace — outils des formateurs"


@dataclass(frozen=True, slots=True)
class Flash:
    """What the last button did, shown once on the next page."""

    message: str
    error: bool = False


def flash_html(flash: Flash | None) -> str:
    if flash is None:
        return ""
    if flash.error:
        return f'<p class="error" role="alert">{esc(flash.message)}</p>'
    return f'<p class="status" role="status">{esc(flash.message)}</p>'


def offset_text(offset: timedelta) -> str:
    if not offset:
        return "à l'heure réelle"
    days, seconds = offset.days, offset.seconds
    parts = [f"{days} jour{'s' if days > 1 else ''}"] if days else []
    if seconds:
        parts.append(f"{seconds // 3600} h {seconds % 3600 // 60:02d}")
    return "en avance de " + " ".join(parts)


def _back(back: str) -> str:
    return f'<input type="hidden" name="retour" value="{esc(back)}">'


def clock_html(clock_dir: Path, *, jobs: bool, back: str = "/") -> str:
    """The demo clock's card: the portal's time now, the buttons that move it, and the button
    that runs the hourly jobs at once (with a demo attached)."""
    offset = demo_clock_offset(clock_dir)
    shown = demo_clock_for(clock_dir)().astimezone(BRUSSELS).strftime("%d/%m/%Y %H:%M")
    buttons = "".join(
        f'<button type="submit" name="bouton" value="{esc(value)}">{esc(label)}</button>'
        for value, (label, _move) in CLOCK_BUTTONS.items()
    )
    run_jobs = (
        '<form method="post" action="/taches-horaires">'
        f"{_back(back)}"
        "<p>Le portail lance ses tâches horaires (purge des comptes après 30 jours, fin des "
        "attributions de rôles) juste après un saut de l'horloge ; ce bouton les lance tout de "
        "suite.</p>"
        '<button type="submit">Lancer les tâches horaires</button></form>'
        if jobs
        else ""
    )
    return (
        '<section class="card" id="horloge" aria-labelledby="horloge-titre">'
        '<h2 id="horloge-titre">Horloge de la démo</h2>'
        f"<p>Heure du portail : <strong>{esc(shown)}</strong> ({esc(offset_text(offset))}).</p>"
        "<p>Avancer le temps montre en direct la fin du délai de rétractation d'une suppression "
        "de compte (30 jours), l'expiration d'une invitation ou la fin d'une attribution de "
        "rôle. Les sessions ouvertes expirent aussi : il faudra se reconnecter.</p>"
        f'<form method="post" action="/horloge">{_back(back)}{buttons}</form>'
        f"{run_jobs}</section>"
    )


def reset_button(name: str, back: str, label: str = "Remettre la démo dans cet état") -> str:
    return (
        f'<form method="post" action="/scenarios/{esc(name)}" class="inline">{_back(back)}'
        f'<button type="submit">{esc(label)}</button></form>'
    )


def scenarios_html(back: str = "/") -> str:
    items = []
    for scenario in load_scenarios().values():
        readers = ", ".join(
            f"{reader_label(i)} : {person_name(slug)}"
            for i, slug in enumerate(scenario.readers)
            if slug
        )
        shows = "".join(f"<li>{esc(line)}</li>" for line in scenario.shows)
        items.append(
            f'<li class="card" id="scenario-{esc(scenario.name)}">'
            f"<h3>{esc(scenario.title)} <code>{esc(scenario.name)}</code></h3>"
            f"<p>{esc(scenario.description)}</p>"
            f"<p>Cartes : {esc(readers)}.</p>"
            + (f"<p>À montrer :</p><ul>{shows}</ul>" if shows else "")
            + reset_button(scenario.name, back)
            + "</li>"
        )
    return (
        '<section class="card" id="scenarios" aria-labelledby="scenarios-titre">'
        '<h2 id="scenarios-titre">Remettre la démo dans un état connu</h2>'
        "<p>Chaque bouton met la démo dans un état nommé en quelques secondes : les sessions "
        "ouvertes sont fermées, la boîte aux lettres, les SMS et les téléphones vidés, les "
        "cartes remises dans les lecteurs, l'horloge remise à l'heure réelle. En ligne de "
        "commande : <code>.venv/bin/python -m simulators.demo reset --scenario NOM</code>.</p>"
        f'<ul class="plain">{"".join(items)}</ul></section>'
    )


def guides_html(guides: Mapping[str, Guide]) -> str:
    items = "".join(
        f'<li><a href="/guides/{esc(slug)}">{esc(guide.title)}</a> — {esc(guide.summary)}</li>'
        for slug, guide in guides.items()
    )
    return (
        '<section class="card" id="guides" aria-labelledby="guides-titre">'
        '<h2 id="guides-titre">Guides pas à pas</h2>'
        "<p>Pour chaque guide, les étapes numérotées, la personne et la carte à utiliser, un "
        "lien qui ouvre le portail à cette étape, et le matériel simulé.</p>"
        f"<ul>{items}</ul></section>"
    )


def home_html(
    links: str,
    *,
    clock_dir: Path | None,
    parts: DemoParts | None,
    guides: Mapping[str, Guide],
    flash: Flash | None = None,
) -> bytes:
    """``links`` is the HTML of the link sections (the simulators' pages)."""
    body = [flash_html(flash)]
    if clock_dir is not None:
        body.append(clock_html(clock_dir, jobs=parts is not None))
    if parts is not None:
        body += [scenarios_html(), guides_html(guides), hardware_panel_html(parts, "/#materiel")]
    body.append(links)
    return page(
        TITLE,
        TITLE,
        "".join(body),
        subtitle=(
            "Le matériel simulé de la démo : e-mails, SMS, téléphones, cartes eID, "
            "registre des entreprises ; l'horloge, les états de départ et les guides"
        ),
    )


def _step_html(
    number: str, step: GuideStep, parts: DemoParts, tools: Mapping[str, str], back: str
) -> str:
    facts = []
    if step.persona:
        facts.append(f"<li>Qui : {esc(person_name(step.persona))}</li>")
    if step.card and step.persona:
        facts.append(f"<li>Carte eID : {_card_state(step.persona, parts, back)}</li>")
    if step.portal:
        url = parts.public_origin + step.portal
        facts.append(
            f'<li><a href="{esc(url)}">Ouvrir l\'étape {esc(number)} dans le portail</a> '
            f'<span class="muted">({esc(step.portal)})</span></li>'
        )
    if step.tool:
        url = tools.get(step.tool, "")
        name = TOOLS[step.tool]
        facts.append(
            f'<li><a href="{esc(url)}">{esc(name)}</a> (étape {esc(number)})</li>'
            if url
            else f"<li>{esc(name)}</li>"
        )
    detail = f"<p>{esc(step.detail)}</p>" if step.detail else ""
    return (
        f'<li id="etape-{esc(number)}"><p><strong>{esc(step.title)}</strong></p>{detail}'
        f"<ul>{''.join(facts)}</ul></li>"
    )


def _card_state(slug: str, parts: DemoParts, back: str) -> str:
    slots = parts.card_slots
    if slots is None:
        return "pas de lecteur dans cette démo"
    statuses = slots.status()
    for status in statuses:
        if status.persona == slug:
            pin = "PIN bloqué" if status.pin_tries_left == 0 else f"PIN {persona(slug).card.pin}"
            return f"dans le {esc(reader_label(status.index))} ({esc(pin)})"
    free = [s.index for s in statuses if s.persona is None]
    if not free:
        return "pas dans un lecteur ; tous les lecteurs sont occupés : retirez une carte"
    return (
        "pas dans un lecteur "
        '<form method="post" action="/lecteurs" class="inline">'
        '<input type="hidden" name="action" value="inserer">'
        f'<input type="hidden" name="lecteur" value="{free[0]}">'
        f'<input type="hidden" name="persona" value="{esc(slug)}">{_back(back)}'
        f'<button type="submit">Insérer la carte de {esc(person_name(slug))} dans le '
        f"{esc(reader_label(free[0]))}</button></form>"
    )


def guide_html(
    guide: Guide,
    parts: DemoParts,
    tools: Mapping[str, str],
    flash: Flash | None = None,
    *,
    clock_dir: Path | None = None,
) -> bytes:
    back = f"/guides/{guide.slug}"
    scenarios = load_scenarios()
    sections = []
    for p_index, part in enumerate(guide.parts, start=1):
        start = ""
        if part.scenario:
            title = scenarios[part.scenario].title
            start = (
                f"<p>Point de départ : l'état « {esc(title)} » "
                f"<code>{esc(part.scenario)}</code>. "
                + reset_button(part.scenario, back, f"Remettre la démo dans l'état « {title} »")
                + "</p>"
            )
        steps = "".join(
            _step_html(f"{p_index}.{n}", step, parts, tools, back)
            for n, step in enumerate(part.steps, start=1)
        )
        sections.append(
            f'<section class="card" aria-labelledby="partie-{p_index}">'
            f'<h2 id="partie-{p_index}">{p_index}. {esc(part.title)}</h2>{start}'
            f'<ol class="steps">{steps}</ol></section>'
        )
    clock = clock_html(clock_dir, jobs=True, back=back) if clock_dir is not None else ""
    body = (
        flash_html(flash)
        + '<p><a href="/">Retour aux outils des formateurs</a></p>'
        + f"<p>{esc(guide.summary)}</p>"
        + "".join(sections)
        + hardware_panel_html(parts, back + "#materiel")
        + clock
    )
    return page(f"{guide.title} — guide pas à pas", guide.title, body, subtitle="Guide pas à pas")


def tool_urls(parts: DemoParts) -> dict[str, str]:
    urls = {
        "mailbox": parts.mailbox_url,
        "sms": parts.sms_url,
        "authenticator": parts.authenticator_url,
        "itsme": parts.itsme.url if parts.itsme is not None else "",
        "back_office": parts.back_office_url,
        "company_register": parts.company_register_url,
        "eidas_node": parts.eidas_node_url,
    }
    return {tool: url for tool, url in urls.items() if url}
