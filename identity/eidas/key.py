"""European login (eIDAS) as a digital key: another EU country's eID, through that country's
node; the level is the one the node asserts (``EIDAS_KEY.level`` is the highest it can be, which
the key chooser's step-up compares with). Nothing to enrol or remove here: the means of
identification is the person's country's, so Mes clés numériques does not list it."""

from __future__ import annotations

from sqlmodel import Session

from identity.assurance import LevelOfAssurance
from identity.key_protocol import KeyView
from identity.keys.errors import KeyNotRemovableError
from identity.keys.kinds import KeyKind
from identity.registry import KeyDescriptor, KeyGroup

EIDAS_KEY = KeyDescriptor(
    kind=KeyKind.EIDAS,
    group=KeyGroup.EIDAS,
    level=LevelOfAssurance.HIGH,
    order=0,
)


class ForeignMeansStore:
    """Nothing kept here: the person's means of identification is held by their country."""

    def view(self, db: Session, national_number: str) -> KeyView | None:
        return None

    def remove(self, db: Session, national_number: str) -> None:
        raise KeyNotRemovableError(national_number)


class EidasKey:
    descriptor = EIDAS_KEY
    store = ForeignMeansStore()
    removable = False
    wizard = None
    enrolment = None
    second_step = None
