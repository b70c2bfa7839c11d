"""The calendar of role assignments: validity and expiry are days in Belgium, not UTC instants."""

from __future__ import annotations

from datetime import date, datetime

from foundation.clock import BRUSSELS
from foundation.i18n.catalog import text


def today(now: datetime) -> date:
    """The day it is in Belgium at ``now`` (at 00:30 in Brussels it is still yesterday in UTC)."""
    return now.astimezone(BRUSSELS).date()


def one_year_after(day: date) -> date:
    """The same day a year later; 29 February gives 28 February."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def shown(day: date | None) -> str:
    """A date as the seeds show it (04/08/2016); no end date reads "Illimité"."""
    return "Illimité" if day is None else day.strftime("%d/%m/%Y")


def shown_in(language: str, day: date | None) -> str:
    """``shown`` in a language: the date as it is, no end date in the language's words."""
    return text(language, "roles.unlimited") if day is None else shown(day)


def validity(language: str, starts_on: date, ends_on: date | None) -> str:
    """ "02/03/2026 - Illimité", as an e-mail in ``language`` gives a period of validity."""
    return f"{shown(starts_on)} - {shown_in(language, ends_on)}"
