"""The public list of the local registration offices (BEL) where a person without a Belgian card
registers and receives a paper token (seed 004 §3). Read from ``office_directory.toml``; the
page lists them by region, then by municipality."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DIRECTORY = Path(__file__).with_name("office_directory.toml")
# The order the page shows the regions in.
REGIONS = ("brussels", "wallonia", "flanders")


@dataclass(frozen=True, slots=True)
class Office:
    name: str
    street: str
    postcode: str
    municipality: str
    region: str  # one of REGIONS
    phone: str = ""
    hours: str = ""


def read_offices(path: Path = DIRECTORY) -> list[Office]:
    """The offices of the file, by region then municipality; ``ValueError`` when one lacks a
    field or names an unknown region (a mistake in the file, for its unit test to catch)."""
    entries = tomllib.loads(path.read_text(encoding="utf-8")).get("office", [])
    offices = []
    for entry in entries:
        try:
            office = Office(**entry)
        except TypeError as error:
            raise ValueError(f"{path.name}: {entry!r}: {error}") from None
        if office.region not in REGIONS:
            raise ValueError(f"{path.name}: unknown region {office.region!r}")
        if not all((office.name, office.street, office.postcode, office.municipality)):
            raise ValueError(f"{path.name}: {office.name!r} lacks its address")
        offices.append(office)
    return sorted(offices, key=lambda o: (REGIONS.index(o.region), o.municipality, o.name))


@cache
def registration_offices() -> list[Office]:
    return read_offices()


def offices_by_region() -> list[tuple[str, list[Office]]]:
    """The regions that have offices, in page order, each with its offices."""
    offices = registration_offices()
    return [
        (region, [o for o in offices if o.region == region])
        for region in REGIONS
        if any(o.region == region for o in offices)
    ]
