"""A scenario file (``simulators/scenarios/<name>.toml``) read into typed steps.

A scenario is what the demo holds after a reset: the cards in the readers and a list of steps,
each something a person did some days before the reset (``day = -30``), in the order they did
it. Each step names one action (``do = "..."``) and its values; ``simulators.scenarios.steps``
carries it out through the portal's own services. Anything unknown or missing is refused with
the file, the step and the value in the message, so a trainer editing a file learns what to fix.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCENARIOS_DIR = Path(__file__).resolve().parent


class ScenarioError(ValueError):
    pass


class TomlTable:
    """The values of one TOML table, taken one by one with their type checked; ``done`` refuses
    the keys nobody took (a typo must not be ignored)."""

    def __init__(self, values: Mapping[str, Any], where: str) -> None:
        self._values = dict(values)
        self._taken: set[str] = set()
        self.where = where

    def _get(self, name: str, kind: type | tuple[type, ...], default: Any) -> Any:
        self._taken.add(name)
        if name not in self._values:
            if default is _REQUIRED:
                raise ScenarioError(f"{self.where}: '{name}' is missing")
            return default
        value = self._values[name]
        if isinstance(value, bool) and kind is not bool:
            raise ScenarioError(f"{self.where}: '{name}' must not be true/false")
        if not isinstance(value, kind):
            raise ScenarioError(f"{self.where}: '{name}' has the wrong type ({value!r})")
        return value

    def text(self, name: str, default: Any = None) -> str:
        value: str = self._get(name, str, _REQUIRED if default is None else default)
        return value

    def optional_text(self, name: str) -> str | None:
        value: str | None = self._get(name, str, None)
        return value

    def number(self, name: str, default: Any = None) -> int:
        value: int = self._get(name, int, _REQUIRED if default is None else default)
        return value

    def optional_number(self, name: str) -> int | None:
        value: int | None = self._get(name, int, None)
        return value

    def flag(self, name: str, default: bool) -> bool:
        value: bool = self._get(name, bool, default)
        return value

    def texts(self, name: str, default: Any = None) -> tuple[str, ...]:
        values: list[Any] = self._get(name, list, _REQUIRED if default is None else default)
        if not all(isinstance(v, str) for v in values):
            raise ScenarioError(f"{self.where}: '{name}' must be a list of texts")
        return tuple(values)

    def tables(self, name: str) -> list[Any]:
        values: list[Any] = self._get(name, list, [])
        return values

    def table(self, name: str) -> dict[str, Any]:
        value: dict[str, Any] = self._get(name, dict, {})
        return value

    def done(self) -> None:
        unknown = sorted(set(self._values) - self._taken)
        if unknown:
            raise ScenarioError(f"{self.where}: unknown value(s) {', '.join(unknown)}")


_REQUIRED = object()


# -- the actions -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OpenAccount:
    """The person identifies with the eID card, creates the account at first login and
    follows the activation link of the e-mail (seed 004 §4)."""

    persona: str
    email: str | None  # None: the persona's address

    @classmethod
    def read(cls, t: TomlTable) -> OpenAccount:
        return cls(t.text("persona"), t.optional_text("email"))


@dataclass(frozen=True, slots=True)
class ActivateKeys:
    """After an eID login, the person activates keys in Mes clés numériques: the mobile app
    (its QR code scanned by the authenticator phone), the e-mail code (the registration code read
    from the e-mail), and username + password, which the code keys need."""

    persona: str
    username: str
    password: str
    kinds: tuple[str, ...]

    KNOWN = ("totp", "email_code", "password")

    @classmethod
    def read(cls, t: TomlTable) -> ActivateKeys:
        step = cls(t.text("persona"), t.text("username"), t.text("password"), t.texts("keys"))
        for kind in step.kinds:
            if kind not in cls.KNOWN:
                raise ScenarioError(f"{t.where}: key '{kind}' (known: {', '.join(cls.KNOWN)})")
        return step


@dataclass(frozen=True, slots=True)
class RegisterCompany:
    """The legal representative registers the company (the register is asked over HTTP) and
    designates its main access manager (seed 002 §2)."""

    company: str
    representative: str
    gap: str
    gap_phone: str

    @classmethod
    def read(cls, t: TomlTable) -> RegisterCompany:
        return cls(t.text("company"), t.text("representative"), t.text("gap"), t.text("gap_phone"))


@dataclass(frozen=True, slots=True)
class Invite:
    """The GAP's invitation wizard, "Terminer l'invitation" (seed 001 steps 9-18)."""

    name: str  # how later steps name it
    by: str
    company: str
    roles: tuple[str, ...]
    persons: tuple[str, ...]
    message: str
    valid_days: int | None  # how long the roles last; None: "Illimité"
    expires_in_days: int | None  # the link's last day; None: a year, the seed's default

    @classmethod
    def read(cls, t: TomlTable) -> Invite:
        return cls(
            t.text("name"),
            t.text("by"),
            t.text("company"),
            t.texts("roles"),
            t.texts("persons"),
            t.text("message", ""),
            t.optional_number("valid_days"),
            t.optional_number("expires_in_days"),
        )


@dataclass(frozen=True, slots=True)
class Accept:
    """The invitee opens the link, identifies and accepts (seed 000)."""

    persona: str
    invitation: str

    @classmethod
    def read(cls, t: TomlTable) -> Accept:
        return cls(t.text("persona"), t.text("invitation"))


@dataclass(frozen=True, slots=True)
class Decide:
    """The GAP approves or rejects a request in Mes tâches ouvertes (seed 001 "Approuver")."""

    by: str
    persona: str
    role: str
    approve: bool
    reason: str

    @classmethod
    def read(cls, t: TomlTable) -> Decide:
        step = cls(
            t.text("by"),
            t.text("persona"),
            t.text("role"),
            t.flag("approve", True),
            t.text("reason", ""),
        )
        if not step.approve and not step.reason:
            raise ScenarioError(f"{t.where}: a rejection needs its 'reason'")
        return step


@dataclass(frozen=True, slots=True)
class Assign:
    """A direct assignment by national register number (seed 001 "Adapter le rôle")."""

    by: str
    persona: str
    company: str
    roles: tuple[str, ...]
    valid_days: int | None

    @classmethod
    def read(cls, t: TomlTable) -> Assign:
        return cls(
            t.text("by"),
            t.text("persona"),
            t.text("company"),
            t.texts("roles"),
            t.optional_number("valid_days"),
        )


@dataclass(frozen=True, slots=True)
class ChangeAssignment:
    """ "Arrêter" or "Désactiver temporairement" on the assignment's detail page."""

    by: str
    persona: str
    role: str
    change: str

    KNOWN = ("stop", "deactivate")

    @classmethod
    def read(cls, t: TomlTable) -> ChangeAssignment:
        step = cls(t.text("by"), t.text("persona"), t.text("role"), t.text("change"))
        if step.change not in cls.KNOWN:
            raise ScenarioError(f"{t.where}: change '{step.change}' (known: stop, deactivate)")
        return step


@dataclass(frozen=True, slots=True)
class HourlyJobs:
    """The portal's hourly jobs as of that day (assignments past their end expire, accounts
    past their 30 days go)."""

    @classmethod
    def read(cls, _t: TomlTable) -> HourlyJobs:
        return cls()


@dataclass(frozen=True, slots=True)
class MakeDossier:
    """A démarche started from the catalogue (identity read from the card in the reader), its
    steps filled and saved, files attached; then signed with the card and submitted, or left a
    draft (seed 003)."""

    name: str
    persona: str
    procedure: str
    space: str
    values: Mapping[str, Mapping[str, str]]  # step -> field -> value, as typed
    attachments: Mapping[str, str]  # file field -> file name (a small PDF)
    until: str  # "draft" or "submitted"

    UNTIL = ("draft", "submitted")

    @classmethod
    def read(cls, t: TomlTable) -> MakeDossier:
        values = t.table("values")
        for step_key, fields in values.items():
            if not isinstance(fields, dict) or not all(isinstance(v, str) for v in fields.values()):
                raise ScenarioError(f"{t.where}: values.{step_key} must hold texts")
        attachments = t.table("attachments")
        if not all(isinstance(v, str) for v in attachments.values()):
            raise ScenarioError(f"{t.where}: attachments must name files")
        step = cls(
            t.text("name"),
            t.text("persona"),
            t.text("procedure"),
            t.text("space", "citoyen"),
            values,
            attachments,
            t.text("until"),
        )
        if step.until not in cls.UNTIL:
            raise ScenarioError(f"{t.where}: until '{step.until}' (known: draft, submitted)")
        return step


@dataclass(frozen=True, slots=True)
class BackOffice:
    """The administration's agent takes a submitted dossier ("Prendre en charge"), and may ask
    for a complement."""

    dossier: str
    complement: str  # "" : only taken

    @classmethod
    def read(cls, t: TomlTable) -> BackOffice:
        return cls(t.text("dossier"), t.text("complement", ""))


Action = (
    OpenAccount
    | ActivateKeys
    | RegisterCompany
    | Invite
    | Accept
    | Decide
    | Assign
    | ChangeAssignment
    | HourlyJobs
    | MakeDossier
    | BackOffice
)
ACTIONS: dict[str, Callable[[TomlTable], Action]] = {
    "open-account": OpenAccount.read,
    "activate-keys": ActivateKeys.read,
    "register-company": RegisterCompany.read,
    "invite": Invite.read,
    "accept-invitation": Accept.read,
    "decide-request": Decide.read,
    "assign-role": Assign.read,
    "change-assignment": ChangeAssignment.read,
    "hourly-jobs": HourlyJobs.read,
    "dossier": MakeDossier.read,
    "back-office": BackOffice.read,
}


@dataclass(frozen=True, slots=True)
class Step:
    day: int  # days before the reset (0 or less)
    action: Action
    keep_mail: bool  # its e-mails stay for the mailbox (an invitation's link); else dropped


@dataclass(frozen=True, slots=True)
class Scenario:
    name: str
    title: str
    description: str
    shows: tuple[str, ...]  # what a trainer can show from this state
    readers: tuple[str | None, ...]  # the persona whose card is in each reader ("" : empty)
    steps: tuple[Step, ...]


def _step(raw: Any, where: str) -> Step:
    if not isinstance(raw, dict):
        raise ScenarioError(f"{where}: a step is a table")
    t = TomlTable(raw, where)
    do = t.text("do")
    read = ACTIONS.get(do)
    if read is None:
        raise ScenarioError(f"{where}: unknown action '{do}' (known: {', '.join(ACTIONS)})")
    day = t.number("day")
    if day > 0:
        raise ScenarioError(f"{where}: day {day} is after the reset (0 or less)")
    keep_mail = t.flag("keep_mail", False)
    action = read(t)
    t.done()
    return Step(day, action, keep_mail)


def parse_scenario(name: str, data: Mapping[str, Any], *, origin: str) -> Scenario:
    t = TomlTable(data, origin)
    raw_steps = t.tables("steps")
    steps = tuple(
        _step(raw, f"{origin}, step {index}") for index, raw in enumerate(raw_steps, start=1)
    )
    days = [s.day for s in steps]
    if days != sorted(days):
        raise ScenarioError(f"{origin}: the steps must be in the order of their days")
    scenario = Scenario(
        name=name,
        title=t.text("title"),
        description=t.text("description"),
        shows=t.texts("shows", []),
        readers=tuple(slug or None for slug in t.texts("readers")),
        steps=steps,
    )
    t.done()
    return scenario


def read_scenario(path: Path) -> Scenario:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ScenarioError(f"{path.name}: {error}") from error
    return parse_scenario(path.stem, data, origin=path.name)


def load_scenarios(directory: Path = SCENARIOS_DIR) -> dict[str, Scenario]:
    """Every scenario of the folder, by name, in the order a trainer meets them."""
    found = {path.stem: read_scenario(path) for path in sorted(directory.glob("*.toml"))}
    order = [name for name in ORDER if name in found]
    return {name: found[name] for name in order + sorted(set(found) - set(order))}


ORDER = ("first-login", "keys", "companies", "dossiers")


def scenario(name: str, directory: Path = SCENARIOS_DIR) -> Scenario:
    scenarios = load_scenarios(directory)
    if name not in scenarios:
        raise ScenarioError(f"unknown scenario '{name}' (known: {', '.join(scenarios)})")
    return scenarios[name]
