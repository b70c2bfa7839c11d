"""Form values that bench/fuzz_inputs.py showed could not be kept: a lone surrogate (a forged
websocket event) went through the engine into the dossier's JSON, and SQLite refused it."""

from __future__ import annotations

from portal.dossiers.forms.engine import clean
from portal.dossiers.forms.values import normalise
from tests.unit.portal.dossiers.forms.form_data import field_data, form_of

FORM = form_of(
    field_data("name", "text", required=True),
    field_data("email", "email"),
    field_data("note", "textarea"),
)


def test_a_lone_surrogate_is_kept_as_the_replacement_character() -> None:
    kept = clean(
        FORM, {"name": "Mr\ud800emi", "email": "a\udfff@b.be", "note": "\udc00"}, sources={}
    )
    assert kept == {"name": "Mr\ufffdemi", "email": "a\ufffd@b.be", "note": "\ufffd"}
    for value in kept.values():
        value.encode("utf-8")


def test_a_cleaned_value_is_storable_text() -> None:
    name = FORM.fields[0]
    assert normalise(name, " \ud800 ") == "\ufffd"
