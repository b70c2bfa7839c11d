"""What is wrong with one field's value, as a catalogue key the page shows beside the field.

The texts are in ``foundation/i18n/catalogs/forms.<language>.json``; ``{name}`` in a text is the
problem's parameter of that name (``form.error.too_long``: ``{max}``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from foundation.i18n.catalog import text

REQUIRED = "form.error.required"
TOO_LONG = "form.error.too_long"  # {max} characters
EMAIL = "form.error.email"
PHONE = "form.error.phone"
NUMBER = "form.error.number"
AMOUNT = "form.error.amount"
TOO_SMALL = "form.error.too_small"  # {min}
TOO_LARGE = "form.error.too_large"  # {max}
DATE_FORMAT = "form.error.date_format"
TOO_EARLY = "form.error.too_early"  # {min}, a date written DD/MM/YYYY
TOO_LATE = "form.error.too_late"  # {max}, a date written DD/MM/YYYY
CHOICE = "form.error.choice"
CHECKBOX = "form.error.checkbox"
MUST_CHECK = "form.error.must_check"
IBAN = "form.error.iban"
NATIONAL_NUMBER = "form.error.national_number"
COMPANY_NUMBER = "form.error.company_number"
POSTAL_CODE = "form.error.postal_code"
FILES = "form.error.files"
TOO_MANY_FILES = "form.error.too_many_files"  # {max}
FILE_TYPE = "form.error.file_type"  # {accept}: "PDF, JPEG"
FILE_TOO_LARGE = "form.error.file_too_large"  # {max} megabytes
FILE_EMPTY = "form.error.file_empty"

KEYS = (
    REQUIRED,
    TOO_LONG,
    EMAIL,
    PHONE,
    NUMBER,
    AMOUNT,
    TOO_SMALL,
    TOO_LARGE,
    DATE_FORMAT,
    TOO_EARLY,
    TOO_LATE,
    CHOICE,
    CHECKBOX,
    MUST_CHECK,
    IBAN,
    NATIONAL_NUMBER,
    COMPANY_NUMBER,
    POSTAL_CODE,
    FILES,
    TOO_MANY_FILES,
    FILE_TYPE,
    FILE_TOO_LARGE,
    FILE_EMPTY,
)


@dataclass(frozen=True, slots=True)
class FieldProblem:
    key: str
    params: Mapping[str, str] = field(default_factory=dict)

    def message(self, language: str) -> str:
        """The words the page shows beside the field, in ``language``."""
        return text(language, self.key).format_map(dict(self.params))
