"""itsme as a digital key: a digital identity, high like the eID card, approved on the phone on
a page of its own; nothing to enrol here (the person's itsme app is theirs)."""

from __future__ import annotations

from identity.assurance import LevelOfAssurance
from identity.keys.kinds import KeyKind
from identity.keys.records import RecordKey
from identity.registry import KeyDescriptor, KeyGroup

ITSME_KEY = KeyDescriptor(
    kind=KeyKind.ITSME,
    group=KeyGroup.EID,
    level=LevelOfAssurance.HIGH,
    order=1,
)


class ItsmeKey(RecordKey):
    def __init__(self) -> None:
        super().__init__(ITSME_KEY)
