"""The portal under test: its address, and a browser page logged in as a persona through the
real eID flow (the persona's card in the reader, its certificate confirmed, its PIN typed), or
as a European citizen through the real eIDAS flow (the country, then the simulated node)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from monespace_testing.eid import EidCards
from monespace_testing.eidas_node import EidasNode
from monespace_testing.mailbox import Mailbox

if TYPE_CHECKING:
    from playwright.sync_api import Page


class Portal:
    def __init__(
        self,
        url: str,
        *,
        cards: Callable[[], EidCards],
        mailbox: Callable[[], Mailbox],
        page: Callable[[], Page],
        free_reader: Callable[[], None] = lambda: None,
        eidas_node: Callable[[], EidasNode] | None = None,
    ) -> None:
        self.url = url.rstrip("/")
        # Fixtures asked for only when used: a test of the register needs no browser.
        self._cards = cards
        self._mailbox = mailbox
        self._page = page
        self._free_reader = free_reader
        self._eidas_node = eidas_node

    def link(self, path: str = "/") -> str:
        """The full address of one of the portal's pages."""
        return self.url + (path if path.startswith("/") else "/" + path)

    def log_in(
        self,
        persona: str,
        *,
        page: Page | None = None,
        pin: str | None = None,
        succeeds: bool = True,
    ) -> Page:
        """Puts the persona's card alone in the readers (the portal reads the first card it
        finds) and logs in with it in ``page`` (default: the test's ``page``), typing ``pin``
        (default: the card's). With ``succeeds``, waits until the portal leads to Mes espaces,
        or to the account form of a first login; without, returns once the PIN is sent, for
        the test to check the portal's answer (a wrong PIN, a blocked card…)."""
        from playwright.sync_api import expect

        from monespace_testing import eid_login

        browser = page or self._page()
        card = self._cards().alone(persona)
        self._free_reader()
        eid_login.log_in(browser, self.url, card.name, card.pin if pin is None else pin)
        if succeeds:
            expect(browser).to_have_url(eid_login.AFTER_LOGIN)
        return browser

    def log_in_with_account(
        self, persona: str, *, page: Page | None = None, email: str | None = None
    ) -> Page:
        """Logs in as ``log_in`` does and, at a first login, registers the account with
        ``email`` (default: the persona's address) and activates it from the mail: the page
        ends on Mes espaces."""
        from playwright.sync_api import expect

        from monespace_testing import eid_login

        browser = self.log_in(persona, page=page)
        if "/mon-compte/inscription" in browser.url:
            address = email or self._cards().card(persona).email
            if not address:
                raise AssertionError(f"say which address to register {persona} with (email=)")
            eid_login.register_and_activate(browser, address, self._mailbox())
        expect(browser).to_have_url(eid_login.SPACES_PATH)
        return browser

    def log_out(self, persona: str, *, page: Page | None = None) -> None:
        """Through the holder's menu in the header, back to the home page."""
        from monespace_testing import eid_login

        eid_login.log_out(page or self._page(), self._cards().card(persona).name)

    def log_in_european(
        self,
        citizen: str,
        *,
        page: Page | None = None,
        outcome: str = "success",
        succeeds: bool = True,
    ) -> Page:
        """Logs in as the eIDAS node's ``citizen`` ("lena-schneider") in ``page`` (default: the
        test's ``page``): "Authentification européenne", their country, then the node's page.
        ``outcome`` is what the node answers ("authn_failed", "level_not_reached"), and the
        return page then says why. With ``succeeds``, waits until the portal leads to Mes
        espaces, or to the account form of a first login."""
        from playwright.sync_api import expect

        from monespace_testing import eid_login, eidas_login

        if self._eidas_node is None:
            raise AssertionError("this Portal was made without the eIDAS node (eidas_node=)")
        person = self._eidas_node().citizen(citizen)
        browser = page or self._page()
        eidas_login.to_the_node(browser, self.url, person.country)
        eidas_login.log_in_at_the_node(browser, person.slug, outcome=outcome)
        if succeeds and outcome == "success":
            expect(browser).to_have_url(eid_login.AFTER_LOGIN)
        return browser

    def log_in_european_with_account(
        self, citizen: str, *, page: Page | None = None, email: str | None = None
    ) -> Page:
        """Logs in as ``log_in_european`` does and, at the first login, registers the account
        (names and birth date come from the node) with ``email`` (default
        ``<citizen>@example.eu``) and activates it from the mail: the page ends on Mes espaces."""
        from playwright.sync_api import expect

        from monespace_testing import eid_login

        browser = self.log_in_european(citizen, page=page)
        if "/mon-compte/inscription" in browser.url:
            eid_login.register_and_activate(
                browser, email or f"{citizen}@example.eu", self._mailbox()
            )
        expect(browser).to_have_url(eid_login.SPACES_PATH)
        return browser
