"""The one channel from an error to the words a person reads: the catalogue.

An error class named ``FooError`` reads ``error.FooError``; a class with no text of its own reads
its nearest parent's (``FileSignatureError`` reads ``error.CardDataError``). An error about one
field of a form (``field`` attribute) or one kind of key (``key_kind``) reads
``error.FooError.<field or kind>`` first. ``{n}`` in the text is the number of tries left; any
other ``{name}`` is the error's attribute of that name (``{number}``, ``{seconds_left}``...).
Errors carry no text of their own: what a page shows is in the four catalogues, checked by a test.
"""

from __future__ import annotations

import re

from foundation.i18n.catalog import catalog

GENERIC_KEY = "error.generic"
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def error_key(error: BaseException, language: str = "fr") -> str:
    """The catalogue key of the text for ``error`` (``error.generic`` when none fits)."""
    texts = catalog(language)
    # A variant of the text: the form field at fault, or the key kind whose way out differs.
    variant = getattr(error, "field", None) or getattr(error, "key_kind", None)
    for cls in type(error).__mro__:
        if isinstance(variant, str) and f"error.{cls.__name__}.{variant}" in texts:
            return f"error.{cls.__name__}.{variant}"
        if f"error.{cls.__name__}" in texts:
            return f"error.{cls.__name__}"
    return GENERIC_KEY


def error_text(language: str, error: BaseException) -> str:
    template = catalog(language)[error_key(error, language)]
    return PLACEHOLDER.sub(lambda match: _value(error, match.group(1)), template)


def _value(error: BaseException, name: str) -> str:
    value = getattr(error, "tries_left" if name == "n" else name, "")
    return str(value) if isinstance(value, str | int) else ""
