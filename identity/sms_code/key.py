"""The SMS code as a digital key of the key chooser (substantial, like the mobile app)."""

from __future__ import annotations

from identity.assurance import LevelOfAssurance
from identity.keys.kinds import KeyKind
from identity.registry import KeyDescriptor, KeyGroup

SMS_CODE_KEY = KeyDescriptor(
    kind=KeyKind.SMS_CODE,
    group=KeyGroup.CODE_AND_PASSWORD,
    level=LevelOfAssurance.SUBSTANTIAL,
    order=3,
)


class SmsCodeKey:
    @property
    def descriptor(self) -> KeyDescriptor:
        return SMS_CODE_KEY
