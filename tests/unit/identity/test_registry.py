"""The registry of digital keys, grouped as the key chooser shows them."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from identity.assurance import LevelOfAssurance
from identity.key_protocol import Enrolment, KeyStore, SecondStep, Wizard
from identity.keys.records import RecordStore
from identity.registry import (
    DuplicateKeyError,
    KeyDescriptor,
    KeyGroup,
    KeyRegistry,
    UnknownKeyError,
)


@dataclass
class FakeKey:
    descriptor: KeyDescriptor
    store: KeyStore = field(default_factory=lambda: RecordStore("fake"))
    removable: bool = True
    wizard: Wizard | None = None
    enrolment: Enrolment | None = None
    second_step: SecondStep | None = None


def key(kind: str, group: KeyGroup, order: int = 0) -> FakeKey:
    return FakeKey(KeyDescriptor(kind, group, LevelOfAssurance.SUBSTANTIAL, order))


def test_groups_come_in_page_order_and_empty_groups_are_left_out() -> None:
    registry = KeyRegistry(
        [
            key("password", KeyGroup.PASSWORD),
            key("totp", KeyGroup.CODE_AND_PASSWORD, order=2),
            key("eid", KeyGroup.EID),
            key("email_code", KeyGroup.CODE_AND_PASSWORD, order=1),
        ]
    )
    grouped = registry.grouped()
    assert [group for group, _ in grouped] == [
        KeyGroup.EID,
        KeyGroup.CODE_AND_PASSWORD,
        KeyGroup.PASSWORD,
    ]
    assert [d.kind for d in grouped[1][1]] == ["email_code", "totp"]


def test_a_kind_is_registered_once() -> None:
    registry = KeyRegistry([key("eid", KeyGroup.EID)])
    with pytest.raises(DuplicateKeyError):
        registry.register(key("eid", KeyGroup.EID))


def test_unknown_kind_is_a_clear_error() -> None:
    with pytest.raises(UnknownKeyError, match="no digital key of kind 'itsme'"):
        KeyRegistry().get("itsme")


def test_levels_of_assurance_compare() -> None:
    assert LevelOfAssurance.HIGH.satisfies(LevelOfAssurance.SUBSTANTIAL)
    assert not LevelOfAssurance.LOW.satisfies(LevelOfAssurance.SUBSTANTIAL)
