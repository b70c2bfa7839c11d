"""What the state manager keeps of a tab between events (in the portal's memory, or in Redis
with several backends) stays small: the language's catalogue, the same for every tab, is not
kept with each tab, and the texts are there again once the tab's state is read back; the pages a
tab never used are not kept at all."""

from __future__ import annotations

import pickle

import reflex as rx

from foundation.i18n.catalog import catalog
from state.dossiers.catalogue_state import CatalogueState
from state.i18n_state import I18nState
from state.roles.direct_assignment_state import DirectAssignmentState
from tests.unit.state.conftest import Tab


def test_a_tab_keeps_its_language_not_the_catalogue() -> None:
    i18n = Tab().page(I18nState)
    i18n.lang = "nl"
    assert i18n.t["header.help"] == "Hulp nodig?"  # the catalogue cached on the state
    kept = pickle.dumps(i18n)
    assert len(kept) < 2_000, f"{len(kept)} bytes kept for one tab's language"
    back = pickle.loads(kept)
    assert back.lang == "nl"
    assert back.t == catalog("nl")


def test_a_page_state_a_tab_never_used_is_not_kept() -> None:
    """The hydrate builds every page's state of the tab; one still at its defaults would come
    back the same if built again, so the state manager is given nothing to write for it."""
    page = Tab().page(DirectAssignmentState)
    assert page.available_roles  # its computed vars computed, as the hydrate does
    assert page._serialize() == b""
    page.role_filter = "TVA"
    assert page._serialize() != b""


def test_a_kept_state_reset_to_its_defaults_is_written_again() -> None:
    """Once written, a state is always written: its defaults must replace what was kept (a
    logout's or a refused visit's reset)."""
    page = Tab().page(DirectAssignmentState)
    page.person_surname = "Mremi"
    back = rx.State._deserialize(data=page._serialize())
    assert isinstance(back, DirectAssignmentState)
    assert back.person_surname == "Mremi"
    back.reset()  # type: ignore[no-untyped-call]
    again = rx.State._deserialize(data=back._serialize())
    assert isinstance(again, DirectAssignmentState)
    assert again.person_surname == ""


def test_the_catalogue_keeps_its_filters_not_its_rows() -> None:
    page = Tab().page(CatalogueState)
    page.language, page.search = "fr", "études"
    assert page.rows, "the search finds the démarches"
    assert len(page._serialize()) < 1_500
