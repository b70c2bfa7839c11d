"""Username + password as a digital key of the key chooser."""

from __future__ import annotations

from identity.assurance import LevelOfAssurance
from identity.keys.kinds import KeyKind
from identity.registry import KeyDescriptor, KeyGroup

PASSWORD_KEY = KeyDescriptor(
    kind=KeyKind.PASSWORD, group=KeyGroup.PASSWORD, level=LevelOfAssurance.LOW, order=0
)


class PasswordKey:
    @property
    def descriptor(self) -> KeyDescriptor:
        return PASSWORD_KEY
