"""Forms written as the data files write them, for the engine's tests."""

from __future__ import annotations

from typing import Any

from portal.dossiers.forms.model import Field, Form
from portal.dossiers.forms.parsing import parse_form


def field_data(key: str, kind: str, **attributes: Any) -> dict[str, Any]:
    return {"key": key, "type": kind, "label": key.capitalize(), **attributes}


def one_field(kind: str, **attributes: Any) -> Field:
    return form_of(field_data("value", kind, **attributes)).field("value")


def form_of(*fields: dict[str, Any]) -> Form:
    """One step, ``main``, holding ``fields``."""
    return steps_of(("main", list(fields)))


def steps_of(*steps: tuple[str, list[dict[str, Any]]]) -> Form:
    data = {"steps": [{"key": key, "title": key, "fields": fields} for key, fields in steps]}
    return parse_form(data, origin="test.toml")
