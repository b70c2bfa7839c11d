"""The paper token as a digital key of the key chooser (substantial), for people without a
Belgian card."""

from __future__ import annotations

from identity.assurance import LevelOfAssurance
from identity.keys.kinds import KeyKind
from identity.registry import KeyDescriptor, KeyGroup

PAPER_TOKEN_KEY = KeyDescriptor(
    kind=KeyKind.PAPER_TOKEN,
    group=KeyGroup.CODE_AND_PASSWORD,
    level=LevelOfAssurance.SUBSTANTIAL,
    order=4,
)


class PaperTokenKey:
    @property
    def descriptor(self) -> KeyDescriptor:
        return PAPER_TOKEN_KEY
