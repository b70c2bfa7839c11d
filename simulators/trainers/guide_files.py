"""The seed guides as trainers walk through them: ``guides/<slug>.toml``, one per seed guide,
read into parts (each with the scenario to start from) and numbered steps (who acts, with their
eID card or not, the portal page of the step, the simulated device it needs)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from simulators.scenarios.model import ScenarioError, TomlTable

GUIDES_DIR = Path(__file__).resolve().parent / "guides"
# The simulated devices a step may need, as the trainers' page names them.
TOOLS = {
    "mailbox": "Boîte aux lettres",
    "sms": "SMS reçus",
    "authenticator": "Application d'authentification",
    "itsme": "Téléphones itsme",
    "back_office": "Back-office de l'administration",
    "company_register": "Registre des entreprises",
    "eidas_node": "Nœud eIDAS (européens)",
}


class GuideError(ScenarioError):
    pass


@dataclass(frozen=True, slots=True)
class GuideStep:
    title: str  # the seed's wording
    detail: str
    persona: str | None  # who acts
    card: bool  # with their eID card in a reader
    portal: str | None  # the portal's page of this step (a local path)
    tool: str | None  # a key of TOOLS


@dataclass(frozen=True, slots=True)
class GuidePart:
    title: str
    scenario: str | None  # the scenario reset to start this part from
    steps: tuple[GuideStep, ...]


@dataclass(frozen=True, slots=True)
class Guide:
    slug: str
    seed: str  # the seed file (../shared/seeds/)
    title: str
    summary: str
    parts: tuple[GuidePart, ...]


def _step(raw: object, where: str) -> GuideStep:
    if not isinstance(raw, dict):
        raise GuideError(f"{where}: a step is a table")
    t = TomlTable(raw, where)
    step = GuideStep(
        title=t.text("title"),
        detail=t.text("detail", ""),
        persona=t.optional_text("persona"),
        card=t.flag("card", False),
        portal=t.optional_text("portal"),
        tool=t.optional_text("tool"),
    )
    t.done()
    if step.tool is not None and step.tool not in TOOLS:
        raise GuideError(f"{where}: tool '{step.tool}' (known: {', '.join(TOOLS)})")
    if step.portal is not None and not (step.portal.startswith("/") and "//" not in step.portal):
        raise GuideError(f"{where}: portal must be a path of the portal, like /mes-cles")
    if step.card and step.persona is None:
        raise GuideError(f"{where}: a step with a card names its persona")
    return step


def _part(raw: object, where: str) -> GuidePart:
    if not isinstance(raw, dict):
        raise GuideError(f"{where}: a part is a table")
    t = TomlTable(raw, where)
    part = GuidePart(
        title=t.text("title"),
        scenario=t.optional_text("scenario"),
        steps=tuple(
            _step(raw_step, f"{where}, step {n}")
            for n, raw_step in enumerate(t.tables("steps"), start=1)
        ),
    )
    t.done()
    if not part.steps:
        raise GuideError(f"{where}: a part has steps")
    return part


def read_guide(path: Path) -> Guide:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise GuideError(f"{path.name}: {error}") from error
    try:
        t = TomlTable(data, path.name)
        guide = Guide(
            slug=path.stem,
            seed=t.text("seed"),
            title=t.text("title"),
            summary=t.text("summary"),
            parts=tuple(
                _part(raw, f"{path.name}, part {n}") for n, raw in enumerate(t.tables("parts"), 1)
            ),
        )
        t.done()
    except GuideError:
        raise
    except ScenarioError as error:  # the table reader's own: a guide's file said so
        raise GuideError(str(error)) from error
    return guide


def load_guides(directory: Path = GUIDES_DIR) -> dict[str, Guide]:
    """The guides by slug, in the seeds' order."""
    return {path.stem: read_guide(path) for path in sorted(directory.glob("*.toml"))}
