"""Every démarche's form (portal/dossiers/procedures/*.toml) through the form engine: each field
of each type with what people type and what they do not, and whole forms with fields missing,
unknown keys, values of the wrong type, forged steps and odd authentic sources.

Rules checked besides "no crash": a cleaned value cleans to itself (a draft reopened does not
change), a field filled from a source keeps the source's value whatever is sent, what is kept can
be stored (the dossier's JSON in SQLite), and every problem's message renders in four languages.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from bench.fuzzing.inputs import Inputs
from bench.fuzzing.target import ACCEPTED, BrokenRuleError, Target
from portal.dossiers.attachments import check_file, safe_file_name
from portal.dossiers.catalogue import AUDIENCES, UnknownProcedureError, load_catalogue
from portal.dossiers.errors import AttachmentRefusedError
from portal.dossiers.forms.display import display_value
from portal.dossiers.forms.engine import (
    check_field,
    clean,
    first_step_with_problems,
    read_only_keys,
    validate_form,
    validate_step,
    visible_fields,
)
from portal.dossiers.forms.model import Field, FieldType, Form
from portal.dossiers.forms.problems import FieldProblem
from portal.dossiers.forms.values import normalise
from portal.dossiers.records import dumped

TODAY = date(2026, 11, 22)
LANGUAGES = ("fr", "nl", "de", "en")
SEEDS: dict[FieldType, tuple[str, ...]] = {
    FieldType.TEXT: ("Dupont", "Rue de la Loi 16", "Jean-Pierre", "Université de Namur"),
    FieldType.TEXTAREA: ("Une ligne.\nUne autre ligne.", "Projet : « Été 2026 »"),
    FieldType.EMAIL: ("naima.mremi@example.be", "a@b.be", "jean-pierre.o'neil@ulb.ac.be"),
    FieldType.PHONE: ("0470 12 34 56", "+32 2 123 45 67", "0032470123456", "+33 1 23 45 67 89"),
    FieldType.NUMBER: ("38", "-5", "1 000", "0"),
    FieldType.AMOUNT: ("1 250,50", "1.250,50", "1,250.50", "12", "€ 3,5", "999999999999.99"),
    FieldType.DATE: ("2026-03-02", "02/03/2026", "2/3/2026", "1985-07-30", "29/02/2028"),
    FieldType.CHECKBOX: ("true", "false", ""),
    FieldType.IBAN: (
        "BE68 5390 0754 7034",
        "FR14 2004 1010 0505 0001 3M02 606",
        "NL91ABNA0417164300",
    ),
    FieldType.NATIONAL_NUMBER: ("85.07.30-033.28", "85073003328", "01.02.03-004.79"),
    FieldType.COMPANY_NUMBER: ("0845.059.050", "BE 0845 059 050", "845059050"),
    FieldType.POSTAL_CODE: ("1000", "4000", "1348", "6041"),
    FieldType.FILE: ("a1b2", "a1,b2", "x_-9, y", "a1,a1"),
    FieldType.CHOICE: (),
    FieldType.RADIO: (),
}
SOURCES = {
    "eid.national_number": "86031412345",
    "eid.surname": "Mremi",
    "eid.given_names": "Naïma Samira",
    "eid.first_name": "Naïma",
    "eid.birth_date": "1986-03-14",
    "eid.birth_place": "Namur",
    "eid.nationality": "Belge",
    "eid.street": "Rue de Fer 12",
    "eid.postal_code": "5000",
    "eid.municipality": "Namur",
    "company.number": "0845059050",
    "company.name": "Entreprise de test",
    "company.legal_form": "SRL",
    "company.street": "Avenue Georges Lemaître 19",
    "company.postal_code": "6041",
    "company.municipality": "Charleroi",
}
FILES = (b"%PDF-1.7\n%%EOF\n", b"\xff\xd8\xff\xe0\x00\x10JFIF", b"\x89PNG\r\n\x1a\n" + bytes(16))


def form_values(form: Form, inputs: Inputs, *, typed_share: float) -> dict[str, object]:
    """Values for a form's fields: all of them plausible (three times in ten), or each one a
    value of its type (``typed_share``), a value of a wrong type (one in twenty) or missing."""
    values: dict[str, object] = {}
    careful = inputs.chance(0.3)
    for field in form.fields:
        roll = inputs.random.random()
        if careful:
            values[field.key] = typed_value(field, inputs, careful=True)
        elif roll < typed_share:
            values[field.key] = typed_value(field, inputs)
        elif roll < typed_share + 0.05:
            values[field.key] = inputs.wrong_type()
    return values


def typed_value(field: Field, inputs: Inputs, *, careful: bool = False) -> str:
    """What lands in ``field``; ``careful``: one of the values people really type, as is, so
    that some whole forms are valid and go through every step's checks to the end."""
    seeds = SEEDS[field.type] + tuple(choice.value for choice in field.choices)
    if careful and seeds:
        return inputs.pick(seeds)
    return inputs.typed(seeds)


class _Store:
    """An in-memory SQLite table shaped like the dossier's data column: what is kept must go in."""

    def __init__(self) -> None:
        self.db = sqlite3.connect(":memory:")
        self.db.execute("create table dossier (data text not null)")

    def keep(self, values: dict[str, str]) -> None:
        try:
            self.db.execute("insert into dossier (data) values (?)", (dumped(values),))
        except (UnicodeEncodeError, sqlite3.Error) as error:
            raise BrokenRuleError(f"the kept values cannot be stored: {error}") from error
        self.db.execute("delete from dossier")


def _storable(text: str, what: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise BrokenRuleError(f"{what} is not storable text: {error}") from error


@dataclass(frozen=True)
class FieldCase:
    form: int
    field: int
    raw: str
    language: str


@dataclass(frozen=True)
class FormCase:
    form: int
    values: dict[str, object]
    sources: dict[str, str]
    step: str
    language: str


def form_targets() -> list[Target]:
    procedures = load_catalogue().all()
    forms: list[Form] = [procedure.form for procedure in procedures]
    store = _Store()

    def make_field(inputs: Inputs) -> FieldCase:
        which = inputs.integer(0, len(forms) - 1)
        index = inputs.integer(0, len(forms[which].fields) - 1)
        raw = typed_value(forms[which].fields[index], inputs)
        return FieldCase(which, index, raw, inputs.pick(LANGUAGES))

    def check_field_case(case: FieldCase) -> str:
        field = forms[case.form].fields[case.field]
        cleaned = normalise(field, case.raw)
        display_value(field, case.raw, case.language)
        if isinstance(cleaned, FieldProblem):
            cleaned.message(case.language)
            return cleaned.key
        if normalise(field, cleaned) != cleaned:
            raise BrokenRuleError(f"{field.type}: {cleaned!r} cleans to something else")
        _storable(cleaned, f"the cleaned {field.type}")
        display_value(field, cleaned, case.language)
        problem = check_field(field, case.raw, today=TODAY)
        if problem is None:
            return ACCEPTED
        problem.message(case.language)
        return problem.key

    def make_form(inputs: Inputs) -> FormCase:
        which = inputs.integer(0, len(forms) - 1)
        form = forms[which]
        values = form_values(form, inputs, typed_share=0.6)
        for _ in range(inputs.integer(0, 3) if inputs.chance(0.2) else 0):
            other = inputs.pick(inputs.pick(forms).fields).key
            values[inputs.pick((other, inputs.text(12)))] = inputs.text(20)
        sources = dict(SOURCES)
        if inputs.chance(0.3):
            for key in inputs.random.sample(sorted(SOURCES), inputs.integer(1, 4)):
                sources[key] = inputs.pick(("", inputs.mutated_text(SOURCES[key])))
        step = inputs.pick(form.step_keys) if inputs.chance(0.95) else inputs.text(10)
        return FormCase(which, values, sources, step, inputs.pick(LANGUAGES))

    def check_form_case(case: FormCase) -> str:
        form = forms[case.form]
        values = case.values  # str() of each, as the engine does with what a page sends
        kept = clean(form, values, sources=case.sources)  # type: ignore[arg-type]
        if case.step not in form.step_keys:  # a forged step: the engine's ValueError
            try:
                validate_step(form, case.step, kept, sources=case.sources, today=TODAY)
            except ValueError as refusal:
                if isinstance(refusal, UnicodeError):
                    raise
                return "ValueError (unknown step)"
            raise BrokenRuleError(f"the unknown step {case.step!r} was checked")
        step_problems = validate_step(form, case.step, kept, sources=case.sources, today=TODAY)
        found = validate_form(form, kept, sources=case.sources, today=TODAY)
        first_step_with_problems(form, found)
        for field in visible_fields(form, kept):
            display_value(field, kept.get(field.key, ""), case.language)
        for problem in (*step_problems.values(), *found.values()):
            problem.message(case.language)
        if clean(form, kept, sources=case.sources) != kept:
            raise BrokenRuleError("a kept draft cleans to something else")
        from_sources = clean(form, {}, sources=case.sources)
        for key in read_only_keys(form, case.sources):
            if key in kept and key in from_sources and kept[key] != from_sources[key]:
                raise BrokenRuleError(f"{key}: a sent value replaced the source's")
        store.keep(kept)
        first = next(iter(found.values()), None)
        return ACCEPTED if first is None else first.key

    def make_upload(inputs: Inputs) -> tuple[int, int, str, bytes]:
        file_fields = [
            (f, i)
            for f, form in enumerate(forms)
            for i, field in enumerate(form.fields)
            if field.type is FieldType.FILE
        ]
        which, index = inputs.pick(file_fields)
        name = inputs.typed(("attestation.pdf", "../../etc/passwd", "photo.JPG", "a\\b.png"))
        content = (
            inputs.raw_bytes(64)
            if inputs.chance(0.2)
            else inputs.mutated_bytes(inputs.pick(FILES), FILES)
        )
        return which, index, name, content

    def check_upload_case(case: tuple[int, int, str, bytes]) -> str:
        which, index, name, content = case
        accepted = check_file(forms[which].fields[index], name, content)
        shown = safe_file_name(name)
        if accepted.file_name != shown or "/" in shown or "\\" in shown or not shown:
            raise BrokenRuleError(f"unsafe file name kept: {shown!r}")
        if any(ord(c) < 0x20 for c in shown):
            raise BrokenRuleError(f"a control character in a kept file name: {shown!r}")
        _storable(shown, "the file name")
        return ACCEPTED

    def make_search(inputs: Inputs) -> tuple[str, str | None, str]:
        text = inputs.typed(("allocation études", "prime", "sport", "Rénovation"))
        audience = inputs.pick((None, None, "citoyens", "entreprises", inputs.text(8)))
        key = inputs.typed([procedure.key for procedure in procedures])
        return text, audience, key

    def check_search(case: tuple[str, str | None, str]) -> str:
        text, audience, key = case
        catalogue = load_catalogue()
        if audience in AUDIENCES or audience is None:
            catalogue.search(text, audience=audience)
        else:
            try:
                catalogue.search(text, audience=audience)
            except ValueError as refusal:
                if isinstance(refusal, UnicodeError):
                    raise
                return "ValueError (unknown audience)"
            raise BrokenRuleError(f"the unknown audience {audience!r} was searched")
        catalogue.get(key)
        return ACCEPTED

    return [
        Target(
            "forms.field",
            f"portal/dossiers/forms: each of the {sum(len(f.fields) for f in forms)} fields "
            f"of the {len(forms)} démarches, one value",
            weight=20,
            make=make_field,
            check=check_field_case,
        ),
        Target(
            "forms.whole_form",
            "portal/dossiers/forms/engine.py: clean, validate_step, validate_form, display",
            weight=8,
            make=make_form,
            check=check_form_case,
        ),
        Target(
            "forms.upload",
            "portal/dossiers/attachments.py, forms/uploads.py: file bytes and names",
            weight=4,
            make=make_upload,
            check=check_upload_case,
            refusals=(AttachmentRefusedError,),
        ),
        Target(
            "forms.catalogue_search",
            "portal/dossiers/catalogue.py: search words, audience, démarche key",
            weight=2,
            make=make_search,
            check=check_search,
            refusals=(UnknownProcedureError,),
        ),
    ]
