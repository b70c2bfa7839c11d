"""State classes without a browser: a fresh Reflex state tree for one tab, whose handlers are
called directly, as a websocket message (a forged one too) would call them, against a database
file of their own.

The tree is built as Reflex's in-memory state manager builds it (``State()`` is allowed under
pytest); the tab's request headers carry the session cookie, as the websocket's do.
"""

from __future__ import annotations

import asyncio
import contextvars
import inspect
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlencode

import pytest
import reflex as rx
from reflex_base.event import EventSpec
from sqlalchemy.engine import Engine

import foundation.db
from foundation.settings import get_settings
from identity.session_cookies import cookie_names
from identity.sessions import SessionCookie
from tests.unit.portal.visitors import portal_database

S = TypeVar("S", bound=rx.State)


@pytest.fixture
def engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """The portal's database for the handlers' units of work (``session_scope()``)."""
    with portal_database(tmp_path) as engine:
        monkeypatch.setattr(foundation.db, "engine", lambda: engine)
        yield engine


class Tab:
    """One browser tab: its state tree and the cookie its requests carry."""

    def __init__(self, session_id: str | None = None, cookie: str | None = None) -> None:
        self.root = rx.State(_reflex_internal_init=True)  # type: ignore[call-arg]
        if cookie is None and session_id is not None:
            signed = SessionCookie(get_settings().resolved_secret_key()).encode(session_id)
            cookie = f"{cookie_names(get_settings().public_origin).session}={signed}"
        self._router: dict[str, Any] = {"headers": {"cookie": cookie or ""}}
        self._router = self.root._update_router_vars(self._router, {})

    def open(self, path: str, **query: str) -> None:
        """The page the tab shows, with the query string of its URL (``?activation=...``)."""
        as_path = path + ("?" + urlencode(query) if query else "")
        routed = {"pathname": path, "asPath": as_path, "query": query}
        self._router = self.root._update_router_vars(routed, self._router)

    def page(self, state_class: type[S]) -> S:
        """The tab's instance of a page's state (its parents are the tree's)."""
        path = state_class.get_full_name().split(".")[1:]
        found = self.root.get_substate(path)
        assert isinstance(found, state_class)
        return found


def fire(page: rx.State, handler: str, *payload: object) -> Any:
    """Calls the page's handler by name with the payload, as a websocket message names them,
    and awaits it when it is async, as the backend's event loop would."""
    outcome = getattr(page, handler)(*payload)
    if not inspect.iscoroutine(outcome):
        return outcome
    # A loop of its own, in a thread: Playwright's sync API may hold this thread's loop. The
    # thread runs in this one's context: Reflex finds its registry of states there.
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(contextvars.copy_context().run, asyncio.run, outcome).result()


def redirect_path(outcome: object) -> str:
    """Where an ``rx.redirect`` a handler returned leads ("" for anything else)."""
    if not isinstance(outcome, EventSpec) or outcome.handler.fn.__qualname__ != "_redirect":
        return ""
    arguments = {name._js_expr: value for name, value in outcome.args}
    return str(getattr(arguments["path"], "_var_value", ""))
