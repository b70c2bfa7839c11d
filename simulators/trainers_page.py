"""The trainers' page: one place with a link to every simulated piece of hardware of the demo.

Served on loopback apart from the portal (``http://127.0.0.1:8030`` in the demo);
``/api/links`` gives the same as JSON. With the demo's data folder it also moves the demo clock:
buttons on the page, and ``GET``/``POST /api/clock`` (simulators/trainers/clock_controls.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from http import HTTPStatus
from pathlib import Path
from urllib.parse import parse_qs

from foundation.clock import BRUSSELS
from foundation.demo_clock import DemoClockError, demo_clock_offset
from simulators.loopback_web import LoopbackService, SimulatorHandler, esc, page
from simulators.trainers.clock_controls import (
    CLOCK_BUTTONS,
    apply_clock_request,
    clock_state,
    press_clock_button,
)

DEFAULT_PORT = 8030
TITLE = "Mon Espace — outils des formateurs"


@dataclass(frozen=True, slots=True)
class TrainerLink:
    label: str
    url: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class TrainerSection:
    """A heading, its links, an optional explanation and optional commands to type."""

    title: str
    links: tuple[TrainerLink, ...] = ()
    note: str = ""
    commands: tuple[str, ...] = field(default=())


EID_COMMANDS = (
    ".venv/bin/python -m simulators.eid status",
    ".venv/bin/python -m simulators.eid personas",
    ".venv/bin/python -m simulators.eid insert naima-mremi --reader 0",
    ".venv/bin/python -m simulators.eid remove naima-mremi",
    ".venv/bin/python -m simulators.eid block-pin chloe-ducoeur",
    ".venv/bin/python -m simulators.eid unblock-pin chloe-ducoeur",
)


def eid_section() -> TrainerSection:
    return TrainerSection(
        "Cartes eID et lecteurs (ligne de commande)",
        note=(
            "Les cartes eID virtuelles s'insèrent et se retirent depuis un terminal, dans le "
            "dossier du projet, pendant que la démo tourne. Voir docs/eid-simulator.md."
        ),
        commands=EID_COMMANDS,
    )


def _section_html(index: int, section: TrainerSection) -> str:
    heading_id = f"section-{index}"
    parts = [f'<section class="card" aria-labelledby="{heading_id}">']
    parts.append(f'<h2 id="{heading_id}">{esc(section.title)}</h2>')
    if section.note:
        parts.append(f"<p>{esc(section.note)}</p>")
    if section.links:
        items = "".join(
            f'<li><a href="{esc(link.url)}">{esc(link.label)}</a>'
            + (f" — {esc(link.description)}" if link.description else "")
            + "</li>"
            for link in section.links
        )
        parts.append(f"<ul>{items}</ul>")
    if section.commands:
        commands = "\n".join(esc(command) for command in section.commands)
        parts.append(f"<pre><code>{commands}</code></pre>")
    parts.append("</section>")
    return "".join(parts)


def _offset_text(offset: timedelta) -> str:
    if not offset:
        return "à l'heure réelle"
    days, seconds = offset.days, offset.seconds
    parts = [f"{days} jour{'s' if days > 1 else ''}"] if days else []
    if seconds:
        parts.append(f"{seconds // 3600} h {seconds % 3600 // 60:02d}")
    return "en avance de " + " ".join(parts)


def clock_section_html(clock_dir: Path, message: str = "") -> str:
    """The demo clock's card: the portal's time now and the buttons that move it."""
    offset = demo_clock_offset(clock_dir)
    now = clock_state(clock_dir)["now"]
    shown = datetime.fromisoformat(now).astimezone(BRUSSELS).strftime("%d/%m/%Y %H:%M")
    buttons = "".join(
        f'<button type="submit" name="bouton" value="{esc(value)}">{esc(label)}</button>'
        for value, (label, _move) in CLOCK_BUTTONS.items()
    )
    status = f'<p class="status" role="status">{esc(message)}</p>' if message else ""
    return (
        '<section class="card" id="horloge" aria-labelledby="horloge-titre">'
        '<h2 id="horloge-titre">Horloge de la démo</h2>'
        f"{status}"
        f"<p>Heure du portail : <strong>{esc(shown)}</strong> ({esc(_offset_text(offset))}).</p>"
        "<p>Avancer le temps montre en direct la fin du délai de rétractation d'une suppression "
        "de compte (30 jours), l'expiration d'une invitation ou la fin d'une attribution de "
        "rôle. Les sessions ouvertes expirent aussi : il faudra se reconnecter.</p>"
        f'<form method="post" action="/horloge">{buttons}</form>'
        "</section>"
    )


def trainers_page_html(
    sections: Sequence[TrainerSection], *, clock_dir: Path | None = None, message: str = ""
) -> bytes:
    body = "".join(_section_html(i, s) for i, s in enumerate(sections, start=1))
    if clock_dir is not None:
        body = clock_section_html(clock_dir, message) + body
    return page(
        TITLE,
        TITLE,
        body,
        subtitle=(
            "Le matériel simulé de la démo : e-mails, SMS, téléphones, cartes eID, "
            "registre des entreprises"
        ),
    )


def make_handler(
    sections: Sequence[TrainerSection], clock_dir: Path | None = None
) -> type[SimulatorHandler]:
    as_json = [asdict(s) for s in sections]

    class TrainersHandler(SimulatorHandler):
        server_version = "MonEspaceTrainers/1"

        def on_get(self) -> None:
            if self.url_path == "/":
                message = CLOCK_MESSAGES.get(self.url_query.removeprefix("fait="), "")
                body = trainers_page_html(sections, clock_dir=clock_dir, message=message)
                self.send_page(HTTPStatus.OK, body)
            elif self.url_path == "/api/links":
                self.send_json(HTTPStatus.OK, as_json)
            elif self.url_path == "/api/clock" and clock_dir is not None:
                self.send_json(HTTPStatus.OK, clock_state(clock_dir))
            else:
                self.not_found()

        def on_post(self) -> None:
            if clock_dir is None:
                self.not_found()
            elif self.url_path == "/api/clock":
                payload = self.read_json_object('{"advance_seconds": n}')
                if payload is None:
                    return
                try:
                    self.send_json(HTTPStatus.OK, apply_clock_request(clock_dir, payload))
                except DemoClockError as error:
                    self.send_error_json(HTTPStatus.BAD_REQUEST, "invalid_clock", str(error))
            elif self.url_path == "/horloge":
                form = parse_qs(self.read_body(4096).decode("utf-8", "replace"))
                button = (form.get("bouton") or [""])[0]
                try:
                    press_clock_button(clock_dir, button)
                except DemoClockError:
                    self.redirect("/?fait=horloge-refusee#horloge")
                    return
                self.redirect("/?fait=horloge#horloge")
            else:
                self.not_found()

    return TrainersHandler


CLOCK_MESSAGES = {
    "horloge": "L'horloge de la démo a été déplacée.",
    "horloge-refusee": "L'horloge de la démo ne peut pas aller plus loin (10 ans au plus).",
}


class TrainersPage(LoopbackService):
    def __init__(
        self,
        links: Sequence[TrainerSection],
        host: str = "127.0.0.1",
        port: int = DEFAULT_PORT,
        *,
        clock_dir: Path | None = None,
    ) -> None:
        """``clock_dir``: the demo's data folder, whose demo clock the page moves (no clock
        controls without it)."""
        self.sections = tuple(links)
        self.clock_dir = clock_dir
        super().__init__(make_handler(self.sections, clock_dir), host=host, port=port)
