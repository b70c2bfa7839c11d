"""The key chooser is built from the identity registry: each key a link, or a plain message."""

from __future__ import annotations

import json

from identity.eid.key import EidKey
from identity.registry import KeyRegistry
from monespace_app.pages.key_chooser import key_list


def rendered(registry: KeyRegistry) -> str:
    return json.dumps([component.render() for component in key_list(registry)], default=str)


def test_an_empty_registry_gives_a_message_and_no_link() -> None:
    page = rendered(KeyRegistry())
    assert "login.empty.title" in page
    assert "/connexion/" not in page


def test_each_registered_key_links_to_its_login_page_under_its_group() -> None:
    page = rendered(KeyRegistry([EidKey()]))
    assert "login.group.eid" in page
    assert "/connexion/eid" in page
    assert "login.empty.title" not in page
