"""The eID card reader as a digital key of the key chooser."""

from __future__ import annotations

from identity.assurance import LevelOfAssurance
from identity.registry import KeyDescriptor, KeyGroup

EID_KEY = KeyDescriptor(kind="eid", group=KeyGroup.EID, level=LevelOfAssurance.HIGH, order=0)


class EidKey:
    @property
    def descriptor(self) -> KeyDescriptor:
        return EID_KEY
