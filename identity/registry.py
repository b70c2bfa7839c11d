"""The registry of digital keys: maps a key kind to its implementation.

The key chooser lists what is registered here, grouped as on the federal login page; nothing
branches on key names elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from identity.assurance import LevelOfAssurance


class KeyGroup(StrEnum):
    """The groups of the key chooser, in the order the page shows them."""

    EID = "eid"
    CODE_AND_PASSWORD = "code"  # noqa: S105 - a group name, not a secret
    PASSWORD = "password"  # noqa: S105 - a group name, not a secret
    EIDAS = "eidas"


@dataclass(frozen=True, slots=True)
class KeyDescriptor:
    kind: str
    group: KeyGroup
    level: LevelOfAssurance
    order: int = 0


class DigitalKey(Protocol):
    """What every digital key offers the portal (enrolment and verification live beside it)."""

    @property
    def descriptor(self) -> KeyDescriptor: ...


class DuplicateKeyError(ValueError):
    pass


class UnknownKeyError(LookupError):
    pass


class KeyRegistry:
    def __init__(self, keys: Iterable[DigitalKey] = ()) -> None:
        self._keys: dict[str, DigitalKey] = {}
        for key in keys:
            self.register(key)

    def register(self, key: DigitalKey) -> None:
        kind = key.descriptor.kind
        if kind in self._keys:
            raise DuplicateKeyError(f"a key of kind {kind!r} is already registered")
        self._keys[kind] = key

    def get(self, kind: str) -> DigitalKey:
        try:
            return self._keys[kind]
        except KeyError:
            raise UnknownKeyError(f"no digital key of kind {kind!r}") from None

    def grouped(self) -> list[tuple[KeyGroup, list[KeyDescriptor]]]:
        """Non-empty groups in page order, keys sorted within each group."""
        groups: list[tuple[KeyGroup, list[KeyDescriptor]]] = []
        for group in KeyGroup:
            members = sorted(
                (k.descriptor for k in self._keys.values() if k.descriptor.group is group),
                key=lambda d: (d.order, d.kind),
            )
            if members:
                groups.append((group, members))
        return groups

    def __len__(self) -> int:
        return len(self._keys)


def default_registry() -> KeyRegistry:
    """The keys this portal offers. Each key package registers itself here as it is built."""
    # Imported here, not at the top: each key module imports this one.
    from identity.eid.key import EidKey
    from identity.email_code.key import EmailCodeKey
    from identity.itsme.key import ItsmeKey
    from identity.paper_token.key import PaperTokenKey
    from identity.password.key import PasswordKey
    from identity.sms_code.key import SmsCodeKey
    from identity.totp.key import TotpKey

    return KeyRegistry(
        [
            EidKey(),
            ItsmeKey(),
            EmailCodeKey(),
            TotpKey(),
            SmsCodeKey(),
            PaperTokenKey(),
            PasswordKey(),
        ]
    )
