"""The register's companies, read from ``companies.toml`` beside this file.

A wrong number in the file stops the simulator at start-up with the company's name, rather than
a company that the portal would then refuse as "does not exist".
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from portal.companies.company_number import format_company_number, parse_company_number
from portal.companies.national_number import parse_national_number

COMPANIES_FILE = Path(__file__).resolve().parent / "companies.toml"
STATUSES = ("active", "stopped")


class CompanyDataError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Representative:
    national_number: str
    surname: str
    first_names: str
    function: str


@dataclass(frozen=True, slots=True)
class Company:
    number: str  # 10 digits
    name: str
    legal_form: str
    street: str
    zip_code: str
    municipality: str
    status: str
    representatives: tuple[Representative, ...]

    @property
    def display_number(self) -> str:
        return format_company_number(self.number)

    def to_json(self) -> dict[str, Any]:
        """The register's API shape (see portal.companies.register for the contract)."""
        return {
            "number": self.number,
            "display_number": self.display_number,
            "name": self.name,
            "legal_form": self.legal_form,
            "address": {
                "street": self.street,
                "zip_code": self.zip_code,
                "municipality": self.municipality,
            },
            "status": self.status,
            "representatives": [
                {
                    "national_number": r.national_number,
                    "surname": r.surname,
                    "first_names": r.first_names,
                    "function": r.function,
                }
                for r in self.representatives
            ],
        }


def _company(raw: dict[str, Any]) -> Company:
    people = raw.pop("representatives", [])
    company = Company(
        **raw,
        representatives=tuple(
            Representative(**{**r, "national_number": parse_national_number(r["national_number"])})
            for r in people
        ),
    )
    if company.status not in STATUSES:
        raise ValueError(f"status must be one of {STATUSES}, not {company.status!r}")
    if not company.representatives:
        raise ValueError("a company has at least one legal representative")
    return company


def load_companies(path: Path = COMPANIES_FILE) -> dict[str, Company]:
    """The companies by their 10-digit number, in the file's order."""
    with path.open("rb") as file:
        raw_companies = tomllib.load(file).get("companies", [])
    companies: dict[str, Company] = {}
    for raw in raw_companies:
        name = raw.get("name", "?")
        try:
            number = parse_company_number(raw.pop("number"))
            company = _company({**raw, "number": number})
        # ValueError covers the number errors: CompanyNumberError and NationalNumberError.
        except (KeyError, TypeError, ValueError) as error:
            raise CompanyDataError(f"{path.name}: company {name!r}: {error}") from error
        if number in companies:
            raise CompanyDataError(f"{path.name}: company number {number} is listed twice")
        companies[number] = company
    return companies
