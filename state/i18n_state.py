"""The language the person reads the portal in, kept in a cookie, and on the logged-in person's
account (the language of their e-mails: ``portal.accounts.language``)."""

from typing import Any

import reflex as rx
from reflex_base.event import EventSpec

from foundation.clock import utc_now
from foundation.i18n.catalog import catalog
from foundation.settings import SUPPORTED_LANGUAGES, get_settings
from identity.session_cookies import cookie_value
from portal.accounts.language import account_language, follow_page_language
from state.browser import cookie_header
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

    def __getstate__(self) -> dict[str, Any]:
        """What the state manager keeps of a tab between events, without the cached catalogue
        (about 125 KB, the same for every tab of a language): it was stored with each tab, in
        memory or in Redis, and is recomputed from ``lang`` when a page needs it again."""
        kept: dict[str, Any] = super().__getstate__()
        return {name: value for name, value in kept.items() if not name.startswith("__cached_")}

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
        """Every page, once shown: its language on <html>. With someone logged in, a language
        chosen in this browser goes to their account; a browser that never chose one (its
        default) shows the account's language instead, rather than overwrite it."""
        language = self.lang if self.lang in SUPPORTED_LANGUAGES else "fr"
        if self._language_chosen_here():
            await self._keep_on_account(language)
        else:
            session = await self.get_state(SessionState)
            kept = account_language(session._session_id(), now=utc_now())
            if kept in SUPPORTED_LANGUAGES and kept != language:
                self.lang = language = kept
        return rx.call_script(f"document.documentElement.lang = {language!r}")

    def _language_chosen_here(self) -> bool:
        """Whether this browser carries the language cookie (set by a switch, ever)."""
        return cookie_value(cookie_header(self), LANGUAGE_COOKIE) is not None

    async def _keep_on_account(self, language: str) -> None:
        session = await self.get_state(SessionState)
        follow_page_language(session._session_id(), language, now=utc_now())
