"""A dossier's page: its state, what it holds, its files and history, and what this person may
do with it now (Modifier, Supprimer, Signer with the card's PIN, Soumettre, answer a request for
a complement). The buttons shown are the service's answer for this person's role; the service
checks again at each click.

Signing runs in a background task (the card, OCSP and the PDF signature take a moment), like the
eID login: the PIN goes straight to the service and is never kept in the state.

A refusal to show the dossier (a role stopped since the page opened) wipes the page: the
refusal's text is all that stays.
"""

import asyncio
import dataclasses

import reflex as rx
from reflex_base.event import EventSpec

from foundation import routes
from foundation.clock import utc_now
from foundation.settings import get_settings
from identity.eid.errors import WrongPinError
from portal.dossiers import dossier_visits
from portal.dossiers.dossier_setup import card_signer
from state.dossiers.asking import ANSWERED, AskingMixin
from state.i18n_state import I18nState
from state.session_state import SessionMixin

REFERENCE = "reference"


@dataclasses.dataclass
class LineRow:
    label: str
    value: str


@dataclasses.dataclass
class SectionRow:
    title: str
    lines: list[LineRow]


@dataclasses.dataclass
class FileRow:
    id: int
    name: str
    size: str
    sha256: str
    purpose_key: str  # dossier.purpose.<purpose>
    href: str


@dataclasses.dataclass
class EventRow:
    when: str
    actor: str
    action: str
    message: str


class DossierState(AskingMixin, SessionMixin, rx.State):
    reference: str = ""
    title: str = ""
    status: str = ""
    place: str = ""
    back: str = ""
    sections: list[SectionRow] = []  # noqa: RUF012 - a Reflex var
    files: list[FileRow] = []  # noqa: RUF012 - a Reflex var
    events: list[EventRow] = []  # noqa: RUF012 - a Reflex var
    offers: list[str] = []  # noqa: RUF012 - a Reflex var
    administration_message: str = ""
    receipt_href: str = ""
    signer: str = ""
    notice: str = ""  # the banner of the action just done (a catalogue key)
    signing: bool = False
    asking_pin: bool = False
    confirming_delete: bool = False
    pin_tries_left: int = -1
    complement_message: str = ""
    loaded: bool = False
    _version: int = 0

    def _route(self) -> str:
        return routes.dossier(self.reference)

    @rx.var
    def status_key(self) -> str:
        return f"dossier.status.{self.status}"

    async def _open(self, reference: str) -> EventSpec | None:
        language = (await self.get_state(I18nState)).lang
        found = await self._ask(
            lambda session_id: dossier_visits.open_dossier(
                session_id, reference, language=language, now=utc_now()
            )
        )
        if not isinstance(found, dossier_visits.DossierVisit):
            self._leave()
            return found
        download = f"{routes.DOSSIER_DOWNLOAD}?reference={found.reference}"
        self.reference, self.title, self.status = found.reference, found.title, found.status
        self.place, self.back, self._version = found.place, found.back, found.version
        self.sections = [
            SectionRow(s.title, [LineRow(label, value) for label, value in s.lines])
            for s in found.sections
        ]
        self.files = [
            FileRow(
                f.id,
                f.name,
                f.size,
                f.sha256,
                f"dossier.purpose.{f.purpose}",
                f"{download}&piece={f.id}",
            )
            for f in found.files
        ]
        self.events = [EventRow(e.when, e.actor, e.action, e.message) for e in found.events]
        self.offers = sorted(found.offers)
        self.administration_message = found.administration_message
        self.receipt_href = f"{download}&document=accuse" if found.receipt else ""
        self.signer = found.signer
        self.loaded = True
        return None

    def _leave(self) -> None:
        """Nothing of the dossier stays shown once the service refused to show it."""
        self.loaded = self.asking_pin = self.confirming_delete = False
        self.title = self.status = self.place = self.back = self.notice = ""
        self.administration_message = self.receipt_href = self.signer = ""
        self.sections, self.files, self.events, self.offers = [], [], [], []

    @rx.event
    async def load(self) -> EventSpec | None:
        self.loaded = self.signing = self.asking_pin = self.confirming_delete = False
        self.error_text = self.notice = ""
        self.pin_tries_left = -1
        return await self._open(self.router.url.query_parameters.get(REFERENCE, ""))

    @rx.event
    def ask_pin(self) -> None:
        self.error_text = ""
        self.asking_pin = True

    @rx.event
    def cancel_pin(self) -> None:
        self.asking_pin = False

    @rx.event(background=True)
    async def sign(self, form: dict[str, str]) -> EventSpec | None:
        pin = str(form.get("pin", ""))
        async with self:
            if self.signing:
                return None
            self.signing, self.error_text, self.notice = True, "", ""
            session_id, reference, version = self._session_id(), self.reference, self._version
        now = utc_now()
        try:
            await asyncio.to_thread(
                dossier_visits.sign,
                session_id,
                reference,
                version=version,
                signer=card_signer(pin, now=now),
                now=now,
            )
        except WrongPinError as refusal:
            async with self:
                self.signing = False
                self.pin_tries_left = refusal.tries_left
                return await self._answer(refusal)
        except ANSWERED as refusal:
            async with self:
                self.signing = False
                self.asking_pin = False
                return await self._answer(refusal)
        async with self:
            self.signing = self.asking_pin = False
            await self._open(reference)
            self.notice = "dossier.notice.signed"
        return None

    @rx.event
    async def submit(self) -> EventSpec | None:
        self.error_text = self.notice = ""
        reference, version = self.reference, self._version
        origin = get_settings().public_origin
        done = await self._ask(
            lambda session_id: dossier_visits.submit(
                session_id, reference, version=version, public_origin=origin, now=utc_now()
            )
        )
        if done is not None:
            return done
        await self._open(reference)
        if not self.error_text:
            self.notice = "dossier.notice.submitted"
        return None

    @rx.event
    def ask_delete(self) -> None:
        self.confirming_delete = True

    @rx.event
    def cancel_delete(self) -> None:
        self.confirming_delete = False

    @rx.event
    async def delete(self) -> EventSpec | None:
        reference = self.reference
        self.confirming_delete = False
        back = await self._ask(
            lambda session_id: dossier_visits.remove(session_id, reference, now=utc_now())
        )
        if isinstance(back, str):
            return rx.redirect(back)
        return back

    @rx.event
    def set_complement_message(self, message: str) -> None:
        self.complement_message = str(message)[:5000]

    @rx.event
    async def answer(self, files: list[rx.UploadFile]) -> EventSpec | None:
        self.error_text = self.notice = ""
        message = self.complement_message
        sent = [(f.name or "document", await f.read()) for f in files]
        reference = self.reference
        done = await self._ask(
            lambda session_id: dossier_visits.answer_complement(
                session_id, reference, message=message, files=sent, now=utc_now()
            )
        )
        if done is not None:
            return done
        if self.error_text:
            return None
        await self._open(reference)
        self.notice = "dossier.notice.answered"
        self.complement_message = ""
        return rx.clear_selected_files("complement")
