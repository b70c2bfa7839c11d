"""The shape of a tab's state tree, which decides what each event loads and what the state
manager keeps (Redis with several backends): Reflex loads a state with all its substates, and
the hydrate builds every state of the tree."""

from __future__ import annotations

from collections.abc import Iterator

import reflex as rx
from reflex.state import BaseState

from monespace_app.monespace_app import app
from state.i18n_state import I18nState
from state.kept_when_used import KeptWhenUsed
from state.session_state import SessionState


def the_portals_states() -> Iterator[type[BaseState]]:
    def walk(state: type[BaseState]) -> Iterator[type[BaseState]]:
        for substate in state.get_substates():
            yield substate
            yield from walk(substate)

    assert app is not None  # every page registered, and with them every state
    return (state for state in walk(rx.State) if not state.__module__.startswith("reflex"))


def test_every_state_of_the_portal_is_kept_only_once_used() -> None:
    states = list(the_portals_states())
    assert len(states) > 30
    assert [s.__name__ for s in states if not issubclass(s, KeptWhenUsed)] == []


def test_the_states_every_page_asks_for_load_alone() -> None:
    """The header's check and the language sync run on every page: a substate under either was
    loaded (and, touched, written back) on every page of every tab."""
    for state in (SessionState, I18nState):
        assert state.get_substates() == set()
        assert state.get_parent_state() is rx.State
