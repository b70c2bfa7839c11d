"""A search that bench/fuzz_inputs.py found slow: one short word repeated 300,000 times took
about a minute, every word folding every démarche's texts again (the page cuts its search box
to 200 characters, but the catalogue's search is the service and holds whoever calls it)."""

from __future__ import annotations

import time

from portal.dossiers.catalogue import load_catalogue


def test_a_huge_search_of_one_repeated_word_answers_at_once() -> None:
    catalogue = load_catalogue()
    started = time.perf_counter()
    found = catalogue.search("prime " * 300_000)
    assert time.perf_counter() - started < 3.0  # was about 25 s here, 53 s for "ab "
    assert found == catalogue.search("prime")
