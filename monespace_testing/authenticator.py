"""The authenticator phone (a TOTP app): it enrols an account from a picture of the QR code,
read with zxing-cpp as a phone's camera would, and shows the current codes."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Protocol

from monespace_testing._http import JsonService
from monespace_testing._waiting import poll


class Screenshotable(Protocol):
    """A Playwright ``Page`` or ``Locator``: anything whose ``screenshot()`` gives a PNG."""

    def screenshot(self) -> bytes: ...


@dataclass(frozen=True, slots=True)
class ShownCode:
    issuer: str
    account: str
    code: str
    valid_for: int  # seconds the code stays current


class AuthenticatorPhone:
    """``enrol`` a screenshot of the activation page's QR code, then read ``code()``. A code
    the portal accepted once is never accepted again: ``next_code(after=...)`` waits for the
    phone to show the next one, as a person would (at most one period, 30 s)."""

    def __init__(self, url: str, *, option: str = "--monespace-authenticator-url") -> None:
        self._service = JsonService(url, name="authenticator phone", option=option)
        self._enrolled: list[str] = []

    @property
    def url(self) -> str:
        """The phone's page (the accounts and their codes, a form to upload a screenshot)."""
        return self._service.url

    def enrol(self, picture: bytes | Screenshotable) -> str:
        """Adds the account of the QR code in ``picture`` (PNG bytes, or a Playwright page or
        locator, whose screenshot is taken); returns the account's name, e.g. the e-mail
        address. ServiceError (status 400, ``body["error"]`` the reason: ``no_qr_code``,
        ``not_otpauth``…) when the picture holds no enrolment."""
        png = picture if isinstance(picture, bytes) else picture.screenshot()
        answer: dict[str, Any] = self._service.request(
            "POST", "/api/enrol", data=png, content_type="image/png"
        )
        account = str(answer["account"])
        self._enrolled.append(account)
        return account

    def codes(self) -> list[ShownCode]:
        """What the phone's screen shows: every account with its current code."""
        return [
            ShownCode(str(c["issuer"]), str(c["account"]), str(c["code"]), int(c["valid_for"]))
            for c in self._service.get("/api/codes")
        ]

    def code(self, account: str | None = None, *, min_valid: int = 3) -> str:
        """The current code of ``account`` (default: the last one enrolled through this object);
        when it has fewer than ``min_valid`` seconds left, the next one (no code expires
        between reading and typing)."""
        shown = self._shown(account)
        if shown.valid_for < min_valid:
            time.sleep(shown.valid_for + 0.5)
            shown = self._shown(account)
        return shown.code

    def next_code(self, after: str, account: str | None = None, *, timeout: float = 40.0) -> str:
        """The first code the phone shows for ``account`` that is not ``after`` (the one just
        used)."""

        def changed() -> str | None:
            code = self._shown(account).code
            return code if code != after else None

        found = poll(changed, timeout=timeout)
        if found is None:
            raise AssertionError(f"the phone still shows {after} after {timeout:.0f} s")
        return found

    def forget_all(self) -> None:
        """Removes every account from the phone."""
        self._service.delete("/api/enrolments")
        self._enrolled.clear()

    def _shown(self, account: str | None) -> ShownCode:
        wanted = account or (self._enrolled[-1] if self._enrolled else None)
        if wanted is None:
            raise AssertionError("no account enrolled through this phone yet: enrol() first")
        for shown in self.codes():
            if shown.account == wanted:
                return shown
        raise AssertionError(f"the phone has no account {wanted!r}")
