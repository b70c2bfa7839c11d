"""The language the person reads the portal in, kept in a cookie."""

import reflex as rx
from reflex_base.event import EventSpec

from foundation.i18n.catalog import catalog
from foundation.settings import SUPPORTED_LANGUAGES, get_settings

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
    def set_language(self, language: str) -> EventSpec | None:
        if language not in SUPPORTED_LANGUAGES:
            return None
        self.lang = language
        # Screen readers need the page's own language to follow the choice.
        return rx.call_script(f"document.documentElement.lang = {language!r}")

    @rx.event
    def sync_document_language(self) -> EventSpec:
        language = self.lang if self.lang in SUPPORTED_LANGUAGES else "fr"
        return rx.call_script(f"document.documentElement.lang = {language!r}")
