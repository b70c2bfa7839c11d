"""What the plain HTTP endpoints (exports, downloads) read of a browser's request, as the pages'
state does: the session the HttpOnly cookie names, and the language the visitor chose; and how
they hand a file over."""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request

from foundation.settings import SUPPORTED_LANGUAGES, get_settings
from identity.session_cookies import cookie_names
from identity.sessions import SessionCookie
from state.i18n_state import LANGUAGE_COOKIE

NO_STORE = {"Cache-Control": "no-store"}


def session_id_of(request: Request) -> str | None:
    settings = get_settings()
    value = request.cookies.get(cookie_names(settings.public_origin).session)
    return SessionCookie(settings.resolved_secret_key()).decode(value) if value else None


def language_of(request: Request) -> str:
    chosen = request.cookies.get(LANGUAGE_COOKIE, "").strip('"')
    return chosen if chosen in SUPPORTED_LANGUAGES else get_settings().default_language


def _ascii(character: str) -> str:
    plain = character.isascii() and character.isprintable() and character not in '"\\'
    return character if plain else "_"


def attachment_disposition(file_name: str) -> str:
    """``Content-Disposition`` that saves the file under its name, accents included (RFC 6266:
    an ASCII fallback, then the UTF-8 name)."""
    fallback = "".join(_ascii(c) for c in file_name)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(file_name, safe='')}"
