"""What the state manager keeps of a tab between events (in the portal's memory, or in Redis
with several backends) stays small: the language's catalogue, the same for every tab, is not
kept with each tab, and the texts are there again once the tab's state is read back."""

from __future__ import annotations

import pickle

from foundation.i18n.catalog import catalog
from state.i18n_state import I18nState
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
