"""Messages for errors raised below the pages, in the reader's language.

An error class named ``FooError`` reads ``error.FooError`` (for the card: ``eid.error.FooError``)
from the catalogue; ``{n}`` in that text is the number of tries left. Errors without a catalogue
entry fall back to the French ``user_message`` they carry.
"""

from __future__ import annotations

from monespace_app.i18n.catalog import catalog

GENERIC_KEY = "error.generic"


def error_text(language: str, error: BaseException) -> str:
    texts = catalog(language)
    name = type(error).__name__
    template = texts.get(f"error.{name}") or texts.get(f"eid.error.{name}")
    if template is None:
        template = str(getattr(error, "user_message", "")) or texts[GENERIC_KEY]
    return template.replace("{n}", str(getattr(error, "tries_left", "")))
