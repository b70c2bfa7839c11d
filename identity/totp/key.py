"""The authenticator app (TOTP) as a digital key of the key chooser."""

from __future__ import annotations

from identity.assurance import LevelOfAssurance
from identity.keys.kinds import KeyKind
from identity.registry import KeyDescriptor, KeyGroup

TOTP_KEY = KeyDescriptor(
    kind=KeyKind.TOTP, group=KeyGroup.CODE_AND_PASSWORD, level=LevelOfAssurance.SUBSTANTIAL, order=2
)


class TotpKey:
    @property
    def descriptor(self) -> KeyDescriptor:
        return TOTP_KEY
