"""Where a dossier lives: a person's own space (citoyen, enseignement) or a company's
professional space ("Espace professionnel — <company>")."""

from __future__ import annotations

from dataclasses import dataclass

from portal.spaces import CITIZEN, TEACHING

COMPANY = "entreprise"
PERSONAL_SPACES = (CITIZEN, TEACHING)


@dataclass(frozen=True, slots=True)
class Place:
    space: str
    company_number: str | None = None

    @property
    def is_company(self) -> bool:
        return self.company_number is not None

    @staticmethod
    def personal(space: str) -> Place:
        if space not in PERSONAL_SPACES:
            raise ValueError(f"not a personal space: {space!r}")
        return Place(space)

    @staticmethod
    def company(number: str) -> Place:
        return Place(COMPANY, number)
