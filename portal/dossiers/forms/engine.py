"""The form engine: which fields show, what the sources fill in, what is wrong, what is kept.

``values`` is what the page sent, field key → string; keys the form does not know are dropped,
a value of another type is read as its ``str``, a lone surrogate as U+FFFD (well_formed_text).
``sources`` is the authentic data, source name → string (``portal.dossiers.prefill`` builds it):
the dossier keeps the mapping it was started with and hands it back at every call, so a field
filled from a source always reads the source, whatever a (forged) submission says. A field whose
source has no value is an ordinary field the person fills in.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from foundation.well_formed_text import well_formed
from portal.dossiers.forms import problems
from portal.dossiers.forms.model import Field, FieldType, Form
from portal.dossiers.forms.problems import FieldProblem
from portal.dossiers.forms.values import check_limits, is_empty, normalise


def read_only_keys(form: Form, sources: Mapping[str, str]) -> frozenset[str]:
    """The fields the sources fill in: the page shows them read-only."""
    return frozenset(
        field.key
        for field in form.fields
        if field.source is not None and sources.get(field.source, "").strip()
    )


def prefill(form: Form, sources: Mapping[str, str]) -> dict[str, str]:
    """The values the sources give, field key → value, for the fields that have a source."""
    keys = read_only_keys(form, sources)
    return {
        field.key: well_formed(sources[field.source]).strip()
        for field in form.fields
        if field.key in keys and field.source is not None
    }


def effective_values(
    form: Form, values: Mapping[str, str], sources: Mapping[str, str]
) -> dict[str, str]:
    """Every field's value: the sources' for read-only fields, else the one sent ("" if none)."""
    return {
        **{field.key: well_formed(str(values.get(field.key, ""))) for field in form.fields},
        **prefill(form, sources),
    }


def is_visible(form: Form, field: Field, values: Mapping[str, str]) -> bool:
    """Shown when it has no condition, or its condition holds and the field it reads is shown."""
    condition = field.shown_if
    if condition is None:
        return True
    other = form.field(condition.field)
    raw = values.get(other.key, "")
    cleaned = normalise(other, raw)
    value = cleaned if isinstance(cleaned, str) else raw.strip()
    return condition.holds(value) and is_visible(form, other, values)


def visible_fields(
    form: Form, values: Mapping[str, str], *, step: str | None = None
) -> tuple[Field, ...]:
    """The fields shown for these values, of the whole form or of the step ``step``."""
    fields = form.step(step).fields if step is not None else form.fields
    return tuple(field for field in fields if is_visible(form, field, values))


def check_field(field: Field, value: str, *, today: date) -> FieldProblem | None:
    """What is wrong with one shown field's value, None if nothing."""
    cleaned = normalise(field, value)
    if isinstance(cleaned, FieldProblem):
        return cleaned
    if is_empty(field, cleaned):
        if not field.required:
            return None
        return FieldProblem(
            problems.MUST_CHECK if field.type is FieldType.CHECKBOX else problems.REQUIRED
        )
    return check_limits(field, cleaned, today=today)


def validate_step(
    form: Form,
    step_key: str,
    values: Mapping[str, str],
    *,
    sources: Mapping[str, str],
    today: date,
) -> dict[str, FieldProblem]:
    """The problems of the step's shown fields, field key → problem; empty when it may go on.

    Hidden fields are never checked (nor required); read-only ones hold the sources' data.
    """
    current = effective_values(form, values, sources)
    fixed = read_only_keys(form, sources)
    found: dict[str, FieldProblem] = {}
    for field in visible_fields(form, current, step=step_key):
        if field.key in fixed:
            continue
        problem = check_field(field, current[field.key], today=today)
        if problem is not None:
            found[field.key] = problem
    return found


def validate_form(
    form: Form, values: Mapping[str, str], *, sources: Mapping[str, str], today: date
) -> dict[str, FieldProblem]:
    """The problems of every step, field key → problem; empty when the form may be submitted."""
    found: dict[str, FieldProblem] = {}
    for step in form.steps:
        found |= validate_step(form, step.key, values, sources=sources, today=today)
    return found


def first_step_with_problems(form: Form, found: Mapping[str, FieldProblem]) -> str | None:
    """The step the page should open to show ``found``; None when there is nothing to show."""
    for step in form.steps:
        if any(field.key in found for field in step.fields):
            return step.key
    return None


def clean(form: Form, values: Mapping[str, str], *, sources: Mapping[str, str]) -> dict[str, str]:
    """The values to keep: shown fields only, read-only ones from the sources, each written in
    its type's format (``portal.dossiers.forms.values``). A value that is not valid is kept as
    typed, stripped, so that a draft loses nothing: check with ``validate_form`` before submitting.
    """
    current = effective_values(form, values, sources)
    kept: dict[str, str] = {}
    for field in visible_fields(form, current):
        cleaned = normalise(field, current[field.key])
        kept[field.key] = cleaned if isinstance(cleaned, str) else current[field.key].strip()
    return kept
