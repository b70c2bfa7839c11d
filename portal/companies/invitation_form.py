"""The invitation wizard's form as the page holds it (seed 001 steps 11–17): what was typed, as
text, step by step. ``draft_of`` reads it into an ``InvitationDraft``; the rules on the draft are
``invitations``' checks, one per step.

Dates are typed as the seeds show them, 04/08/2016 (a browser's own date field would show the
browser's format, not always the page's language).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Protocol

from portal.companies import errors
from portal.companies.invitations import InvitationDraft, Invitee, SaveAsTemplate


class Step(StrEnum):
    COMPANY = "company"
    ROLES = "roles"
    VALIDITY = "validity"
    PERSONS = "persons"
    DETAILS = "details"
    PREVIEW = "preview"


STEPS = tuple(Step)
# 4/8/2016, 04/08/2016, 04.08.2016 or 04-08-2016: day, month, year.
_DAY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


@dataclass(frozen=True, slots=True)
class WizardForm:
    """Dates as typed (02/03/2026), "" when empty."""

    company_number: str = ""
    role_codes: tuple[str, ...] = ()
    valid_from: str = ""
    valid_until: str = ""
    unlimited: bool = True  # "Illimité": the end date typed, if any, does not count
    persons: tuple[Invitee, ...] = ()
    message: str = ""
    expires_on: str = ""
    save: bool = False  # "Sauvegarder l'invitation en vue d'une future utilisation"
    template_name: str = ""
    template_description: str = ""

    def with_person(self, person: Invitee, row: int | None = None) -> WizardForm:
        """The list with ``person`` added, or in place of the person at ``row`` (from 0)."""
        persons = list(self.persons)
        if row is None or not 0 <= row < len(persons):
            persons.append(person)
        else:
            persons[row] = person
        return replace(self, persons=tuple(persons))


def shown_day(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def parse_day(typed: str, field: str, *, required: bool) -> date | None:
    """A day typed as the page shows them (02/03/2026; ISO 2026-03-02 too); None for an empty
    optional field."""
    typed = typed.strip()
    if not typed:
        if required:
            raise errors.RequiredFieldMissingError(field, field=field)
        return None
    found = _DAY.fullmatch(typed)
    try:
        if found is None:
            return date.fromisoformat(typed)
        day, month, year = (int(part) for part in found.groups())
        return date(year, month, day)
    except ValueError:
        raise errors.DateInvalidError(typed, field=field) from None


class TypedValidity(Protocol):
    """The validity as a form holds it: the wizards', the direct assignment's, a request's."""

    @property
    def valid_from(self) -> str: ...
    @property
    def valid_until(self) -> str: ...
    @property
    def unlimited(self) -> bool: ...


def validity_of(form: TypedValidity) -> tuple[date, date | None]:
    """ "du …" required; "jusqu'au …" required unless "Illimité" (None)."""
    valid_from = parse_day(form.valid_from, "valid_from", required=True)
    assert valid_from is not None  # required
    if form.unlimited:
        return valid_from, None
    return valid_from, parse_day(form.valid_until, "valid_until", required=True)


def save_as_of(form: WizardForm) -> SaveAsTemplate | None:
    if not form.save:
        return None
    return SaveAsTemplate(form.template_name, form.template_description)


def draft_of(form: WizardForm) -> InvitationDraft:
    """The draft the services check; a date that is not one is refused beside its field."""
    valid_from, valid_until = validity_of(form)
    return InvitationDraft(
        company_number=form.company_number,
        role_codes=form.role_codes,
        valid_from=valid_from,
        valid_until=valid_until,
        persons=form.persons,
        message=form.message,
        expires_on=parse_day(form.expires_on, "expires_on", required=False),
        save_as=save_as_of(form),
    )


def _shown(day: date | None) -> str:
    return "" if day is None else shown_day(day)


def form_of(draft: InvitationDraft) -> WizardForm:
    """A draft (a new one, or a saved invitation's) as the wizard's fields show it."""
    return WizardForm(
        company_number=draft.company_number,
        role_codes=draft.role_codes,
        valid_from=_shown(draft.valid_from),
        valid_until=_shown(draft.valid_until),
        unlimited=draft.valid_until is None,
        persons=draft.persons,
        message=draft.message,
        expires_on=_shown(draft.expires_on),
        save=draft.save_as is not None,
        template_name="" if draft.save_as is None else draft.save_as.name,
        template_description="" if draft.save_as is None else draft.save_as.description,
    )
