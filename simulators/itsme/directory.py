"""Which persona owns which itsme phone (``phones.toml`` beside this file)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from simulators.personas.loader import Persona, load_personas
from simulators.sms_gateway.numbers import PhoneNumberError, display_phone, normalise_phone

# itsme's claim for the Belgian national register number (scope "eid").
NATIONAL_NUMBER_CLAIM = "http://itsme.services/v2/claim/BENationalNumber"
PHONES_FILE = Path(__file__).resolve().parent / "phones.toml"


class PhoneDirectoryError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class ItsmePhone:
    number: str  # E.164
    persona: Persona

    @property
    def label(self) -> str:
        return f"{self.persona.display_name} ({display_phone(self.number)})"

    def claims(self) -> dict[str, str | bool]:
        """What itsme can tell a relying party about the holder once they confirm, under the
        claim names itsme uses (the national number is itsme's own claim, from the eID)."""
        return {
            "family_name": self.persona.surname,
            "given_name": self.persona.given_names,
            "name": f"{self.persona.given_names} {self.persona.surname}",
            "birthdate": self.persona.birth_date.isoformat(),
            NATIONAL_NUMBER_CLAIM: self.persona.national_number,
            "phone_number": f"+{self.number[1:3]} {self.number[3:]}",
            "phone_number_verified": True,
        }


def load_phones(path: Path = PHONES_FILE) -> dict[str, ItsmePhone]:
    """The phones by E.164 number, each with its persona; every slug must be a known persona."""
    with path.open("rb") as file:
        raw = tomllib.load(file).get("phones", {})
    personas = load_personas()
    phones: dict[str, ItsmePhone] = {}
    for number, slug in raw.items():
        try:
            normalised = normalise_phone(number)
        except PhoneNumberError as error:
            raise PhoneDirectoryError(f"{path.name}: {error}") from None
        if slug not in personas:
            raise PhoneDirectoryError(f"{path.name}: {number} belongs to unknown persona {slug!r}")
        phones[normalised] = ItsmePhone(normalised, personas[slug])
    return phones
