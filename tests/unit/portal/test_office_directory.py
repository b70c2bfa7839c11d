"""The public list of the local registration offices (seed 004 §3): read from its file, by region
then municipality; a mistake in the file is refused, not shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from portal.office_directory import REGIONS, offices_by_region, read_offices, registration_offices
from simulators.administration.seed import RECORDS_FILE


def test_the_directory_lists_the_seeds_federal_office_and_the_personas_offices() -> None:
    offices = {office.name: office for office in registration_offices()}
    federal = offices["Bureau d'enregistrement du SPF BOSA"]
    assert federal.phone.startswith("+32 (0)2 740 74 74")
    assert "8h30" in federal.hours
    # The office the demo's officer works at (simulators/administration/records.toml).
    assert "Bureau d'enregistrement local de Namur" in offices
    assert "Bureau d'enregistrement local de Namur" in RECORDS_FILE.read_text("utf-8")


def test_the_offices_come_by_region_then_municipality() -> None:
    grouped = offices_by_region()
    assert [region for region, _ in grouped] == list(REGIONS)
    for _, offices in grouped:
        assert [o.municipality for o in offices] == sorted(o.municipality for o in offices)


def test_a_mistake_in_the_file_is_refused(tmp_path: Path) -> None:
    unknown_region = tmp_path / "offices.toml"
    unknown_region.write_text(
        '[[office]]\nname = "X"\nstreet = "Y"\npostcode = "1000"\nmunicipality = "Z"\n'
        'region = "atlantis"\n',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="unknown region"):
        read_offices(unknown_region)
    no_postcode = tmp_path / "short.toml"
    no_postcode.write_text(
        '[[office]]\nname = "X"\nstreet = "Y"\nmunicipality = "Z"\nregion = "wallonia"\n',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"short\.toml"):
        read_offices(no_postcode)
