"""Loads the message catalogues and looks texts up.

Each language has its main file (``fr.json``) and may have one file per area beside it
(``dossiers.fr.json``), so that a new part of the portal brings its texts in its own file. A key
defined twice in one language is an error, never a silent override."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from foundation.settings import SUPPORTED_LANGUAGES

CATALOG_DIR = Path(__file__).with_name("catalogs")
REFERENCE_LANGUAGE = "fr"


@cache
def catalog(language: str) -> dict[str, str]:
    """All texts of one language; keys missing there fall back to French."""
    if language not in SUPPORTED_LANGUAGES:
        raise ValueError(f"unsupported language: {language!r}")
    reference = _load(REFERENCE_LANGUAGE)
    return {**reference, **_load(language)}


def text(language: str, key: str) -> str:
    try:
        return catalog(language)[key]
    except KeyError:
        raise KeyError(f"no text {key!r} in the {language} catalogue") from None


def catalog_files(language: str) -> list[Path]:
    """The main file of a language first, then its area files in name order."""
    return [CATALOG_DIR / f"{language}.json", *sorted(CATALOG_DIR.glob(f"*.{language}.json"))]


def _load(language: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for path in catalog_files(language):
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in data.items()
        ):
            raise ValueError(f"catalogue {path.name} must map text keys to strings")
        twice = merged.keys() & data.keys()
        if twice:
            raise ValueError(f"catalogue {path.name} defines again: {', '.join(sorted(twice))}")
        merged.update(data)
    return merged
