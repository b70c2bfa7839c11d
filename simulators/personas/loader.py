"""Loads the persona files (``simulators/personas/*.toml``) into typed records."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

PERSONAS_DIR = Path(__file__).resolve().parent


class CertificateStatus(StrEnum):
    GOOD = "good"
    REVOKED = "revoked"


class PersonaError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Address:
    street: str
    zip_code: str
    municipality: str


@dataclass(frozen=True, slots=True)
class CardData:
    applet: str
    pin: str
    puk: str  # 12 digits, in the PIN letter; unblocks the PIN of an applet 1.7 card
    card_number: str
    chip_number: bytes
    valid_from: date
    valid_until: date
    issuing_municipality: str
    language: str
    certificate_status: CertificateStatus


@dataclass(frozen=True, slots=True)
class Persona:
    slug: str
    description: str
    surname: str
    given_names: str
    third_name_initial: str
    nationality: str
    birth_place: str
    birth_date: date
    sex: str
    national_number: str
    noble_condition: str
    document_type: str
    special_status: str
    email: str
    teaching_staff: bool
    card: CardData
    address: Address

    @property
    def first_name(self) -> str:
        return self.given_names.split()[0]

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.surname}"


def national_number_is_valid(number: str) -> bool:
    """Mod-97 check of a Belgian national number (a 2 is prefixed for births from 2000)."""
    if len(number) != 11 or not number.isdigit():
        return False
    body, check = int(number[:9]), int(number[9:])
    return check in (97 - body % 97, 97 - int("2" + number[:9]) % 97)


def card_number_is_valid(number: str) -> bool:
    if len(number) != 12 or not number.isdigit():
        return False
    remainder = int(number[:10]) % 97
    return int(number[10:]) == (remainder or 97)


def _persona_from(raw: dict[str, Any], source: Path) -> Persona:
    try:
        card = raw.pop("card")
        address = raw.pop("address")
        persona = Persona(
            **raw,
            card=CardData(
                **{**card, "chip_number": bytes.fromhex(card["chip_number"])}
                | {"certificate_status": CertificateStatus(card["certificate_status"])}
            ),
            address=Address(**address),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise PersonaError(f"{source.name}: {error}") from error
    if not national_number_is_valid(persona.national_number):
        raise PersonaError(f"{source.name}: national number fails the mod-97 check")
    if not card_number_is_valid(persona.card.card_number):
        raise PersonaError(f"{source.name}: card number fails the mod-97 check")
    if len(persona.card.puk) != 12 or not persona.card.puk.isdigit():
        raise PersonaError(f"{source.name}: the PUK must be 12 digits")
    if persona.slug != source.stem:
        raise PersonaError(f"{source.name}: slug must match the file name")
    return persona


@cache
def load_personas(directory: Path = PERSONAS_DIR) -> dict[str, Persona]:
    personas: dict[str, Persona] = {}
    for path in sorted(directory.glob("*.toml")):
        with path.open("rb") as file:
            persona = _persona_from(tomllib.load(file), path)
        personas[persona.slug] = persona
    return personas


def persona(slug: str) -> Persona:
    try:
        return load_personas()[slug]
    except KeyError:
        known = ", ".join(load_personas())
        raise PersonaError(f"unknown persona {slug!r} (known: {known})") from None
