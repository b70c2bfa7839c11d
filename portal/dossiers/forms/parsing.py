"""A form read from data (a démarche's TOML file), strictly: a mistake in the data is refused at
load time with the file and the field named, never found by a person filling the form in.

Shape: ``{"steps": [{"key", "title", "fields": [{"key", "type", "label", ...}]}]}``. A field's
attributes are ``key``, ``type``, ``label``, ``help``, ``placeholder``, ``required``,
``shown_if = {field, equals | in | checked}``, ``source``, and by type ``max_length`` (text,
textarea), ``min``/``max`` (number, amount; date: ``"today"``, ``"today+30"``, ``"today-1"`` or
an ISO date), ``choices = [{value, label}]`` (choice, radio), ``max_files`` and
``accept = ["pdf", "jpeg", "png"]`` (file). ``label``, ``help``, ``placeholder``, a step's
``title`` and a choice's ``label`` may have translations: ``label_nl``, ``label_de``,
``label_en``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from portal.dossiers.forms.model import (
    MEDIA_TYPES,
    Bound,
    Choice,
    Condition,
    DateBound,
    Field,
    FieldType,
    Form,
    Step,
)
from portal.dossiers.forms.sources import SOURCES
from portal.dossiers.forms.texts import Text, translated_names

KEY = re.compile(r"[a-z][a-z0-9_]*")
_RELATIVE_DAY = re.compile(r"today(?:([+-])([0-9]{1,5}))?")
_COMMON = frozenset({"key", "type", "required", "shown_if", "source"}) | frozenset(
    name
    for attribute in ("label", "help", "placeholder")
    for name in (attribute, *translated_names(attribute))
)
_BY_TYPE: dict[FieldType, frozenset[str]] = {
    FieldType.TEXT: frozenset({"max_length"}),
    FieldType.TEXTAREA: frozenset({"max_length"}),
    FieldType.NUMBER: frozenset({"min", "max"}),
    FieldType.AMOUNT: frozenset({"min", "max"}),
    FieldType.DATE: frozenset({"min", "max"}),
    FieldType.CHOICE: frozenset({"choices"}),
    FieldType.RADIO: frozenset({"choices"}),
    FieldType.FILE: frozenset({"max_files", "accept"}),
}


def parse_form(data: Mapping[str, Any], *, origin: str) -> Form:
    """The form ``data`` describes; ``origin`` (the file) starts every error's message."""
    only(data, {"steps"}, f"{origin}: form")
    steps_data = data.get("steps")
    if not isinstance(steps_data, list) or not steps_data:
        raise ValueError(f"{origin}: a form needs a list of steps")
    steps: list[Step] = []
    seen: dict[str, Field] = {}
    for step_data in steps_data:
        steps.append(_step(step_data, origin, seen, {step.key for step in steps}))
    return Form(tuple(steps))


def only(table: Mapping[str, Any], allowed: set[str] | frozenset[str], where: str) -> None:
    """Refuses attributes the engine does not know: a typo must not be silently ignored."""
    unknown = sorted(set(table) - set(allowed))
    if unknown:
        raise ValueError(f"{where}: unknown attribute(s) {', '.join(unknown)}")


def read_text(table: Mapping[str, Any], attribute: str, where: str) -> Text:
    """The French text ``attribute`` and its translations (``<attribute>_<language>``)."""
    text = optional_text(table, attribute, where)
    if text is None:
        raise ValueError(f"{where}: missing {attribute}")
    return text


def optional_text(table: Mapping[str, Any], attribute: str, where: str) -> Text | None:
    """Like ``read_text``, None when the table has no such attribute."""
    if attribute not in table:
        return None
    french = _string(table, attribute, where)
    translations = {
        name.rsplit("_", 1)[1]: _string(table, name, where).strip()
        for name in translated_names(attribute)
        if name in table
    }
    return Text(french.strip(), translations)


def _string(table: Mapping[str, Any], name: str, where: str) -> str:
    value = table[name]
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{where}: {name} must be a non-empty text")
    return value


def _key(table: Mapping[str, Any], where: str) -> str:
    key = table.get("key")
    if not isinstance(key, str) or KEY.fullmatch(key) is None:
        raise ValueError(f"{where}: key must be lowercase letters, digits and _ ({key!r})")
    return key


def _step(data: Any, origin: str, seen: dict[str, Field], step_keys: set[str]) -> Step:
    if not isinstance(data, dict):
        raise ValueError(f"{origin}: each step must be a table")
    key = _key(data, f"{origin}: step")
    where = f"{origin}: step {key!r}"
    if key in step_keys:
        raise ValueError(f"{where}: a step has this key already")
    only(data, {"key", "title", *translated_names("title"), "fields"}, where)
    title = read_text(data, "title", where)
    fields_data = data.get("fields")
    if not isinstance(fields_data, list) or not fields_data:
        raise ValueError(f"{where}: a step needs a list of fields")
    fields = []
    for field_data in fields_data:
        field = _field(field_data, origin, seen)
        seen[field.key] = field
        fields.append(field)
    return Step(key, title, tuple(fields))


def _field(data: Any, origin: str, seen: Mapping[str, Field]) -> Field:
    if not isinstance(data, dict):
        raise ValueError(f"{origin}: each field must be a table")
    key = _key(data, f"{origin}: field")
    where = f"{origin}: field {key!r}"
    if key in seen:
        raise ValueError(f"{where}: a field has this key already")
    try:
        kind = FieldType(str(data.get("type")))
    except ValueError:
        raise ValueError(f"{where}: unknown type {data.get('type')!r}") from None
    only(data, _COMMON | _BY_TYPE.get(kind, frozenset()), where)
    label = read_text(data, "label", where)
    required = data.get("required", False)
    if not isinstance(required, bool):
        raise ValueError(f"{where}: required must be true or false")
    field = Field(
        key=key,
        type=kind,
        label=label,
        help=optional_text(data, "help", where),
        placeholder=optional_text(data, "placeholder", where),
        required=required,
        choices=_choices(data, kind, where),
        minimum=_bound(data, "min", kind, where),
        maximum=_bound(data, "max", kind, where),
        max_length=_positive(data, "max_length", where, None),
        shown_if=_condition(data.get("shown_if"), where, seen),
        source=_source(data.get("source"), kind, where),
        max_files=_positive(data, "max_files", where, 1) or 1,
        accept=_accept(data.get("accept", ["pdf"]), where),
    )
    _check_bounds_order(field, where)
    return field


def _positive(data: Mapping[str, Any], name: str, where: str, default: int | None) -> int | None:
    value = data.get(name, default)
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise ValueError(f"{where}: {name} must be a whole number from 1")
    return value


def _choices(data: Mapping[str, Any], kind: FieldType, where: str) -> tuple[Choice, ...]:
    if kind not in (FieldType.CHOICE, FieldType.RADIO):
        return ()
    raw = data.get("choices")
    if not isinstance(raw, list) or not raw:
        raise ValueError(f"{where}: a {kind} field needs a list of choices")
    choices: list[Choice] = []
    for item in raw:
        if not isinstance(item, dict):
            raise ValueError(f"{where}: each choice must be a table with value and label")
        only(item, {"value", "label", *translated_names("label")}, f"{where}: choice")
        value = item.get("value")
        if not isinstance(value, str) or not value.strip() or value != value.strip():
            raise ValueError(f"{where}: a choice's value must be a non-empty text ({value!r})")
        if any(choice.value == value for choice in choices):
            raise ValueError(f"{where}: choice {value!r} appears twice")
        choices.append(Choice(value, read_text(item, "label", f"{where}: choice {value!r}")))
    return tuple(choices)


def _bound(data: Mapping[str, Any], name: str, kind: FieldType, where: str) -> Bound | None:
    raw = data.get(name)
    if raw is None:
        return None
    if kind is FieldType.DATE:
        return _date_bound(raw, name, where)
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise ValueError(f"{where}: {name} must be a number")
    try:
        bound = Decimal(str(raw))
    except ArithmeticError:
        raise ValueError(f"{where}: {name} must be a number ({raw!r})") from None
    if kind is FieldType.NUMBER and bound != bound.to_integral_value():
        raise ValueError(f"{where}: {name} of a number field must be a whole number")
    return bound


def _date_bound(raw: Any, name: str, where: str) -> DateBound:
    if isinstance(raw, date):
        return DateBound(fixed=raw)
    if isinstance(raw, str):
        relative = _RELATIVE_DAY.fullmatch(raw)
        if relative is not None:
            sign, days = relative.groups()
            return DateBound(days_from_today=int(days or 0) * (-1 if sign == "-" else 1))
        try:
            return DateBound(fixed=date.fromisoformat(raw))
        except ValueError:
            pass
    raise ValueError(f"{where}: {name} must be a date, 'today' or 'today+N'/'today-N' days")


def _check_bounds_order(field: Field, where: str) -> None:
    low, high = field.minimum, field.maximum
    if isinstance(low, Decimal) and isinstance(high, Decimal) and low > high:
        raise ValueError(f"{where}: min is above max")
    if isinstance(low, DateBound) and isinstance(high, DateBound):
        today = date(2000, 1, 1)  # the gap between two bounds is the same whatever the day
        if (low.fixed is None) is (high.fixed is None) and low.on(today) > high.on(today):
            raise ValueError(f"{where}: min is after max")


def _condition(raw: Any, where: str, seen: Mapping[str, Field]) -> Condition | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ValueError(f"{where}: shown_if must be a table {{field, equals | in | checked}}")
    only(raw, {"field", "equals", "in", "checked"}, f"{where}: shown_if")
    other = seen.get(raw.get("field", ""))
    if other is None:
        raise ValueError(f"{where}: shown_if must name an earlier field ({raw.get('field')!r})")
    if other.source is not None:
        # A read-only field's value comes from the source; a condition on it would let a forged
        # submission choose which fields show.
        raise ValueError(f"{where}: shown_if may not read {other.key!r}, filled from a source")
    tests = [name for name in ("equals", "in", "checked") if name in raw]
    if len(tests) != 1:
        raise ValueError(f"{where}: shown_if needs exactly one of equals, in, checked")
    if "checked" in raw:
        if other.type is not FieldType.CHECKBOX or not isinstance(raw["checked"], bool):
            raise ValueError(f"{where}: shown_if checked = true/false reads a checkbox")
        return Condition(other.key, checked=raw["checked"])
    expected = [raw["equals"]] if "equals" in raw else raw["in"]
    if not isinstance(expected, list) or not all(isinstance(v, str) for v in expected):
        raise ValueError(f"{where}: shown_if equals takes a text, in a list of texts")
    if other.choices and not set(expected) <= {choice.value for choice in other.choices}:
        raise ValueError(f"{where}: shown_if names a value {other.key!r} does not offer")
    if "equals" in raw:
        return Condition(other.key, equals=raw["equals"])
    return Condition(other.key, one_of=tuple(expected))


def _source(raw: Any, kind: FieldType, where: str) -> str | None:
    if raw is None:
        return None
    if not isinstance(raw, str) or raw not in SOURCES:
        raise ValueError(f"{where}: unknown source {raw!r}")
    if kind not in SOURCES[raw]:
        raise ValueError(f"{where}: source {raw!r} does not fit a {kind} field")
    return raw


def _accept(raw: Any, where: str) -> tuple[str, ...]:
    if (
        not isinstance(raw, Sequence)
        or isinstance(raw, str)
        or not raw
        or not all(isinstance(name, str) and name in MEDIA_TYPES for name in raw)
    ):
        raise ValueError(f"{where}: accept must list some of {', '.join(MEDIA_TYPES)}")
    return tuple(raw)
