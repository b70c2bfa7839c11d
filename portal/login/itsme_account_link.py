"""Where "Créer votre compte itsme" (the key chooser) and "Plus d'info" (the itsme login page)
lead: itsme's own page for getting started (seed 004 §2a, §2d), a page of another site.

The demo's itsme simulator serves that page at ``GET_STARTED_PATH`` (the real itsme's path), so
by default the link follows the configured provider and works without the Internet; a real
installation names itsme's page in ``MONESPACE_ITSME_ACCOUNT_URL``, with ``{lang}`` for the
language of the page that links to it.
"""

from __future__ import annotations

from foundation.settings import SUPPORTED_LANGUAGES, Settings, get_settings

GET_STARTED_PATH = "/get-started"
LANGUAGE_PLACEHOLDER = "{lang}"


def itsme_account_url(language: str, settings: Settings | None = None) -> str:
    """itsme's page for creating an account, in ``language`` when the configured URL has a
    place for it (an unknown language reads as French)."""
    settings = settings or get_settings()
    configured = settings.itsme_account_url.strip()
    url = configured or settings.itsme_url.rstrip("/") + GET_STARTED_PATH
    return url.replace(LANGUAGE_PLACEHOLDER, language if language in SUPPORTED_LANGUAGES else "fr")
