"""The simulated foreign eIDAS node: its citizens, for logging in with a European persona
(``portal.log_in_european``) or choosing one to check a page against."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from monespace_testing._http import JsonService


@dataclass(frozen=True, slots=True)
class EuropeanCitizen:
    slug: str  # "lena-schneider"
    name: str  # "Lena Schneider", as the node's login page and the portal's header show it
    family_name: str
    given_name: str
    birth_date: str  # ISO
    person_identifier: str  # "DE/BE/…"
    level: str  # "substantial" or "high"
    country: str  # "DE"
    country_name: str  # "Allemagne"

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EuropeanCitizen:
        return cls(**{f.name: str(data[f.name]) for f in fields(cls)})


class EidasNode:
    """The node's citizens (``lena-schneider`` and ``jonas-weber`` in Germany, two each in
    France, the Netherlands and Italy; ``citizens()`` lists them) and its page."""

    def __init__(self, url: str, *, option: str = "--monespace-eidas-node-url") -> None:
        self._service = JsonService(url, name="eIDAS node simulator", option=option)
        self._citizens = [EuropeanCitizen.from_json(c) for c in self._service.get("/api/citizens")]

    @property
    def url(self) -> str:
        """The node's page: its countries and citizens (its metadata at ``/metadata``)."""
        return self._service.url

    def citizens(self, country: str | None = None) -> list[EuropeanCitizen]:
        """Every citizen the node knows (of ``country``, "DE", when given)."""
        return [c for c in self._citizens if country is None or c.country == country]

    def citizen(self, slug: str) -> EuropeanCitizen:
        for citizen in self._citizens:
            if citizen.slug == slug:
                return citizen
        known = ", ".join(c.slug for c in self._citizens)
        raise AssertionError(f"the eIDAS node knows no citizen {slug!r} (it knows {known})")
