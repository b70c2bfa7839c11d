"""The trainers' page: one place with a link to every simulated piece of hardware of the demo.

Served on loopback apart from the portal (``http://127.0.0.1:8030`` in the demo);
``/api/links`` gives the same as JSON.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from http import HTTPStatus

from simulators.loopback_web import LoopbackService, SimulatorHandler, esc, page

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


def trainers_page_html(sections: Sequence[TrainerSection]) -> bytes:
    body = "".join(_section_html(i, s) for i, s in enumerate(sections, start=1))
    return page(
        TITLE,
        TITLE,
        body,
        subtitle=(
            "Le matériel simulé de la démo : e-mails, SMS, téléphones, cartes eID, "
            "registre des entreprises"
        ),
    )


def make_handler(sections: Sequence[TrainerSection]) -> type[SimulatorHandler]:
    html_page = trainers_page_html(sections)
    as_json = [asdict(s) for s in sections]

    class TrainersHandler(SimulatorHandler):
        server_version = "MonEspaceTrainers/1"

        def on_get(self) -> None:
            if self.url_path == "/":
                self.send_page(HTTPStatus.OK, html_page)
            elif self.url_path == "/api/links":
                self.send_json(HTTPStatus.OK, as_json)
            else:
                self.not_found()

    return TrainersHandler


class TrainersPage(LoopbackService):
    def __init__(
        self,
        links: Sequence[TrainerSection],
        host: str = "127.0.0.1",
        port: int = DEFAULT_PORT,
    ) -> None:
        self.sections = tuple(links)
        super().__init__(make_handler(self.sections), host=host, port=port)
