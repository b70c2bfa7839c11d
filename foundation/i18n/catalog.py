"""Loads the message catalogues (one JSON file per language) and looks texts up."""

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


def _load(language: str) -> dict[str, str]:
    data = json.loads((CATALOG_DIR / f"{language}.json").read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise ValueError(f"catalogue {language}.json must map text keys to strings")
    return data
