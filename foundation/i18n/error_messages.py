"""Messages for errors raised below the pages, in the reader's language.

An error class named ``FooError`` reads ``error.FooError`` (for the card: ``eid.error.FooError``)
from the catalogue; an error about one field of a form (``field`` attribute) or about one kind
of key (``key_kind``) reads ``error.FooError.<field or kind>`` first. ``{n}`` in that text is
the number of tries left, and any other ``{name}`` is the error's attribute of that name
(``{number}``, ``{seconds_left}``...). Errors without a catalogue entry fall back to the French
``user_message`` they carry.
"""

from __future__ import annotations

import re

from foundation.i18n.catalog import catalog

GENERIC_KEY = "error.generic"
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def error_text(language: str, error: BaseException) -> str:
    texts = catalog(language)
    name = type(error).__name__
    # A variant of the text: the form field at fault, or the key kind whose way out differs.
    field = getattr(error, "field", None) or getattr(error, "key_kind", None)
    template = (
        (texts.get(f"error.{name}.{field}") if isinstance(field, str) else None)
        or texts.get(f"error.{name}")
        or texts.get(f"eid.error.{name}")
    )
    if template is None:
        return str(getattr(error, "user_message", "")) or texts[GENERIC_KEY]
    return PLACEHOLDER.sub(lambda match: _value(error, match.group(1)), template)


def _value(error: BaseException, name: str) -> str:
    value = getattr(error, "tries_left" if name == "n" else name, "")
    return str(value) if isinstance(value, str | int) else ""
