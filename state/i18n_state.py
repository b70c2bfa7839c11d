"""The language the person reads the portal in, kept in a cookie, and on the logged-in person's
account (the language of their e-mails: ``portal.accounts.language``)."""

import reflex as rx
from reflex_base.event import EventSpec

from foundation.clock import utc_now
from foundation.i18n.catalog import catalog
from foundation.settings import SUPPORTED_LANGUAGES, get_settings
from portal.accounts.language import follow_page_language
from state.session_state import SessionState

LANGUAGE_COOKIE = "monespace_lang"
ONE_YEAR = 365 * 24 * 3600


class I18nState(rx.State):
    lang: str = rx.Cookie(get_settings().default_language, name=LANGUAGE_COOKIE, max_age=ONE_YEAR)

    @rx.var
    def t(self) -> dict[str, str]:
        """The texts of the current language (an unknown cookie value reads as French)."""
        language = self.lang if self.lang in SUPPORTED_LANGUAGES else "fr"
        return catalog(language)

    @rx.event
    async def set_language(self, language: str) -> EventSpec | None:
        if language not in SUPPORTED_LANGUAGES:
            return None
        self.lang = language
        await self._keep_on_account(language)
        # Screen readers need the page's own language to follow the choice.
        return rx.call_script(f"document.documentElement.lang = {language!r}")

    @rx.event
    async def sync_document_language(self) -> EventSpec:
        """Every page, once shown: its language on <html>, and on the account of whoever is
        logged in (a language chosen before logging in, or in another browser)."""
        language = self.lang if self.lang in SUPPORTED_LANGUAGES else "fr"
        await self._keep_on_account(language)
        return rx.call_script(f"document.documentElement.lang = {language!r}")

    async def _keep_on_account(self, language: str) -> None:
        session = await self.get_state(SessionState)
        follow_page_language(session._session_id(), language, now=utc_now())
