"""The authentic sources of a form, built from what the portal already holds: the eID card's
identity and address files, the account's identity (read from the card at first login), the
company register. Names are those of ``portal.dossiers.forms.sources.SOURCES``; values are in
the cleaned formats of the fields they fill (dates ISO, numbers as digits)."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from identity.eid.identity_file import Address, Identity


class CompanyDetails(Protocol):
    """What the register says of a company: ``portal.companies.register.RegisteredCompany``,
    or the company row the portal keeps when it is registered (``foundation.models.companies``)."""

    @property
    def number(self) -> str: ...  # 10 digits
    @property
    def name(self) -> str: ...
    @property
    def legal_form(self) -> str: ...
    @property
    def street(self) -> str: ...
    @property
    def zip_code(self) -> str: ...
    @property
    def municipality(self) -> str: ...


def person_sources(
    *, national_number: str, surname: str, given_names: str, birth_date: date
) -> dict[str, str]:
    """The identity part, from the account (the card's identity, kept at first login)."""
    return {
        "eid.national_number": national_number,
        "eid.surname": surname,
        "eid.given_names": given_names,
        "eid.first_name": given_names.split(" ")[0] if given_names else "",
        "eid.birth_date": birth_date.isoformat(),
    }


def eid_sources(identity: Identity, address: Address | None) -> dict[str, str]:
    """Everything the card's identity file, and its address file when read, give a form."""
    sources = person_sources(
        national_number=identity.national_number,
        surname=identity.surname,
        given_names=identity.given_names,
        birth_date=identity.birth_date,
    )
    sources["eid.birth_place"] = identity.birth_place
    sources["eid.nationality"] = identity.nationality
    if address is not None:
        sources["eid.street"] = address.street
        sources["eid.postal_code"] = address.zip_code
        sources["eid.municipality"] = address.municipality
    return sources


def company_sources(company: CompanyDetails) -> dict[str, str]:
    """What the company register says of the company the person acts for."""
    return {
        "company.number": company.number,
        "company.name": company.name,
        "company.legal_form": company.legal_form,
        "company.street": company.street,
        "company.postal_code": company.zip_code,
        "company.municipality": company.municipality,
    }
