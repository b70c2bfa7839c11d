"""The registry of digital keys: maps a key kind to the key, which carries its whole behaviour.

The key chooser, the login pages, Mes clés numériques and the services ask it (the protocol is in
``identity.key_protocol``); nothing branches on key names elsewhere. Adding a key is one package
``identity/<key>/`` implementing ``DigitalKey`` and one line in ``default_registry``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Protocol

from identity.assurance import LevelOfAssurance
from identity.key_protocol import Enrolment, KeyStore, LoginPage, SecondStep, Wizard


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
    login_page: LoginPage = LoginPage.OWN


class DigitalKey(Protocol):
    """What every digital key offers the portal."""

    @property
    def descriptor(self) -> KeyDescriptor: ...

    @property
    def store(self) -> KeyStore: ...

    @property
    def removable(self) -> bool: ...

    @property
    def wizard(self) -> Wizard | None:
        """The activation wizard of Mes clés numériques; None when the key is not activated
        there (the eID needs none, itsme is its own app, the paper token comes from an office)."""
        ...

    @property
    def enrolment(self) -> Enrolment | None: ...

    @property
    def second_step(self) -> SecondStep | None:
        """The code asked for after username + password; None for the keys that ask none."""
        ...


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

    def ordered(self) -> list[DigitalKey]:
        """Every key in the order of the key chooser."""
        return [self._keys[d.kind] for _, group in self.grouped() for d in group]

    def __len__(self) -> int:
        return len(self._keys)


@cache  # built once: every login asks it for the key's level
def default_registry() -> KeyRegistry:
    """The keys this portal offers: one line per key."""
    # Imported here, not at the top: each key module imports this one.
    from identity.eid.key import EidKey
    from identity.eidas.key import EidasKey
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
            EidasKey(),
        ]
    )


def level_of(kind: str, registry: KeyRegistry | None = None) -> LevelOfAssurance:
    """The level of assurance a login with that key gives."""
    return or_default(registry).get(kind).descriptor.level


def or_default(registry: KeyRegistry | None) -> KeyRegistry:
    """The registry a caller was given (a test's), else the portal's."""
    return registry if registry is not None else default_registry()
