"""A field's problem reads in the person's language, with its values in the text."""

from __future__ import annotations

import pytest

from foundation.i18n.catalog import catalog
from foundation.settings import SUPPORTED_LANGUAGES
from portal.dossiers.forms import problems
from portal.dossiers.forms.problems import FieldProblem


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_every_problem_has_a_text_in_every_language(language: str) -> None:
    texts = catalog(language)
    assert [key for key in problems.KEYS if key not in texts] == []


def test_a_problem_reads_in_the_language_with_its_values() -> None:
    too_early = FieldProblem(problems.TOO_EARLY, {"min": "30/11/2026"})
    assert too_early.message("fr") == "La date ne peut pas être antérieure au 30/11/2026."
    assert too_early.message("en") == "The date cannot be before 30/11/2026."
    assert "38" in FieldProblem(problems.TOO_LARGE, {"max": "38"}).message("nl")
    assert FieldProblem(problems.REQUIRED).message("de") == "Dieses Feld ist ein Pflichtfeld."
