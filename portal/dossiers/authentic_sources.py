"""Where prefilled data come from ("fournir mes données une seule fois", seed 003): the eID
card's identity and address files for a person, the company register for a company. The portal
hands an implementation to the services; tests hand a fixed one."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol


class AuthenticSources(Protocol):
    def person(self, national_number: str) -> Mapping[str, str]:
        """``eid.*`` values from the card of that person (refused for anyone else's card)."""
        ...

    def company(self, company_number: str) -> Mapping[str, str]:
        """``company.*`` values from the register."""
        ...
