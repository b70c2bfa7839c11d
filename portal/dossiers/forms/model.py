"""A démarche's form as data: steps of fields, each field with its type, rules and texts.

Every value is a string, as a page sends it; ``portal.dossiers.forms.values`` says the format of
each type once it is cleaned.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from portal.dossiers.forms.texts import Text


class FieldType(StrEnum):
    TEXT = "text"
    TEXTAREA = "textarea"
    EMAIL = "email"
    PHONE = "phone"
    NUMBER = "number"  # a whole number
    AMOUNT = "amount"  # euros and cents
    DATE = "date"
    CHOICE = "choice"  # a select
    RADIO = "radio"
    CHECKBOX = "checkbox"
    IBAN = "iban"
    NATIONAL_NUMBER = "national_number"
    COMPANY_NUMBER = "company_number"
    POSTAL_CODE = "postal_code"  # Belgian
    FILE = "file"  # attachments


CHECKED = "true"
# What a file field accepts, by the name the data files use.
MEDIA_TYPES = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    label: Text

    def label_in(self, language: str) -> str:
        return self.label.in_language(language)


@dataclass(frozen=True, slots=True)
class Condition:
    """``shown_if``: the field is shown only when another (earlier) field's value matches."""

    field: str
    equals: str | None = None
    one_of: tuple[str, ...] | None = None  # ``in`` in the data files
    checked: bool | None = None

    def holds(self, value: str) -> bool:
        if self.equals is not None:
            return value == self.equals
        if self.one_of is not None:
            return value in self.one_of
        return (value == CHECKED) is bool(self.checked)


@dataclass(frozen=True, slots=True)
class DateBound:
    """A date limit: a fixed day, or a number of days from the day the form is checked."""

    fixed: date | None = None
    days_from_today: int = 0

    def on(self, today: date) -> date:
        return self.fixed if self.fixed is not None else today + timedelta(self.days_from_today)


Bound = Decimal | DateBound


@dataclass(frozen=True, slots=True)
class Field:
    key: str
    type: FieldType
    label: Text
    help: Text | None = None
    placeholder: Text | None = None
    required: bool = False
    choices: tuple[Choice, ...] = ()
    minimum: Bound | None = None
    maximum: Bound | None = None
    max_length: int | None = None
    shown_if: Condition | None = None
    # An authentic source (``eid.surname``...): the field shows the source's value, read-only.
    source: str | None = None
    max_files: int = 1
    accept: tuple[str, ...] = ("pdf",)

    def label_in(self, language: str) -> str:
        return self.label.in_language(language)

    def help_in(self, language: str) -> str:
        return self.help.in_language(language) if self.help is not None else ""

    def placeholder_in(self, language: str) -> str:
        return self.placeholder.in_language(language) if self.placeholder is not None else ""

    def choice_label(self, value: str, language: str) -> str:
        """The label of the choice ``value``; the value itself when no choice has it."""
        for choice in self.choices:
            if choice.value == value:
                return choice.label_in(language)
        return value

    @property
    def media_types(self) -> frozenset[str]:
        """The media types a file field accepts (``application/pdf``...)."""
        return frozenset(MEDIA_TYPES[name] for name in self.accept)


@dataclass(frozen=True, slots=True)
class Step:
    key: str
    title: Text
    fields: tuple[Field, ...]

    def title_in(self, language: str) -> str:
        return self.title.in_language(language)


@dataclass(frozen=True, slots=True)
class Form:
    steps: tuple[Step, ...]

    @property
    def fields(self) -> tuple[Field, ...]:
        """Every field, in the order of the steps."""
        return tuple(field for step in self.steps for field in step.fields)

    def field(self, key: str) -> Field:
        for field in self.fields:
            if field.key == key:
                return field
        raise ValueError(f"the form has no field {key!r}")

    def step(self, key: str) -> Step:
        for step in self.steps:
            if step.key == key:
                return step
        raise ValueError(f"the form has no step {key!r}")

    @property
    def step_keys(self) -> tuple[str, ...]:
        return tuple(step.key for step in self.steps)
