"""A person a role is given to or asked for: named by national register number, with the name and
the address the e-mails go to. The direct assignment "via numéro de registre national", a role
administrator, what the portal knows of a number and the members chosen are all this one shape,
checked once; ``assignments_for`` makes their assignment rows the same way for every path."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from foundation.models.companies import AssignmentStatus, RoleAssignment
from portal.companies.checks import checked_email, required_text
from portal.companies.national_number import parse_national_number


@dataclass(frozen=True, slots=True)
class Person:
    national_number: str  # as typed (dots and dashes allowed) until checked: 11 digits
    surname: str
    first_names: str
    email: str


def checked_person(person: Person) -> Person:
    """The address first, then the national number's check digits, then the names."""
    email = checked_email(person.email)
    return Person(
        national_number=parse_national_number(person.national_number),
        surname=required_text(person.surname, "surname"),
        first_names=required_text(person.first_names, "first_names"),
        email=email,
    )


def assignments_for(
    people: tuple[Person, ...],
    role_codes: tuple[str, ...],
    *,
    company_number: str,
    starts_on: date,
    ends_on: date | None,
    status: AssignmentStatus,
    now: datetime,
    **more: Any,
) -> list[RoleAssignment]:
    """One row per person and role, in that order; ``more``: the path's own columns (who
    decided, the invitation accepted)."""
    return [
        RoleAssignment(
            company_number=company_number,
            role_code=code,
            national_number=person.national_number,
            surname=person.surname,
            first_names=person.first_names,
            email=person.email,
            starts_on=starts_on,
            ends_on=ends_on,
            status=status,
            requested_at=now,
            **more,
        )
        for person in people
        for code in role_codes
    ]
