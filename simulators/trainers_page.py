"""The trainers' page: one place with a link to every simulated piece of hardware of the demo,
and the trainers' tools (simulators/trainers/, docs/trainers.md).

Served on loopback apart from the portal (``http://127.0.0.1:8030`` in the demo);
``/api/links`` gives the links as JSON. With the demo's data folder (``clock_dir``) it moves
the demo clock: buttons, and ``GET``/``POST /api/clock`` (simulators/trainers/clock_controls.py).
With the running demo's pieces attached (``attach(DemoParts)``) it also resets the demo to a
scenario (``POST /scenarios/<name>``, ``POST /api/scenarios/<name>``), runs the hourly jobs
(``POST /taches-horaires``, ``POST /api/jobs/hourly``), walks through the seed guides
(``/guides/<slug>``) and drives the cards in the readers (``POST /lecteurs``).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from foundation import routes
from foundation.db import make_engine
from foundation.demo_clock import DemoClockError, demo_clock_for
from monespace_app.jobs import HourlyReport, run_hourly_jobs
from simulators.loopback_web import LoopbackService, SimulatorHandler, esc
from simulators.scenarios.model import ScenarioError, load_scenarios
from simulators.scenarios.reset import DemoParts, ResetBusyError, ResetReport, reset_demo
from simulators.trainers.clock_controls import (
    apply_clock_request,
    clock_state,
    press_clock_button,
)
from simulators.trainers.guide_files import Guide, load_guides
from simulators.trainers.pages import Flash, guide_html, home_html, tool_urls
from simulators.trainers.panel import PanelError, apply_card_action

DEFAULT_PORT = 8030


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


def links_html(sections: Sequence[TrainerSection]) -> str:
    return "".join(_section_html(i, s) for i, s in enumerate(sections, start=1))


def report_json(report: ResetReport) -> dict[str, Any]:
    return {
        "scenario": report.scenario,
        "title": report.title,
        "seconds": round(report.seconds, 2),
        "sessions_ended": report.sessions_ended,
        "readers": list(report.readers),
    }


def jobs_text(report: HourlyReport) -> str:
    return (
        f"Tâches horaires lancées : {report.purged_accounts} compte(s) supprimé(s) "
        f"définitivement, {report.ended_assignments} attribution(s) de rôle expirée(s), "
        f"{report.warned_passwords} avertissement(s) de mot de passe."
    )


class TrainersState:
    """What the page's handler reads at each request: the demo's pieces once attached, and the
    message of the last button, shown once."""

    def __init__(self, sections: Sequence[TrainerSection], clock_dir: Path | None) -> None:
        self.sections = tuple(sections)
        self.clock_dir = clock_dir
        self.parts: DemoParts | None = None
        self.guides: dict[str, Guide] = load_guides()
        self._flash: Flash | None = None
        self._lock = threading.Lock()

    def say(self, message: str, *, error: bool = False) -> None:
        with self._lock:
            self._flash = Flash(message, error)

    def take_flash(self) -> Flash | None:
        with self._lock:
            flash, self._flash = self._flash, None
            return flash

    def reset(self, name: str) -> ResetReport:
        if self.parts is None:
            raise ScenarioError("no demo attached")
        return reset_demo(self.parts, name)

    def run_jobs(self) -> HourlyReport:
        assert self.parts is not None
        now = demo_clock_for(self.parts.data_dir)()
        engine = make_engine(self.parts.database_url)
        try:
            return run_hourly_jobs(now, bind=engine, public_origin=self.parts.public_origin)
        finally:
            engine.dispose()


def _local(path: str, default: str = "/") -> str:
    """Where a button comes back to: a path of this page only, nothing that would end the
    Location header early."""
    return path if routes.is_local_path(path) and path.isprintable() else default


def make_handler(state: TrainersState) -> type[SimulatorHandler]:
    class TrainersHandler(SimulatorHandler):
        server_version = "MonEspaceTrainers/1"

        def on_get(self) -> None:
            path = self.url_path
            if path == "/":
                body = home_html(
                    links_html(state.sections),
                    clock_dir=state.clock_dir,
                    parts=state.parts,
                    guides=state.guides,
                    flash=state.take_flash(),
                )
                self.send_page(HTTPStatus.OK, body)
            elif path.startswith("/guides/") and state.parts is not None:
                guide = state.guides.get(unquote(path.removeprefix("/guides/")))
                if guide is None:
                    self.not_found()
                    return
                body = guide_html(
                    guide,
                    state.parts,
                    tool_urls(state.parts),
                    state.take_flash(),
                    clock_dir=state.clock_dir,
                )
                self.send_page(HTTPStatus.OK, body)
            elif path == "/api/links":
                self.send_json(HTTPStatus.OK, [asdict(s) for s in state.sections])
            elif path == "/api/clock" and state.clock_dir is not None:
                self.send_json(HTTPStatus.OK, clock_state(state.clock_dir))
            elif path == "/api/scenarios" and state.parts is not None:
                listed = [
                    {"name": s.name, "title": s.title, "description": s.description}
                    for s in load_scenarios().values()
                ]
                self.send_json(HTTPStatus.OK, listed)
            else:
                self.not_found()

        def on_post(self) -> None:
            if not self._same_site():
                self.send_error_json(
                    HTTPStatus.FORBIDDEN, "cross_site", "only this page may press its buttons"
                )
                return
            path = self.url_path
            if path == "/api/clock" and state.clock_dir is not None:
                self._clock_api(state.clock_dir)
            elif path == "/horloge" and state.clock_dir is not None:
                self._clock_button(state.clock_dir)
            elif state.parts is None:
                self.not_found()
            elif path.startswith("/api/scenarios/"):
                self._reset_api(unquote(path.removeprefix("/api/scenarios/")))
            elif path.startswith("/scenarios/"):
                self._reset_button(unquote(path.removeprefix("/scenarios/")))
            elif path == "/api/jobs/hourly":
                self.send_json(HTTPStatus.OK, asdict(state.run_jobs()))
            elif path == "/taches-horaires":
                form = self._form()
                state.say(jobs_text(state.run_jobs()))
                self.redirect(_local(form.get("retour", "")) + "#horloge")
            elif path == "/lecteurs":
                self._card_button()
            else:
                self.not_found()

        def _same_site(self) -> bool:
            """A button of this page, or a program (no Origin): never another site's page
            (a form posted from elsewhere to 127.0.0.1 would reset the demo)."""
            host = self.headers.get("Host") or ""
            if urlsplit(f"http://{host}").hostname not in ("127.0.0.1", "localhost", "::1"):
                return False  # a name rebound to loopback (DNS rebinding)
            origin = self.headers.get("Origin")
            return origin is None or origin == f"http://{host}"

        def _form(self) -> dict[str, str]:
            raw = parse_qs(self.read_body(16 * 1024).decode("utf-8", "replace"))
            return {key: values[0] for key, values in raw.items()}

        def _clock_api(self, clock_dir: Path) -> None:
            payload = self.read_json_object('{"advance_seconds": n}')
            if payload is None:
                return
            try:
                self.send_json(HTTPStatus.OK, apply_clock_request(clock_dir, payload))
            except DemoClockError as error:
                self.send_error_json(HTTPStatus.BAD_REQUEST, "invalid_clock", str(error))

        def _clock_button(self, clock_dir: Path) -> None:
            form = self._form()
            try:
                press_clock_button(clock_dir, form.get("bouton", ""))
                state.say("L'horloge de la démo a été déplacée.")
            except DemoClockError:
                state.say(
                    "L'horloge de la démo ne peut pas aller plus loin (10 ans au plus).",
                    error=True,
                )
            self.redirect(_local(form.get("retour", "")) + "#horloge")

        def _reset_api(self, name: str) -> None:
            try:
                self.send_json(HTTPStatus.OK, report_json(state.reset(name)))
            except ResetBusyError as error:
                self.send_error_json(HTTPStatus.CONFLICT, "reset_running", str(error))
            except ScenarioError as error:
                self.send_error_json(HTTPStatus.BAD_REQUEST, "scenario_failed", str(error))

        def _reset_button(self, name: str) -> None:
            form = self._form()
            try:
                report = state.reset(name)
                state.say(
                    f"La démo est dans l'état « {report.title} » "
                    f"(remise à zéro en {report.seconds:.1f} s)."
                )
            except ResetBusyError:
                state.say("Une remise à zéro est déjà en cours : réessayez.", error=True)
            except ScenarioError as error:
                state.say(f"La remise à zéro a échoué : {error}", error=True)
            self.redirect(_local(form.get("retour", "")))

        def _card_button(self) -> None:
            form = self._form()
            assert state.parts is not None
            try:
                state.say(apply_card_action(state.parts, form))
            except PanelError as error:
                state.say(str(error), error=True)
            self.redirect(_local(form.get("retour", ""), "/#materiel"))

    return TrainersHandler


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
        self.state = TrainersState(links, clock_dir)
        super().__init__(make_handler(self.state), host=host, port=port)

    @property
    def sections(self) -> tuple[TrainerSection, ...]:
        return self.state.sections

    @property
    def clock_dir(self) -> Path | None:
        return self.state.clock_dir

    def attach(self, parts: DemoParts) -> None:
        """The running demo's pieces: from now on the page resets scenarios, runs the hourly
        jobs, shows the guides and the hardware panel."""
        self.state.parts = parts
