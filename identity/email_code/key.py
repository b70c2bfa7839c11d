"""The e-mail code as a digital key of the key chooser.

Level of assurance: DESIGN ranks the e-mail code "the lowest of the code keys", below the mobile
app, the SMS code and the paper token (substantial). With three levels (low, substantial, high)
the only level below substantial is LOW, the level of username + password alone: the code is sent
to a mailbox that is usually reached with a password, so it adds little beyond one.
"""

from __future__ import annotations

from identity.assurance import LevelOfAssurance
from identity.keys.kinds import KeyKind
from identity.registry import KeyDescriptor, KeyGroup

EMAIL_CODE_KEY = KeyDescriptor(
    kind=KeyKind.EMAIL_CODE, group=KeyGroup.CODE_AND_PASSWORD, level=LevelOfAssurance.LOW, order=1
)


class EmailCodeKey:
    @property
    def descriptor(self) -> KeyDescriptor:
        return EMAIL_CODE_KEY
