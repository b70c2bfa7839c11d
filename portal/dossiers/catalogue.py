"""The catalogue of démarches (seed 003): one TOML file per démarche in ``procedures/``.

Adding a démarche is adding a file, no code. The file's name is the démarche's key
(``allocation-etudes.toml`` → ``allocation-etudes``); its attributes:

- ``audience``: ``citoyens``, ``entreprises`` or ``non-marchand`` (the catalogue's tabs);
- ``title``, ``summary``, ``who`` (who may use it), ``needed`` (a list: what to have at hand),
  ``administration`` (optional: the service that handles it); each may have translations
  (``title_nl``, ``needed_de``... a translated ``needed`` lists as many items as the French);
- ``spaces``: where a dossier may be started, among ``citoyen``, ``enseignement``,
  ``entreprise``; a form reading the company register (``company.*`` sources) is started in
  the professional space only;
- ``[[steps]]`` with their ``[[steps.fields]]``: the form (``portal.dossiers.forms.parsing``).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from foundation.settings import SUPPORTED_LANGUAGES
from portal.dossiers.forms.model import Form
from portal.dossiers.forms.parsing import only, optional_text, parse_form, read_text
from portal.dossiers.forms.sources import COMPANY_PREFIX
from portal.dossiers.forms.texts import TRANSLATIONS, Text, translated_names
from portal.spaces import CITIZEN, TEACHING

COMPANY = "entreprise"  # the professional space of a company (or a non-profit) a person acts for
SPACES = (CITIZEN, TEACHING, COMPANY)
AUDIENCES = ("citoyens", "entreprises", "non-marchand")
PROCEDURES_DIR = Path(__file__).with_name("procedures")
_KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_TEXTS = ("title", "summary", "who", "administration")
_ATTRIBUTES = frozenset(
    {"audience", "spaces", "steps", "needed", *translated_names("needed")}
    | {name for attribute in _TEXTS for name in (attribute, *translated_names(attribute))}
)


class UnknownProcedureError(LookupError):
    """No démarche has this key (an old link, or a key typed by hand)."""

    def __init__(self, key: str) -> None:
        super().__init__(f"no procedure {key!r}")
        self.key = key


@dataclass(frozen=True, slots=True)
class Procedure:
    key: str
    audience: str
    title: Text
    summary: Text
    who: Text
    needed: tuple[Text, ...]
    spaces: tuple[str, ...]
    administration: Text | None
    form: Form

    def title_in(self, language: str) -> str:
        return self.title.in_language(language)

    def summary_in(self, language: str) -> str:
        return self.summary.in_language(language)

    def who_in(self, language: str) -> str:
        return self.who.in_language(language)

    def needed_in(self, language: str) -> tuple[str, ...]:
        return tuple(item.in_language(language) for item in self.needed)

    def administration_in(self, language: str) -> str:
        return self.administration.in_language(language) if self.administration else ""

    @property
    def reads_company_register(self) -> bool:
        """Whether the form is prefilled from the company register (``company.*`` sources)."""
        return any(
            field.source is not None and field.source.startswith(COMPANY_PREFIX)
            for field in self.form.fields
        )


def folded(text: str) -> str:
    """``Allocation d'Études`` → ``allocation d'etudes``: what a search compares."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class Catalogue:
    def __init__(self, procedures: Iterable[Procedure]) -> None:
        ordered = sorted(
            procedures, key=lambda p: (AUDIENCES.index(p.audience), folded(p.title.french))
        )
        self._procedures = tuple(ordered)
        self._by_key = {procedure.key: procedure for procedure in ordered}
        self._haystacks = {procedure.key: _haystack(procedure) for procedure in ordered}

    def all(self) -> tuple[Procedure, ...]:
        """Every démarche, by audience (citizens, companies, non-profit), then by title."""
        return self._procedures

    def get(self, key: str) -> Procedure:
        try:
            return self._by_key[key]
        except KeyError:
            raise UnknownProcedureError(key) from None

    def search(self, text: str, *, audience: str | None = None) -> tuple[Procedure, ...]:
        """The démarches whose title or summary (in any language) holds every word of ``text``,
        accents and case aside; every démarche (of ``audience``) when ``text`` is blank."""
        if audience is not None and audience not in AUDIENCES:
            raise ValueError(f"unknown audience {audience!r}")
        # Each word once, each démarche's texts folded once: a search typed as "ab ab ab…" a
        # million times took a minute when every word folded every démarche's texts again.
        words = set(re.findall(r"\w+", folded(text)))
        return tuple(
            procedure
            for procedure in self._procedures
            if (audience is None or procedure.audience == audience)
            and all(word in self._haystacks[procedure.key] for word in words)
        )

    def for_space(self, space: str) -> tuple[Procedure, ...]:
        """The démarches a person may start from ``space``."""
        if space not in SPACES:
            raise ValueError(f"unknown space {space!r}")
        return tuple(procedure for procedure in self._procedures if space in procedure.spaces)


def _haystack(procedure: Procedure) -> str:
    texts = [procedure.title, procedure.summary]
    return folded(
        " ".join(t.in_language(language) for t in texts for language in SUPPORTED_LANGUAGES)
    )


def parse_procedure(key: str, data: Mapping[str, Any], *, origin: str) -> Procedure:
    """The démarche ``data`` (a parsed TOML file) describes; errors name ``origin``."""
    if _KEY.fullmatch(key) is None:
        raise ValueError(f"{origin}: a file name is lowercase letters, digits and dashes")
    only(data, _ATTRIBUTES, origin)
    audience = data.get("audience")
    if audience not in AUDIENCES:
        raise ValueError(f"{origin}: audience must be one of {', '.join(AUDIENCES)}")
    spaces = data.get("spaces")
    if not isinstance(spaces, list) or not spaces or not set(spaces) <= set(SPACES):
        raise ValueError(f"{origin}: spaces must list some of {', '.join(SPACES)}")
    procedure = Procedure(
        key=key,
        audience=str(audience),
        title=read_text(data, "title", origin),
        summary=read_text(data, "summary", origin),
        who=read_text(data, "who", origin),
        needed=_needed(data, origin),
        spaces=tuple(dict.fromkeys(str(space) for space in spaces)),
        administration=optional_text(data, "administration", origin),
        form=parse_form({"steps": data.get("steps")}, origin=origin),
    )
    if procedure.reads_company_register and procedure.spaces != (COMPANY,):
        raise ValueError(f"{origin}: a form reading company.* sources starts in 'entreprise' only")
    return procedure


def _needed(data: Mapping[str, Any], origin: str) -> tuple[Text, ...]:
    french = _text_list(data, "needed", origin)
    if french is None:
        raise ValueError(f"{origin}: missing needed (what to have at hand)")
    translations: dict[str, list[str]] = {}
    for language in TRANSLATIONS:
        items = _text_list(data, f"needed_{language}", origin)
        if items is not None:
            if len(items) != len(french):
                raise ValueError(f"{origin}: needed_{language} must list as many items as needed")
            translations[language] = items
    return tuple(
        Text(item, {language: items[i] for language, items in translations.items()})
        for i, item in enumerate(french)
    )


def _text_list(data: Mapping[str, Any], name: str, origin: str) -> list[str] | None:
    raw = data.get(name)
    if raw is None:
        return None
    if not isinstance(raw, list) or not raw:
        raise ValueError(f"{origin}: {name} must be a list of texts")
    if not all(isinstance(item, str) and item.strip() for item in raw):
        raise ValueError(f"{origin}: {name} must be a list of non-empty texts")
    return [item.strip() for item in raw]


def read_procedure(path: Path) -> Procedure:
    origin = f"{path.parent.name}/{path.name}"
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{origin}: not valid TOML ({error})") from error
    return parse_procedure(path.stem, data, origin=origin)


def read_catalogue(directory: Path) -> Catalogue:
    """The démarches of every ``*.toml`` file in ``directory``, read now."""
    return Catalogue(read_procedure(path) for path in sorted(directory.glob("*.toml")))


@cache
def load_catalogue() -> Catalogue:
    """The portal's catalogue (``procedures/``), read once per process."""
    return read_catalogue(PROCEDURES_DIR)
