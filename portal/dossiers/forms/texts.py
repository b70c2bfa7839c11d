"""Words written in a démarche's data file: French, with optional translations beside them.

A translatable attribute ``label = "Nom"`` may be followed by ``label_nl``, ``label_de`` and
``label_en`` in the same table; a language without its own text reads the French one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from foundation.settings import SUPPORTED_LANGUAGES

REFERENCE = "fr"
TRANSLATIONS = tuple(language for language in SUPPORTED_LANGUAGES if language != REFERENCE)


@dataclass(frozen=True, slots=True)
class Text:
    french: str
    translations: Mapping[str, str] = field(default_factory=dict)

    def in_language(self, language: str) -> str:
        """The text in ``language``, or the French one when the data has no translation."""
        return self.translations.get(language) or self.french


def translated_names(attribute: str) -> tuple[str, ...]:
    """The attribute names that may carry translations of ``attribute``: ``label_nl``..."""
    return tuple(f"{attribute}_{language}" for language in TRANSLATIONS)
