"""axe-core checks for the end-to-end journeys."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

_AXE = Axe()


def assert_no_axe_violations(page: Page) -> None:
    results = _AXE.run(page)
    assert results.violations_count == 0, results.generate_report()
