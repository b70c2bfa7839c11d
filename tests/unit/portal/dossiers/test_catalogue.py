"""The catalogue of démarches: read from one file per démarche, searched, offered per space."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from foundation.i18n.error_messages import error_text
from portal.dossiers.catalogue import (
    AUDIENCES,
    PROCEDURES_DIR,
    Procedure,
    UnknownProcedureError,
    load_catalogue,
    read_catalogue,
)
from portal.dossiers.forms.engine import clean, read_only_keys, validate_form
from portal.dossiers.forms.model import DateBound, Field, FieldType
from portal.dossiers.prefill import company_sources, eid_sources
from tests.unit.portal.dossiers.card_and_company import CARD, HOME, REGISTERED

TODAY = date(2026, 11, 30)
SOURCES = eid_sources(CARD, HOME) | company_sources(REGISTERED)
CATALOGUE = load_catalogue()
MINIMAL = """
audience = "citoyens"
title = "Permis de pêche"
summary = "Obtenir un permis de pêche en Wallonie."
who = "Toute personne de plus de 14 ans."
needed = ["Carte d'identité électronique (eID) et son code PIN"]
spaces = ["citoyen"]

[[steps]]
key = "fishing"
title = "Permis"

[[steps.fields]]
key = "water"
type = "text"
label = "Cours d'eau"
required = true
"""


def test_the_catalogue_has_demarches_for_every_audience() -> None:
    everything = CATALOGUE.all()
    assert len(everything) >= 13
    per_audience = Counter(procedure.audience for procedure in everything)
    assert all(per_audience[audience] >= 4 for audience in AUDIENCES)
    assert [p.audience for p in everything] == sorted(
        (p.audience for p in everything), key=AUDIENCES.index
    )


def test_the_forms_use_every_field_type() -> None:
    used = {field.type for procedure in CATALOGUE.all() for field in procedure.form.fields}
    assert used == set(FieldType)


def test_ape_sesam_is_prefilled_from_the_company_register_read_only() -> None:
    ape = CATALOGUE.get("ape-sesam")
    assert ape.title_in("fr") == "Aides à la promotion de l'emploi — SESAM"
    assert ape.audience == "entreprises"
    assert ape.spaces == ("entreprise",)
    assert ape.reads_company_register
    sourced = {f.key: f.source for f in ape.form.fields if f.source is not None}
    assert sourced == {
        "company_number": "company.number",
        "company_name": "company.name",
        "legal_form": "company.legal_form",
        "street": "company.street",
        "postal_code": "company.postal_code",
        "municipality": "company.municipality",
    }
    assert read_only_keys(ape.form, SOURCES) == set(sourced)
    hiring = ape.form.field("hiring_date")
    assert hiring.minimum == DateBound(days_from_today=0)
    hours = ape.form.field("weekly_hours")
    assert (str(hours.minimum), str(hours.maximum)) == ("1", "38")
    assert ape.form.field("first_job_start").shown_if is not None


def test_the_student_grant_reads_the_card_and_wants_the_enrolment_certificate() -> None:
    grant = CATALOGUE.get("allocation-etudes")
    assert {"surname", "given_names", "birth_date", "street", "postal_code"} <= read_only_keys(
        grant.form, SOURCES
    )
    certificate = grant.form.field("enrolment_certificate")
    assert certificate.required
    assert certificate.accept == ("pdf",)
    assert "Carte d'identité électronique (eID) et son code PIN" in grant.needed_in("fr")
    assert grant.administration_in("fr") == "Direction des allocations et prêts d'études"


def _sample(field: Field, today: date) -> str:
    """A value a careful person would type in ``field``."""
    low = field.minimum.on(today) if isinstance(field.minimum, DateBound) else None
    high = field.maximum.on(today) if isinstance(field.maximum, DateBound) else None
    samples = {
        FieldType.TEXT: "Texte",
        FieldType.TEXTAREA: "Un texte\nsur deux lignes",
        FieldType.EMAIL: "naima.mremi@exemple.be",
        FieldType.PHONE: "081 12 34 56",
        FieldType.NUMBER: str(field.minimum if field.minimum is not None else 1),
        FieldType.AMOUNT: str(field.minimum if field.minimum is not None else "1250,50"),
        FieldType.DATE: (low or high or today).strftime("%d/%m/%Y"),
        FieldType.CHOICE: field.choices[0].value if field.choices else "",
        FieldType.RADIO: field.choices[-1].value if field.choices else "",
        FieldType.CHECKBOX: "true",
        FieldType.IBAN: "BE68 5390 0754 7034",
        FieldType.NATIONAL_NUMBER: "85.07.30-033.28",
        FieldType.COMPANY_NUMBER: "0845.059.050",
        FieldType.POSTAL_CODE: "5000",
        FieldType.FILE: "att1",
    }
    return samples[field.type]


@pytest.mark.parametrize("procedure", CATALOGUE.all(), ids=lambda p: p.key)
def test_every_demarche_can_be_filled_in_end_to_end(procedure: Procedure) -> None:
    values = {field.key: _sample(field, TODAY) for field in procedure.form.fields}
    assert validate_form(procedure.form, values, sources=SOURCES, today=TODAY) == {}
    kept = clean(procedure.form, values, sources=SOURCES)
    assert all(kept[f.key] for f in procedure.form.fields if f.required and f.key in kept)


@pytest.mark.parametrize("procedure", CATALOGUE.all(), ids=lambda p: p.key)
def test_an_empty_demarche_asks_for_what_the_person_must_give(procedure: Procedure) -> None:
    found = validate_form(procedure.form, {}, sources=SOURCES, today=TODAY)
    assert found, "every démarche asks for something"
    assert not set(found) & read_only_keys(procedure.form, SOURCES)


def test_search_ignores_accents_and_case() -> None:
    assert "allocation-etudes" in [p.key for p in CATALOGUE.search("etudes")]
    assert "allocation-etudes" in [p.key for p in CATALOGUE.search("ALLOCATION Études")]
    assert [p.key for p in CATALOGUE.search("sesam emploi")] == ["ape-sesam"]
    assert CATALOGUE.search("aucune démarche ne parle de licornes") == ()


def test_search_reads_the_translated_titles_and_filters_by_audience() -> None:
    assert [p.key for p in CATALOGUE.search("studietoelage")] == ["allocation-etudes"]
    sport = CATALOGUE.search("subvention", audience="non-marchand")
    assert "subvention-sport" in [p.key for p in sport]
    assert all(p.audience == "non-marchand" for p in sport)
    assert len(CATALOGUE.search("", audience="entreprises")) >= 4
    with pytest.raises(ValueError, match="unknown audience"):
        CATALOGUE.search("", audience="touristes")


def test_each_space_offers_its_demarches() -> None:
    citizen = [p.key for p in CATALOGUE.for_space("citoyen")]
    teaching = [p.key for p in CATALOGUE.for_space("enseignement")]
    company = [p.key for p in CATALOGUE.for_space("entreprise")]
    assert "allocation-etudes" in citizen
    assert "ape-sesam" not in citizen
    assert "interruption-carriere" in teaching
    assert {"ape-sesam", "subvention-sport"} <= set(company)
    assert all(not p.reads_company_register for p in CATALOGUE.for_space("citoyen"))
    with pytest.raises(ValueError, match="unknown space"):
        CATALOGUE.for_space("nulle-part")


def test_an_unknown_key_says_so_in_the_persons_language() -> None:
    with pytest.raises(UnknownProcedureError) as refused:
        CATALOGUE.get("permis-de-voler")
    assert refused.value.key == "permis-de-voler"
    assert "« permis-de-voler » n'existe pas" in error_text("fr", refused.value)


def test_the_catalogue_is_read_once() -> None:
    assert load_catalogue() is CATALOGUE
    assert {p.key for p in read_catalogue(PROCEDURES_DIR).all()} == {p.key for p in CATALOGUE.all()}


def test_a_file_dropped_in_the_folder_is_a_new_demarche(tmp_path: Path) -> None:
    (tmp_path / "permis-peche.toml").write_text(MINIMAL, "utf-8")
    fishing = read_catalogue(tmp_path).get("permis-peche")
    assert fishing.title_in("en") == "Permis de pêche"
    assert fishing.form.step_keys == ("fishing",)
    assert [p.key for p in read_catalogue(tmp_path).search("pêche")] == ["permis-peche"]


@pytest.mark.parametrize(
    ("name", "text", "fragment"),
    [
        ("Permis.toml", MINIMAL, "a file name is lowercase letters"),
        ("a.toml", MINIMAL.replace('"citoyens"', '"touristes"'), "audience must be one of"),
        ("a.toml", MINIMAL.replace('["citoyen"]', '["mairie"]'), "spaces must list some of"),
        ("a.toml", MINIMAL.replace('who = "', 'qui = "'), "unknown attribute(s) qui"),
        ("a.toml", MINIMAL.replace('type = "text"', 'type = "slider"'), "unknown type 'slider'"),
        ("a.toml", MINIMAL.replace('label = "Cours', 'libelle = "Cours'), "field 'water'"),
        ("a.toml", MINIMAL.replace("needed = [", "needed_nl = []\nneeded = ["), "needed_nl"),
        ("a.toml", MINIMAL + "\n[[[", "not valid TOML"),
        (
            "a.toml",
            MINIMAL + 'source = "company.name"\n',
            "a form reading company.* sources starts in 'entreprise' only",
        ),
    ],
)
def test_a_bad_file_is_refused_naming_it(
    tmp_path: Path, name: str, text: str, fragment: str
) -> None:
    (tmp_path / name).write_text(text, "utf-8")
    with pytest.raises(ValueError, match=rf"^{tmp_path.name}/{name}") as refused:
        read_catalogue(tmp_path)
    assert fragment in str(refused.value)
