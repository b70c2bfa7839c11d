"""The pages each digital key brings, registered from the key registry: the shared login page of
the keys that log in with username + password, and the activation wizard of those activated from
Mes clés numériques. A key with a page of its own (the eID reader, itsme) is added beside it."""

from __future__ import annotations

from functools import partial

import reflex as rx

from foundation import routes
from identity.key_protocol import LoginPage
from identity.registry import KeyRegistry
from monespace_app.pages.code_login import code_login_page
from monespace_app.pages.key_activation import key_activation_page
from state.code_login_state import CodeLoginState
from state.key_activation_state import KeyActivationState


def add_key_pages(app: rx.App, registry: KeyRegistry, *, site_title: str) -> None:
    for key in registry.ordered():
        kind = key.descriptor.kind
        if key.descriptor.login_page is LoginPage.CODE:
            app.add_page(
                partial(code_login_page, kind, asks_code=key.second_step is not None),
                route=routes.key_login(kind),
                title=f"S'identifier — {site_title}",
                on_load=CodeLoginState.load(kind),
            )
        if key.wizard is not None:
            app.add_page(
                partial(key_activation_page, key.wizard),
                route=routes.key_activation(kind),
                title=f"Mes clés numériques — {site_title}",
                on_load=KeyActivationState.load(kind),
            )
