"""Activation of a first key from the link a registration office e-mailed (seed 004,
"Activer votre clé numérique": the activation code, the key — mobile app, SMS code or paper
token — then its activation; the SMS code's number first, then the code it brought).

No session is needed: the activation code is the proof. The code stays in a backend-only var
between the steps and is spent only by the last one, so a reload asks for it again and loses
nothing. At the end any session of this browser is closed, as the seed says.
"""

import reflex as rx
from reflex_base.event import EventSpec

from foundation.clock import utc_now
from foundation.i18n.error_messages import error_text
from identity import paper_token
from identity.keys.errors import DigitalKeyError
from identity.paper_token.errors import ActivationLinkError
from portal.keys import first_key
from state.client_address import client_address
from state.i18n_state import I18nState
from state.session_state import SessionMixin, SessionState
from state.shown_once import TOKEN_CARD, forget_app_seed, show_app_seed

STEPS = ["code", "choose", "activate", "done"]
LINK_PARAMETER = "activation"


def card_layout(codes: list[tuple[int, str]], columns: int = 3) -> list[list[str]]:
    """The card as printed: numbers run down each column (1-8 | 9-16 | 17-24), each cell pair
    being a number and its code."""
    height = -(-len(codes) // columns)
    rows: list[list[str]] = []
    for row in range(height):
        cells: list[str] = []
        for number, code in codes[row::height]:
            cells += [str(number), code]
        rows.append(cells)
    return rows


class TokenActivationState(SessionMixin, rx.State):
    step: str = "code"
    key: str = paper_token.FIRST_KEYS[0]  # chosen at the second step (the seed recommends the app)
    full_name: str = ""
    language: str = "fr"
    username: str = ""
    email: str = ""
    phone: str = ""  # masked: where the SMS code went (the SMS key's activation step)
    sms_sent: bool = False
    error_text: str = ""
    link_ok: bool = True
    _reference: str = ""
    # The activation code and the app's seed, until the last step spends them. The app's QR
    # code and the token's card are shown through ``state.shown_once``, never kept here.
    _code: str = ""
    _secret: str = ""
    _terms_accepted: bool = False  # at the second step; the last step's service checks it again

    @rx.event
    async def load(self) -> None:
        self._reference = self.router.url.query_parameters.get(LINK_PARAMETER, "").strip()
        self._code = self._secret = ""
        self._terms_accepted = False
        self.key = paper_token.FIRST_KEYS[0]
        self.step, self.full_name, self.username, self.email = "code", "", "", ""
        self.phone, self.sms_sent = "", False
        self.link_ok = bool(self._reference)
        self.error_text = "" if self.link_ok else await self._text(ActivationLinkError())
        self.language = (await self.get_state(I18nState)).lang

    @rx.var
    def step_index(self) -> int:
        return STEPS.index(self.step) if self.step in STEPS else 0

    async def _text(self, error: Exception) -> str:
        return error_text((await self.get_state(I18nState)).lang, error)

    @rx.event
    async def submit_code(self, form: dict[str, str]) -> None:
        code = form.get("code", "")
        try:
            name = first_key.person_for_code(
                self._reference, code, now=utc_now(), address=client_address(self)
            )
        except DigitalKeyError as error:
            self.error_text = await self._text(error)
            return
        self._code, self.full_name = code, name
        self.step, self.error_text = "choose", ""

    @rx.event
    async def choose(self, form: dict[str, str]) -> list[EventSpec] | None:
        """The key, the language and the terms of use; checked now, applied by ``activate``."""
        language, key = form.get("language", ""), form.get("key", "")
        try:
            paper_token.check_choices(
                language=language, terms_accepted=form.get("terms") == "on", key=key
            )
        except DigitalKeyError as error:
            self.error_text = await self._text(error)
            return None
        self.language, self.key, self._terms_accepted = language, key, True
        self.step, self.error_text = "activate", ""
        # A fresh secret for this page only (the app), stored once the app's first code proves it.
        if self._secret:
            return None  # back from the last step: the QR code shown is still the one
        app = paper_token.first_key_secret(key, account_name=self.full_name)
        if app is None:
            return None
        self._secret = app.secret
        return show_app_seed(app.qr_src, app.secret_text)

    @rx.event
    async def send_sms(self, form: dict[str, str]) -> None:
        """The SMS code's number: a registration code is sent to it (again, after a minute)."""
        try:
            self.phone = first_key.send_sms_code(
                self._reference,
                self._code,
                form.get("phone", ""),
                now=utc_now(),
                address=client_address(self),
            )
        except DigitalKeyError as error:
            self.error_text = await self._text(error)
            return
        self.sms_sent, self.error_text = True, ""

    @rx.event
    def other_number(self) -> None:
        self.sms_sent, self.error_text = False, ""

    @rx.event
    def back(self) -> None:
        self.step = STEPS[max(self.step_index - 1, 0)]
        self.error_text = ""

    @rx.event
    async def activate(self, form: dict[str, str]) -> list[EventSpec] | None:
        if form.get("password", "") != form.get("password_confirmation", ""):
            self.error_text = (await self.get_state(I18nState)).t["credentials.mismatch"]
            return None
        typed = paper_token.FirstKeyForm(
            reference=self._reference,
            code=self._code,
            username=form.get("username", ""),
            password=form.get("password", ""),
            language=self.language,
            terms_accepted=self._terms_accepted,
        )
        try:
            done = first_key.activate_first_key(
                self._session_id(),
                typed,
                key=self.key,
                secret=self._secret,
                first_code=form.get("first_code", ""),
                now=utc_now(),
                address=client_address(self),
            )
        except DigitalKeyError as error:
            self.error_text = await self._text(error)
            return None
        self._code = self._secret = ""
        self.username = done.username
        shown = forget_app_seed()
        if isinstance(done, paper_token.TokenActivation):
            self.email = done.email
            shown.append(TOKEN_CARD.push(card_layout(done.codes)))
        if isinstance(done, paper_token.SmsCodeActivation):
            self.phone = done.phone
        self.step, self.error_text = "done", ""
        # The portal now speaks the language just chosen; the activation ended the session it
        # started from, and the header says so.
        return [*shown, I18nState.set_language(self.language), SessionState.page_shown()]
