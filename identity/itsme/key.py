"""itsme as a digital key of the key chooser: a digital identity, high like the eID card."""

from __future__ import annotations

from identity.assurance import LevelOfAssurance
from identity.keys.kinds import KeyKind
from identity.registry import KeyDescriptor, KeyGroup

ITSME_KEY = KeyDescriptor(
    kind=KeyKind.ITSME, group=KeyGroup.EID, level=LevelOfAssurance.HIGH, order=1
)


class ItsmeKey:
    @property
    def descriptor(self) -> KeyDescriptor:
        return ITSME_KEY
