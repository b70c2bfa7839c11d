"""Used assertions, kept in the database until they expire: any backend refuses a copy."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col

from foundation.models.eidas import EidasAssertion
from identity.eidas.errors import EidasReplayError


class SqlAssertionLedger:
    def __init__(self, db: Session) -> None:
        self._db = db

    def spend(self, assertion_id: str, *, expires_at: datetime, now: datetime) -> None:
        # Expired ones go first: their own time window refuses them now, without the table.
        self._db.exec(delete(EidasAssertion).where(col(EidasAssertion.expires_at) < now))
        try:
            with self._db.begin_nested():  # the primary key decides, also between backends
                self._db.add(EidasAssertion(assertion_id=assertion_id, expires_at=expires_at))
        except IntegrityError:
            raise EidasReplayError(f"assertion {assertion_id} already used") from None
