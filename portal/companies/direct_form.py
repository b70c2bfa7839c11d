"""The direct assignment's form as the page holds it (seed 001 "Adapter le rôle attribué", steps
4–11; seed 002 §4): what was chosen and typed, step by step, as text. ``draft_of`` reads it into
the ``DirectDraft`` that ``direct`` checks; dates are typed as the seeds show them (04/07/2017).

Step 1 differs with the way the person is named: members of the managed companies (their keys,
never a national number), or one national register number with the person's name and address.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from portal.companies.direct import DirectDraft
from portal.companies.gap import CompanyOption as CompanyOption  # step 2's choices
from portal.companies.invitation_form import validity_of
from portal.companies.people import Person


class DirectStep(StrEnum):
    PERSONS = "persons"
    COMPANY = "company"
    ROLES = "roles"
    VALIDITY = "validity"
    PREVIEW = "preview"


DIRECT_STEPS = tuple(DirectStep)


@dataclass(frozen=True, slots=True)
class DirectForm:
    member_keys: tuple[int, ...] = ()  # "Personnes choisies", by member key
    national_number: str = ""  # "via numéro de registre national": the person as typed
    surname: str = ""
    first_names: str = ""
    email: str = ""
    company_number: str = ""
    role_codes: tuple[str, ...] = ()
    valid_from: str = ""
    valid_until: str = ""
    unlimited: bool = True  # "Illimité": the end date typed, if any, does not count
    message: str = ""  # "Message personnel", typed on the preview


def person_of(form: DirectForm) -> Person:
    return Person(form.national_number, form.surname, form.first_names, form.email)


def draft_of(form: DirectForm) -> DirectDraft:
    """The draft the service checks; a date that is not one is refused beside its field."""
    valid_from, valid_until = validity_of(form)
    return DirectDraft(
        company_number=form.company_number,
        role_codes=form.role_codes,
        valid_from=valid_from,
        valid_until=valid_until,
        message=form.message,
    )


def companies_shown(
    managed: tuple[CompanyOption, ...],
    member_companies: tuple[str, ...],
    *,
    suggestions: bool,
    search: str = "",
) -> tuple[CompanyOption, ...]:
    """Step 2's list: "Afficher les suggestions" (the companies the chosen persons are members
    of) or "Afficher les entreprises gérées" (all), narrowed to those whose number (or name)
    holds what was typed in "Chercher un numéro d'entreprise"."""
    shown = tuple(c for c in managed if c.number in member_companies) if suggestions else managed
    needle = search.strip().lower()
    digits = needle.replace(".", "").replace(" ", "")
    if not needle:
        return shown
    return tuple(c for c in shown if (digits and digits in c.number) or needle in c.name.lower())
