"""The language the person reads the portal in, kept in a cookie, and on the logged-in person's
account (the language of their e-mails: ``portal.accounts.language``)."""

from typing import Any

import reflex as rx
from reflex_base.event import EventSpec

from foundation.clock import utc_now
from foundation.i18n.catalog import catalog
from foundation.settings import SUPPORTED_LANGUAGES, get_settings
from identity.session_cookies import cookie_value
from portal.accounts.language import follow_page_language
from portal.login.itsme_account_link import itsme_account_url
from state.browser import cookie_header, session_id_in
from state.kept_when_used import KeptWhenUsed

LANGUAGE_COOKIE = "monespace_lang"
ONE_YEAR = 365 * 24 * 3600


class I18nState(KeptWhenUsed, rx.State):
    lang: str = rx.Cookie(get_settings().default_language, name=LANGUAGE_COOKIE, max_age=ONE_YEAR)

    @rx.var
    def t(self) -> dict[str, str]:
        """The texts of the current language (an unknown cookie value reads as French)."""
        language = self.lang if self.lang in SUPPORTED_LANGUAGES else "fr"
        return catalog(language)

    @rx.var
    def itsme_account_url(self) -> str:
        """itsme's page for creating an account, in this language: "Créer votre compte itsme"
        (key chooser), "Plus d'info" (itsme login). Here rather than in a substate of its own:
        a substate of this state would be loaded, and written back, with every page's language
        sync."""
        return itsme_account_url(self.lang)

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
        return document_language(language)

    def page_language(self) -> str:
        """The page's language: the cookie's, French for a value the portal does not speak."""
        return self.lang if self.lang in SUPPORTED_LANGUAGES else "fr"

    def chosen_here(self) -> bool:
        """Whether this browser carries the language cookie (set by a switch, ever)."""
        return cookie_value(cookie_header(self), LANGUAGE_COOKIE) is not None

    async def _keep_on_account(self, language: str) -> None:
        follow_page_language(self._session_id(), language, now=utc_now())

    def _session_id(self) -> str | None:
        # Read here rather than through SessionState: asking for another state costs loading it.
        return session_id_in(cookie_header(self))


def document_language(language: str) -> EventSpec:
    """The page's language on <html>: screen readers read it in that language."""
    return rx.call_script(f"document.documentElement.lang = {language!r}")
