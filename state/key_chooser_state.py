"""The key chooser: shows the digital keys the identity registry offers."""

import dataclasses

import reflex as rx

from identity.registry import default_registry
from monespace_app import routes


@dataclasses.dataclass
class KeyLink:
    label_key: str
    href: str


@dataclasses.dataclass
class KeyGroupView:
    title_key: str
    links: list[KeyLink]


class KeyChooserState(rx.State):
    groups: list[KeyGroupView] = []  # noqa: RUF012 - Reflex state vars are declared this way

    @rx.event
    def load(self) -> None:
        self.groups = [
            KeyGroupView(
                title_key=f"login.group.{group.value}",
                links=[KeyLink(f"key.{key.kind}", routes.key_login(key.kind)) for key in keys],
            )
            for group, keys in default_registry().grouped()
        ]

    @rx.var
    def has_keys(self) -> bool:
        return len(self.groups) > 0
