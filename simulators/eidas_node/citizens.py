"""The simulated network's countries and their citizens, read from ``citizens.toml``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from identity.assurance import LevelOfAssurance

CITIZENS_FILE = Path(__file__).with_name("citizens.toml")
LEVELS = {"substantial": LevelOfAssurance.SUBSTANTIAL, "high": LevelOfAssurance.HIGH}
LEVEL_NAMES = {  # in French, as the node's and the trainers' pages speak
    LevelOfAssurance.LOW: "faible",
    LevelOfAssurance.SUBSTANTIAL: "substantiel",
    LevelOfAssurance.HIGH: "élevé",
}


@dataclass(frozen=True, slots=True)
class Citizen:
    slug: str
    family_name: str
    given_name: str
    birth_date: date
    person_identifier: str
    level: LevelOfAssurance

    @property
    def display_name(self) -> str:
        return f"{self.given_name} {self.family_name}"


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name: str  # in French, as the node's pages speak
    native_name: str
    service: str  # the country's means of identification
    citizens: tuple[Citizen, ...]

    def citizen(self, slug: str) -> Citizen | None:
        return next((c for c in self.citizens if c.slug == slug), None)


def load_countries(path: Path = CITIZENS_FILE) -> dict[str, Country]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    countries: dict[str, Country] = {}
    for entry in data["country"]:
        citizens = tuple(
            Citizen(
                slug=p["slug"],
                family_name=p["family_name"],
                given_name=p["given_name"],
                birth_date=p["birth_date"],
                person_identifier=p["person_identifier"],
                level=LEVELS[p["level"]],
            )
            for p in entry["persona"]
        )
        countries[entry["code"]] = Country(
            entry["code"], entry["name"], entry["native_name"], entry["service"], citizens
        )
    return countries
