"""Password spraying from one address (#13): after the address's failures of the window, the
login page refuses with "Trop de tentatives. Réessayez dans N minutes." and keeps what was
typed; another address is not held back.

The guesser stands for another client than the rest of the suite: the portal trusts one proxy
hop in the e2e set-up, so the guesser's browser sends X-Forwarded-For (a real client cannot,
with the default of no trusted proxy: tests/unit/portal/login/test_login_throttling.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session

from e2e.database import portal_engine
from e2e.steps import checked, credentials_step
from foundation.clock import utc_now
from foundation.settings import Settings
from identity.throttling import Step, begin_attempt, throttle_store

pytestmark = pytest.mark.e2e

GUESSER = "192.0.2.77"
PER_ADDRESS = Settings().login_failures_per_address  # the portal runs with the default: 30
REFUSED = "Trop de tentatives. Réessayez dans 15 minutes."


@pytest.fixture
def guesser_page(browser: Browser, browser_context_args: dict[str, Any]) -> Iterator[Page]:
    context = browser.new_context(
        **browser_context_args, extra_http_headers={"X-Forwarded-For": GUESSER}
    )
    yield context.new_page()
    context.close()


def failed_before(data_dir: Path, count: int) -> None:
    """The guesser's earlier failures, counted the way the password step counts them."""
    with Session(portal_engine(data_dir)) as db:
        for _ in range(count):
            begin_attempt(throttle_store(db), Step.PASSWORD, address=GUESSER, now=utc_now())


def test_a_password_spray_is_refused_after_the_addresss_failures(
    guesser_page: Page, page: Page, base_url: str, e2e_data_dir: Path
) -> None:
    failed_before(e2e_data_dir, PER_ADDRESS - 2)
    # The last two failures the window allows, typed in the browser: "incorrect".
    for username in ("anna.janssens", "bart.peeters"):
        credentials_step(guesser_page, base_url, "password", username, "Zomer2026!")
        expect(guesser_page.get_by_role("alert")).to_contain_text("incorrect")
    # The next one is refused before any password is checked, and nothing typed is lost.
    credentials_step(guesser_page, base_url, "password", "chloe.martin", "Zomer2026!")
    expect(guesser_page.get_by_role("alert")).to_have_text(REFUSED)
    expect(guesser_page.get_by_role("textbox", name="Nom d'utilisateur")).to_have_value(
        "chloe.martin"
    )
    expect(guesser_page.get_by_label("Mot de passe", exact=True)).to_have_value("Zomer2026!")
    checked(guesser_page, "login-throttled")
    # The code-key pages share the password step's count.
    credentials_step(guesser_page, base_url, "totp", "chloe.martin", "Zomer2026!")
    expect(guesser_page.get_by_role("alert")).to_have_text(REFUSED)
    # Someone else, from another address, is answered as usual.
    credentials_step(page, base_url, "password", "chloe.martin", "Zomer2026!")
    expect(page.get_by_role("alert")).to_contain_text("incorrect")
