"""What a checked eIDAS assertion says of the person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from identity.assurance import LevelOfAssurance


@dataclass(frozen=True, slots=True)
class EuropeanIdentity:
    # ``DE/BE/…``: the country that identified the person, the country of the service, and the
    # identifier itself, unique and persistent for this person at services of that country.
    person_identifier: str
    family_name: str
    given_name: str
    birth_date: date
    level: LevelOfAssurance

    @property
    def country(self) -> str:
        return self.person_identifier[:2]


@dataclass(frozen=True, slots=True)
class ExpectedResponse:
    """What the portal knows of the request the answer must belong to."""

    request_id: str
    level: LevelOfAssurance
    sp_entity_id: str
    acs_url: str


class AssertionLedger(Protocol):
    """Where used assertions are remembered until they expire (the database in the portal)."""

    def spend(self, assertion_id: str, *, expires_at: datetime, now: datetime) -> None:
        """Records the assertion as used; ``EidasReplayError`` when it already was."""
        ...
