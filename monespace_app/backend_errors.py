"""What a person reads when an event fails on the server: the portal's words, in the page's
language, instead of Reflex's English "An error occurred. Contact the website administrator."

A database (or state store) out of reach, as while PostgreSQL restarts, is said to be
temporary, with "try again": the transaction was rolled back, nothing was half written, and the
session is a database row that is still there once the database is back. Anything else is an
unexpected error with the way to the helpdesk. The full traceback goes to the log only.

The handler has no state to read the language from, so the toast carries the four texts and the
page picks the one of its ``<html lang>`` (kept in step with the person's language by
I18nState)."""

from __future__ import annotations

import json
import logging
import traceback

import redis.exceptions
import reflex as rx
from reflex.event import EventSpec
from sqlalchemy import exc as sql_errors

from foundation.i18n.catalog import REFERENCE_LANGUAGE, catalog
from foundation.settings import SUPPORTED_LANGUAGES

log = logging.getLogger("monespace.errors")

UNAVAILABLE: tuple[type[BaseException], ...] = (
    sql_errors.OperationalError,
    sql_errors.InterfaceError,
    sql_errors.DisconnectionError,
    sql_errors.TimeoutError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
)


def is_unavailability(exception: BaseException) -> bool:
    """The database or the state store out of reach (down, restarting, its pool exhausted)."""
    seen: BaseException | None = exception
    while seen is not None:
        if isinstance(seen, UNAVAILABLE):
            return True
        if isinstance(seen, sql_errors.DBAPIError) and seen.connection_invalidated:
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _in_page_language(key: str) -> rx.Var[str]:
    """A JavaScript expression: the text of ``key`` in the page's language (French when the
    page names another)."""
    texts = {language: catalog(language)[key] for language in SUPPORTED_LANGUAGES}
    fallback = json.dumps(texts[REFERENCE_LANGUAGE])
    return rx.Var(f"({json.dumps(texts)}[document.documentElement.lang] ?? {fallback})")


def backend_exception_handler(exception: Exception) -> EventSpec:
    kind = "unavailable" if is_unavailability(exception) else "error"
    log.error(
        "event failed (%s):\n%s",
        kind,
        "".join(traceback.format_exception(type(exception), exception, exception.__traceback__)),
    )
    toast: EventSpec = rx.toast.error(
        _in_page_language(f"service.{kind}.title"),
        description=_in_page_language(f"service.{kind}.text"),
        position="top-center",
        id="backend_error",
        duration=10000,
        # Sonner's red on pink reads at 2.5:1; the portal's text colour on a light red reads
        # at WCAG AA, the red kept for the border.
        style={
            "background": "#fff1f1",
            "color": "#1c2024",
            "border": "1px solid #b3001b",
            "border_left": "6px solid #b3001b",
        },
    )
    return toast
