"""What the dossier pages show, as plain values built from the rows: a form's step with its
fields, a dossier's summary, its files, its history and the actions this person may take now."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from foundation.clock import BRUSSELS, aware
from foundation.contacts import find_account, full_name
from foundation.i18n.catalog import text
from foundation.models.dossiers import AttachmentPurpose, Dossier, DossierAttachment, DossierEvent
from portal.companies.roles import Permission
from portal.dossiers.catalogue import Procedure
from portal.dossiers.forms.display import display_value
from portal.dossiers.forms.engine import read_only_keys, visible_fields
from portal.dossiers.forms.model import Field, FieldType
from portal.dossiers.forms.problems import FieldProblem
from portal.dossiers.forms.values import attachment_ids
from portal.dossiers.lifecycle import Action, possible
from portal.dossiers.records import ADMINISTRATION

# The input's ``accept`` attribute: what the file picker offers (the content is checked anyway).
_PICKER = {"pdf": ".pdf,application/pdf", "jpeg": ".jpg,.jpeg,image/jpeg", "png": ".png,image/png"}


@dataclass(frozen=True, slots=True)
class FileLine:
    id: int
    name: str
    size: str  # "245 Ko"
    sha256: str
    purpose: str  # AttachmentPurpose


@dataclass(frozen=True, slots=True)
class FieldView:
    key: str
    type: str  # FieldType
    label: str
    help: str
    placeholder: str
    required: bool
    read_only: bool
    value: str  # as kept (cleaned), for the input
    shown: str  # as a person reads it, for a read-only field
    choices: list[tuple[str, str]]  # (value, label)
    error: str
    files: list[FileLine]
    accept: str
    max_files: int


@dataclass(frozen=True, slots=True)
class StepView:
    key: str
    title: str
    number: int  # 1-based
    current: bool


@dataclass(frozen=True, slots=True)
class EventLine:
    when: str  # DD/MM/YYYY HH:MM, Brussels time
    actor: str
    action: str
    message: str


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    lines: list[tuple[str, str]]


def size_text(size: int, language: str) -> str:
    if size < 1024:
        return text(language, "dossier.size.bytes").format(n=size)
    if size < 1024 * 1024:
        return text(language, "dossier.size.kb").format(n=round(size / 1024))
    return text(language, "dossier.size.mb").format(n=f"{size / 1024 / 1024:.1f}")


def file_line(row: DossierAttachment, language: str) -> FileLine:
    assert row.id is not None
    return FileLine(row.id, row.file_name, size_text(row.size, language), row.sha256, row.purpose)


def when_text(moment: datetime) -> str:
    return aware(moment).astimezone(BRUSSELS).strftime("%d/%m/%Y %H:%M")


def field_view(
    field: Field,
    values: Mapping[str, str],
    *,
    read_only: bool,
    files: Mapping[str, DossierAttachment],
    problem: FieldProblem | None,
    language: str,
) -> FieldView:
    value = values.get(field.key, "")
    attached = [files[i] for i in attachment_ids(value) if i in files]
    return FieldView(
        key=field.key,
        type=field.type.value,
        label=field.label_in(language),
        help=field.help_in(language),
        placeholder=field.placeholder_in(language),
        required=field.required,
        read_only=read_only,
        value=value,
        shown=display_value(field, value, language) if read_only else "",
        choices=[(c.value, c.label_in(language)) for c in field.choices],
        error=problem.message(language) if problem is not None else "",
        files=[file_line(a, language) for a in attached],
        accept=",".join(_PICKER[name] for name in field.accept),
        max_files=field.max_files,
    )


def step_fields(
    procedure: Procedure,
    step: str,
    values: Mapping[str, str],
    sources: Mapping[str, str],
    files: Mapping[str, DossierAttachment],
    problems: Mapping[str, FieldProblem],
    language: str,
) -> list[FieldView]:
    """Every field of the step, shown or not: the page hides those whose condition fails, and
    shows them as soon as the person's choice makes the condition hold."""
    fixed = read_only_keys(procedure.form, sources)
    return [
        field_view(
            field,
            values,
            read_only=field.key in fixed,
            files=files,
            problem=problems.get(field.key),
            language=language,
        )
        for field in procedure.form.step(step).fields
    ]


def summary(
    procedure: Procedure,
    values: Mapping[str, str],
    files: Mapping[str, DossierAttachment],
    language: str,
) -> list[Section]:
    sections = []
    shown = visible_fields(procedure.form, values)
    for step in procedure.form.steps:
        lines = []
        for field in (f for f in step.fields if f in shown):
            if field.type is FieldType.FILE:
                names = [
                    files[i].file_name
                    for i in attachment_ids(values.get(field.key, ""))
                    if i in files
                ]
                lines.append((field.label_in(language), ", ".join(names)))
            else:
                lines.append(
                    (
                        field.label_in(language),
                        display_value(field, values.get(field.key, ""), language),
                    )
                )
        sections.append(Section(step.title_in(language), lines))
    return sections


def actor_name(db: Session, actor: str, language: str) -> str:
    if actor == ADMINISTRATION:
        return text(language, "dossier.actor.administration")
    account = find_account(db, actor)
    return full_name(account) if account is not None else actor


def history(db: Session, events: list[DossierEvent], language: str) -> list[EventLine]:
    names: dict[str, str] = {}
    lines = []
    for event in events:
        if event.actor not in names:
            names[event.actor] = actor_name(db, event.actor, language)
        key = f"dossier.event.{event.action}"
        lines.append(
            EventLine(
                when=when_text(event.at),
                actor=names[event.actor],
                action=text(language, key),
                message=event.message if event.action in _SHOWN_MESSAGES else "",
            )
        )
    return lines


# The events whose message the person reads in the history (a step key would mean nothing).
_SHOWN_MESSAGES = {"request_complement", "answer_complement", "close", "attach", "detach"}

# What the dossier page offers, by the action's permission and the dossier's state.
OFFERS: dict[str, tuple[Action, Permission]] = {
    "modify": (Action.SAVE, Permission.MODIFY),
    "delete": (Action.DELETE, Permission.DELETE),
    "sign": (Action.SIGN, Permission.SIGN),
    "submit": (Action.SUBMIT, Permission.SUBMIT),
    "answer": (Action.ANSWER_COMPLEMENT, Permission.SUBMIT),
}


def offers(dossier: Dossier, allowed: frozenset[Permission]) -> frozenset[str]:
    """The buttons to show: a role that cannot act sees none, and the service refuses anyway."""
    if dossier.procedure_key is None:
        return frozenset()
    return frozenset(
        name
        for name, (action, permission) in OFFERS.items()
        if permission in allowed and possible(action, dossier.status)
    )


def form_files(rows: list[DossierAttachment]) -> dict[str, DossierAttachment]:
    return {str(a.id): a for a in rows if a.purpose == AttachmentPurpose.FORM}
