"""The eID login page: instructions, reading, certificate confirmation, PIN, then in.

Card work runs in background tasks (threads), so the page stays responsive and shows progress.
The challenge nonce stays in a backend-only var: it is bound to this browser's state and never
sent to the page. Every step hands the service this browser's binding (its pre-login cookie):
the service holds the server's reader for this browser only and refuses any other. The page
never gets the holder's name: before the PIN it shows what names no one (issuer, validity, the
certificate's fingerprint, and among its properties a subject without the holder's attributes).
"""

import asyncio

import reflex as rx
from reflex_base.event import EventSpec

from foundation.clock import utc_now
from foundation.i18n.error_messages import error_text
from identity.eid.auth.errors import EidAuthenticationError
from identity.eid.certificate_properties import CertificateProperties, written
from identity.eid.errors import EidError, WrongPinError
from identity.keys.errors import DigitalKeyError
from portal.login.eid_login import begin_eid_login, cancel_eid_login, finish_eid_login
from state.browser import binding_of, user_agent_of
from state.client_address import client_address
from state.i18n_state import I18nState
from state.kept_when_used import KeptWhenUsed
from state.session_state import load_page

# DigitalKeyError: a browser without its pre-login cookie, or not the one that began the login.
LOGIN_ERRORS = (EidError, EidAuthenticationError, DigitalKeyError)
# What stands for each of the holder's attributes in the subject before the PIN.
HIDDEN = "…"
MOMENT = "%d/%m/%Y %H:%M:%S UTC"
FINGERPRINT_SHOWN = 16  # hex digits, in groups of four: enough to tell two certificates apart


def shown_fingerprint(fingerprint: str) -> str:
    head = fingerprint[:FINGERPRINT_SHOWN].upper()
    return " ".join(head[i : i + 4] for i in range(0, len(head), 4))


class EidLoginState(KeptWhenUsed, rx.State):
    step: str = "instructions"  # instructions, reading, confirm, pin, signing
    issuer: str = ""
    valid_from: str = ""
    valid_until: str = ""
    fingerprint: str = ""
    pin_tries_left: int = 3
    # "Cliquez ici pour afficher les propriétés du certificat." (the holder left out, see
    # identity.eid.certificate_properties)
    subject: str = ""
    issuer_name: str = ""
    serial_number: str = ""
    valid_from_time: str = ""
    valid_until_time: str = ""
    fingerprint_sha256: str = ""
    error_text: str = ""
    _nonce: str = ""
    _reader: str = ""
    _fingerprint: str = ""

    @rx.event
    def reset_page(self) -> None:
        if self._nonce:  # a login of this tab was under way: the reader is free again
            cancel_eid_login(browser_binding=binding_of(self))
        self.step = "instructions"
        self.error_text = ""
        self._nonce = self._reader = self._fingerprint = ""

    async def _fail(self, error: Exception) -> None:
        language = (await self.get_state(I18nState)).lang
        self.error_text = error_text(language, error)
        self.step = "instructions"
        self._nonce = ""

    @rx.event(background=True)
    async def start(self) -> None:
        async with self:
            self.step = "reading"
            self.error_text = ""
            binding, address = binding_of(self), client_address(self)
        try:
            nonce, certificate = await asyncio.to_thread(
                begin_eid_login, now=utc_now(), browser_binding=binding, address=address
            )
        except LOGIN_ERRORS as error:
            async with self:
                await self._fail(error)
            return
        async with self:
            self._nonce = nonce
            self._reader = certificate.reader
            self._fingerprint = certificate.fingerprint
            self.fingerprint = shown_fingerprint(certificate.fingerprint)
            self.issuer = certificate.issuer
            self.valid_from = certificate.valid_from.strftime("%d/%m/%Y")
            self.valid_until = certificate.valid_until.strftime("%d/%m/%Y")
            self.pin_tries_left = certificate.pin_tries_left
            self._show_properties(certificate.properties)
            self.step = "confirm"

    def _show_properties(self, properties: CertificateProperties | None) -> None:
        if properties is None:
            self.subject = self.issuer_name = self.serial_number = ""
            self.valid_from_time = self.valid_until_time = self.fingerprint_sha256 = ""
            return
        self.subject = written(properties.subject, HIDDEN)
        self.issuer_name = written(properties.issuer, HIDDEN)
        self.serial_number = properties.serial_number
        self.valid_from_time = properties.valid_from.strftime(MOMENT)
        self.valid_until_time = properties.valid_until.strftime(MOMENT)
        self.fingerprint_sha256 = properties.fingerprint_sha256

    @rx.event
    def confirm(self) -> None:
        if self._nonce:
            self.step = "pin"

    @rx.event(background=True)
    async def submit_pin(self, form: dict[str, str]) -> EventSpec | None:
        pin = form.get("pin", "")
        async with self:
            if self.step != "pin" or not self._nonce:
                return None
            self.step = "signing"
            self.error_text = ""
            nonce, reader, fingerprint = self._nonce, self._reader, self._fingerprint
            binding, address = binding_of(self), client_address(self)
            user_agent = user_agent_of(self)
            self._nonce = ""  # one attempt per challenge, whatever happens
        try:
            url = await asyncio.to_thread(
                finish_eid_login,
                nonce=nonce,
                reader=reader,
                confirmed_fingerprint=fingerprint,
                pin=pin,
                now=utc_now(),
                browser_binding=binding,
                address=address,
                user_agent=user_agent,
            )
        except WrongPinError as error:
            # The challenge was not used yet: the person simply types the PIN again.
            async with self:
                await self._fail(error)
                self.pin_tries_left = error.tries_left
                self._nonce, self.step = nonce, "pin"
            return None
        except LOGIN_ERRORS as error:
            async with self:
                await self._fail(error)
            return None
        async with self:
            self.step = "instructions"
        return load_page(url)
