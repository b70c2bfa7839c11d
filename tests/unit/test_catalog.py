"""The message catalogues: every language has every text the pages use."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from monespace_app.i18n.catalog import CATALOG_DIR, catalog, text
from monespace_app.settings import PROJECT_ROOT, SUPPORTED_LANGUAGES

SOURCE_DIRS = ("components", "monespace_app", "state")
# Keys written literally in the code, e.g. I18nState.t["home.title"] or page_title("help.title").
LITERAL_KEY = re.compile(
    r'(?:\.t\[|page_title\(|paragraph\(|primary_link_button\()f?"([a-z_.{}]+)"'
)


def _raw(language: str) -> dict[str, str]:
    data: dict[str, str] = json.loads((CATALOG_DIR / f"{language}.json").read_text("utf-8"))
    return data


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_each_language_has_exactly_the_french_keys(language: str) -> None:
    assert set(_raw(language)) == set(_raw("fr"))


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_no_text_is_empty(language: str) -> None:
    assert all(value.strip() for value in _raw(language).values())


def test_texts_are_translated_not_copied() -> None:
    french = _raw("fr")
    for language in ("nl", "de", "en"):
        assert _raw(language)["home.title"] != french["home.title"]


def test_every_key_the_code_uses_exists() -> None:
    french = _raw("fr")
    used: set[str] = set()
    for folder in SOURCE_DIRS:
        for path in Path(PROJECT_ROOT / folder).rglob("*.py"):
            used.update(LITERAL_KEY.findall(path.read_text("utf-8")))
    assert used, "the pattern found no key at all: it no longer matches the code"
    concrete = {key for key in used if "{" not in key}
    assert concrete - set(french) == set()


def test_unknown_language_and_key_are_refused() -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        catalog("es")
    with pytest.raises(KeyError, match="no text 'nope' in the fr catalogue"):
        text("fr", "nope")
