"""A dossier's form, one step at a time (the form engine's page).

What the step holds is saved when the person leaves a field and when the step is left (whatever
button: nothing typed is lost, valid or not); the problems come back beside their fields. Which
fields show as choices change is the form engine's answer, asked at each choice. Each step opens
with the focus on its heading, where a keyboard or screen reader user goes on from.

A refusal to show the dossier (a role stopped since the page opened) wipes the whole form: the
refusal's text is all that stays.
"""

import dataclasses

import reflex as rx
from reflex_base.event import EventSpec

from foundation import routes
from foundation.clock import BRUSSELS, utc_now
from portal.dossiers import dossier_visits
from portal.dossiers.catalogue import load_catalogue
from portal.dossiers.forms.engine import is_visible
from portal.dossiers.forms.problems import FieldProblem
from portal.dossiers.views import FieldView
from state.dossiers.asking import ANSWERED, AskingMixin
from state.focus import focus_when_drawn
from state.i18n_state import I18nState
from state.session_state import SessionMixin

REFERENCE = "reference"
STEP = "etape"
GOING = ("next", "previous", "draft", "review")
STEP_HEADING = "etape-titre"  # the id of the step's heading


@dataclasses.dataclass
class ChoiceRow:
    value: str
    label: str


@dataclasses.dataclass
class FileRow:
    id: int
    name: str
    size: str
    sha256: str


@dataclasses.dataclass
class FieldRow:
    key: str
    type: str
    label: str
    help: str
    placeholder: str
    required: bool
    read_only: bool
    value: str
    shown: str
    error: str
    accept: str
    choices: list[ChoiceRow]
    files: list[FileRow]


@dataclasses.dataclass
class StepRow:
    key: str
    title: str
    number: int
    current: bool
    href: str


def row_of(field: FieldView) -> FieldRow:
    return FieldRow(
        key=field.key,
        type=field.type,
        label=field.label,
        help=field.help,
        placeholder=field.placeholder,
        required=field.required,
        read_only=field.read_only,
        value=field.value,
        shown=field.shown,
        error=field.error,
        accept=field.accept,
        choices=[ChoiceRow(v, label) for v, label in field.choices],
        files=[FileRow(f.id, f.name, f.size, f.sha256) for f in field.files],
    )


class DossierFormState(AskingMixin, SessionMixin, rx.State):
    reference: str = ""
    title: str = ""
    place: str = ""
    step: str = ""
    step_title: str = ""
    steps: list[StepRow] = []  # noqa: RUF012 - a Reflex var
    fields: list[FieldRow] = []  # noqa: RUF012 - a Reflex var
    shown: dict[str, bool] = {}  # noqa: RUF012 - a Reflex var
    problems: int = 0
    saved_at: str = ""
    upload_field: str = ""
    loaded: bool = False
    _version: int = 0
    _procedure: str = ""
    _values: dict[str, str] = {}  # noqa: RUF012 - backend only
    _going: str = "next"

    def _route(self) -> str:
        return routes.dossier_form(self.reference, self.step)

    @rx.var
    def file_fields(self) -> list[str]:
        return [f.key for f in self.fields if f.type == "file" and not f.read_only]

    @rx.var
    def has_read_only(self) -> bool:
        return any(f.read_only for f in self.fields)

    @rx.var
    def is_first(self) -> bool:
        return bool(self.steps) and self.steps[0].key == self.step

    @rx.var
    def is_last(self) -> bool:
        return bool(self.steps) and self.steps[-1].key == self.step

    async def _open(
        self, reference: str, step: str, problems: dict[str, FieldProblem] | None = None
    ) -> EventSpec | None:
        language = (await self.get_state(I18nState)).lang
        found = await self._ask(
            lambda session_id: dossier_visits.open_form(
                session_id, reference, step, language=language, now=utc_now(), problems=problems
            )
        )
        if not isinstance(found, dossier_visits.FormVisit):
            self._leave()
            return found
        self.reference, self.title, self.place = found.reference, found.title, found.place
        self.step = found.step
        self._version, self._procedure = found.version, found.procedure_key
        self._values = dict(found.values)
        self.steps = [
            StepRow(
                s.key, s.title, s.number, s.current, routes.dossier_form(found.reference, s.key)
            )
            for s in found.steps
        ]
        self.step_title = next((s.title for s in found.steps if s.current), "")
        self.fields = [row_of(f) for f in found.fields]
        self.problems = sum(1 for f in found.fields if f.error)
        files = self.file_fields
        self.upload_field = files[0] if files else ""
        self._show()
        self.loaded = True
        return None

    def _leave(self) -> None:
        self.loaded = False
        self.title = self.place = self.step_title = self.saved_at = self.upload_field = ""
        self.steps, self.fields, self.shown, self.problems = [], [], {}, 0
        self._procedure, self._values = "", {}

    def _show(self) -> None:
        form = load_catalogue().get(self._procedure).form
        self.shown = {f.key: is_visible(form, form.field(f.key), self._values) for f in self.fields}

    @rx.event
    async def load(self) -> EventSpec | None:
        self.loaded = False
        self.error_text = self.saved_at = ""
        params = self.router.url.query_parameters
        refused = await self._open(params.get(REFERENCE, ""), params.get(STEP, ""))
        if refused is not None or not self.loaded:
            return refused
        return focus_when_drawn(f"#{STEP_HEADING}")

    @rx.event
    def going(self, where: str) -> None:
        self._going = where if where in GOING else "next"

    @rx.event
    def choose(self, key: str, value: str | bool) -> None:
        """A choice changed: the fields its value shows or hides follow at once."""
        if not self._procedure:
            return
        self._values[key] = "true" if value is True else ("" if value is False else str(value))
        self._show()

    def _typed(self, form: dict[str, str]) -> dict[str, str]:
        # An unticked box is not in the form's data: it is sent as "" so that unticking counts.
        typed = {k: str(v) for k, v in form.items()}
        for field in self.fields:
            if field.type == "checkbox" and not field.read_only:
                typed[field.key] = "true" if typed.get(field.key) in ("true", "on") else ""
        return typed

    async def _save(self, values: dict[str, str]) -> dict[str, FieldProblem] | EventSpec | None:
        reference, step, version = self.reference, self.step, self._version
        return await self._ask(
            lambda session_id: dossier_visits.save_step(
                session_id, reference, step, values, version=version, now=utc_now()
            )
        )

    @rx.event
    async def keep(self, key: str, value: str) -> EventSpec | None:
        """A field left: what it holds is kept at once (a reload, a timeout lose nothing)."""
        if not self.loaded:
            return None
        reference, step, version = self.reference, self.step, self._version
        answer = await self._ask(
            lambda session_id: dossier_visits.keep_field(
                session_id, reference, step, key, str(value), version=version, now=utc_now()
            )
        )
        if isinstance(answer, int):
            self._version = answer
            self._values[key] = str(value)
            self._stamp()
            return None
        return answer

    def _stamp(self) -> None:
        self.saved_at = utc_now().astimezone(BRUSSELS).strftime("%H:%M")

    @rx.event
    async def submit_step(self, form: dict[str, str]) -> EventSpec | None:
        self.error_text = ""
        answer = await self._save(self._typed(form))
        if not isinstance(answer, dict):
            if answer is None and self.error_text:  # stale page, state changed: show the latest
                await self._open(self.reference, self.step)
            return answer
        keys = [s.key for s in self.steps]
        index = keys.index(self.step) if self.step in keys else 0
        if self._going == "previous" and index > 0:
            return rx.redirect(routes.dossier_form(self.reference, keys[index - 1]))
        if answer or self._going == "draft":
            await self._open(self.reference, self.step, answer)
            self._stamp()
            return None
        if self._going == "review" or index == len(keys) - 1:
            return rx.redirect(routes.dossier(self.reference))
        return rx.redirect(routes.dossier_form(self.reference, keys[index + 1]))

    @rx.event
    def pick_upload_field(self, key: str) -> None:
        if key in self.file_fields:
            self.upload_field = key

    @rx.event
    async def upload(self, files: list[rx.UploadFile]) -> EventSpec | None:
        self.error_text = ""
        reference, field = self.reference, self.upload_field
        for upload in files:
            content = await upload.read()
            name = upload.name or "document"
            try:
                dossier_visits.attach(
                    self._session_id(), reference, field, name, content, now=utc_now()
                )
            except ANSWERED as refusal:
                problem = getattr(refusal, "problem", None)
                if isinstance(problem, FieldProblem):
                    language = (await self.get_state(I18nState)).lang
                    self.error_text = f"{name} : {problem.message(language)}"
                    return None
                return await self._answer(refusal)
        await self._open(reference, self.step)
        self._stamp()
        return rx.clear_selected_files("piece-jointe")

    @rx.event
    async def remove_file(self, attachment_id: int) -> EventSpec | None:
        reference = self.reference
        done = await self._ask(
            lambda session_id: dossier_visits.detach(
                session_id, reference, int(attachment_id), now=utc_now()
            )
        )
        if done is not None:
            return done
        if not self.error_text:
            await self._open(reference, self.step)
        return None
