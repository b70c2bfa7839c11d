"""« Se souvenir de mon numéro? » on the itsme login page (seed 004 §2d): the phone number kept in
a cookie of this browser only, and offered again on the next itsme login.

Where the number lives, and why a plain cookie (not HttpOnly):
- Only the browser keeps it: never the database, never the page's server-side state (the page
  fills the field by a script, with no state var in between), never another site (SameSite=Lax,
  ``Path=/``, no ``Domain``; over https ``Secure`` and the ``__Host-`` prefix, as
  ``identity.session_cookies`` names the portal's other cookies, so a sibling subdomain cannot
  plant one).
- The page writes it, when "envoyer" sends the number to itsme: the websocket that carries that
  click cannot set a cookie, and the browser leaves for itsme right after, so no answer of the
  portal's HTTP endpoints comes in between to carry an HttpOnly one. HttpOnly would protect
  nothing here anyway: a script able to read the cookie could read the field it fills.
- The server still decides what the page shows: it reads the cookie from the websocket's request
  and offers it again only when it is a Belgian mobile number as ``identity.sms_code.phone``
  accepts it; anything else is forgotten.

Not ticked means not kept: "envoyer" with the box unticked forgets any number kept before, so
there is nothing left to clear at "Quitter".
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from identity.session_cookies import HOST_PREFIX, cookie_value
from identity.sms_code.phone import InvalidMobileNumberError, normalise_mobile

NAME = "monespace_itsme_phone"
MAX_AGE_SECONDS = 365 * 24 * 3600  # a year; every login with the box ticked starts it again
# Longer than any way of writing a Belgian mobile number: a bigger value is not looked at.
LONGEST_VALUE = 40


@dataclass(frozen=True, slots=True)
class PhoneCookie:
    name: str
    secure: bool

    def keep(self, number: str) -> str:
        """The ``document.cookie`` assignment that keeps ``number`` (any notation, checked and
        written as ``+32470123456``) for a year."""
        return self._assignment(normalise_mobile(number), MAX_AGE_SECONDS)

    def forget(self) -> str:
        """The ``document.cookie`` assignment that removes the number kept, if any."""
        return self._assignment("", 0)

    def _assignment(self, value: str, max_age: int) -> str:
        secure = "; Secure" if self.secure else ""
        return f"{self.name}={value}; Max-Age={max_age}; Path=/; SameSite=Lax{secure}"


def phone_cookie(public_origin: str) -> PhoneCookie:
    """The cookie's name and attributes for the portal at ``public_origin``."""
    secure = public_origin.lower().startswith("https://")
    return PhoneCookie(name=(HOST_PREFIX if secure else "") + NAME, secure=secure)


def remembered_number(cookie_header: str | None, public_origin: str) -> str | None:
    """The number this browser keeps (``+32470123456``); None when it keeps none, or something
    that is not a Belgian mobile number."""
    value = cookie_value(cookie_header, phone_cookie(public_origin).name)
    if not value or len(value) > LONGEST_VALUE:
        return None
    try:
        return normalise_mobile(value)
    except InvalidMobileNumberError:
        return None


def kept_in_cookie(cookie_header: str | None, public_origin: str) -> bool:
    """Whether the browser sent the cookie at all (a valid number or not)."""
    return cookie_value(cookie_header, phone_cookie(public_origin).name) is not None


def display_number(number: str) -> str:
    """``+32470123456`` → ``+32 470 12 34 56``, as the field shows it."""
    rest = normalise_mobile(number)[3:]
    return f"+32 {rest[:3]} {rest[3:5]} {rest[5:7]} {rest[7:]}"


def cookie_after_send(typed: str, *, remember: bool, public_origin: str) -> str:
    """What "envoyer" does to the cookie once the number went to itsme: the box ticked keeps the
    number (the one just sent), unticked forgets whatever was kept."""
    cookie = phone_cookie(public_origin)
    return cookie.keep(typed) if remember else cookie.forget()


def script_setting(assignment: str) -> str:
    """A script that performs one ``document.cookie`` assignment."""
    return f"document.cookie = {json.dumps(assignment)};"


def script_offering(number: str) -> str:
    """A script that fills the phone field with ``number`` and ticks "Se souvenir de mon
    numéro?" once the form is on the page (the page may still be drawing it after a step that
    showed none): a field the person already typed in is left alone."""
    shown = json.dumps(display_number(number))
    return (
        "(() => { let tries = 0; const fill = () => {"
        ' const field = document.getElementById("field-phone");'
        ' const box = document.getElementById("field-remember");'
        " if (!field || !box) { if (++tries < 40) setTimeout(fill, 50); return; }"
        f" if (!field.value) {{ field.value = {shown}; }} box.checked = true; }}; fill(); }})();"
    )
