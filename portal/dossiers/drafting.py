"""A dossier while it is being written: started from a démarche, saved at every step (a
half-filled form is never lost), files attached and removed, deleted.

Each function finds the dossier for the session's person with the permission it needs (the role
matrix at this moment) and applies one rule of ``lifecycle``. Changing a signed dossier brings
it back to Brouillon and drops its signature.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlmodel import Session, col, delete, select

from foundation.clock import BRUSSELS
from foundation.models.dossiers import (
    AttachmentPurpose,
    Dossier,
    DossierAttachment,
    DossierEvent,
    DossierReceipt,
    DossierStatus,
    PersonalItem,
)
from foundation.models.session import UserSession
from portal.companies.roles import Permission
from portal.dossiers import permissions
from portal.dossiers.attachments import check_file
from portal.dossiers.authentic_sources import AuthenticSources
from portal.dossiers.catalogue import Procedure, load_catalogue
from portal.dossiers.errors import (
    AttachmentNotFoundError,
    AttachmentRefusedError,
    ProcedureNotForSpaceError,
)
from portal.dossiers.forms.engine import clean, prefill, validate_step
from portal.dossiers.forms.model import FieldType, Form
from portal.dossiers.forms.problems import TOO_MANY_FILES, FieldProblem
from portal.dossiers.forms.sources import COMPANY_PREFIX
from portal.dossiers.forms.values import attachment_ids
from portal.dossiers.lifecycle import Action, next_status
from portal.dossiers.places import Place
from portal.dossiers.records import (
    check_version,
    dumped,
    find_for,
    record,
    reference_for,
    sources_of,
    touch,
    values_of,
)

EID_PREFIX = "eid."


def procedure_of(dossier: Dossier) -> Procedure:
    assert dossier.procedure_key is not None  # only seeded records have none, and they are read
    return load_catalogue().get(dossier.procedure_key)


def _sources_needed(
    form: Form, place: Place, national_number: str, found: AuthenticSources
) -> dict[str, str]:
    wanted = {field.source for field in form.fields if field.source}
    values: dict[str, str] = {}
    if any(s.startswith(EID_PREFIX) for s in wanted):
        values |= found.person(national_number)
    if place.company_number is not None and any(s.startswith(COMPANY_PREFIX) for s in wanted):
        values |= found.company(place.company_number)
    return values


def start(
    db: Session,
    session: UserSession,
    *,
    procedure_key: str,
    place: Place,
    sources: AuthenticSources,
    now: datetime,
) -> Dossier:
    """A new Brouillon, prefilled from the authentic sources, in ``place``."""
    procedure = load_catalogue().get(procedure_key)
    if place.space not in procedure.spaces:
        raise ProcedureNotForSpaceError(f"{procedure_key} in {place.space}")
    permissions.require(db, session, place, Permission.CREATE, now)
    found = _sources_needed(procedure.form, place, session.national_number, sources)
    dossier = Dossier(
        national_number=session.national_number,
        space=place.space,
        company_number=place.company_number,
        procedure_key=procedure.key,
        title=procedure.title.in_language("fr"),
        status=DossierStatus.DRAFT,
        data=dumped(prefill(procedure.form, found)),
        sources=dumped(found),
        step=procedure.form.step_keys[0],
        created_at=now,
        updated_at=now,
        updated_by=session.national_number,
    )
    db.add(dossier)
    db.flush()
    assert dossier.id is not None
    dossier.reference = reference_for(dossier.id, now)
    record(db, dossier, session.national_number, Action.CREATE, now)
    return dossier


def _unsign(db: Session, dossier: Dossier, actor: str, now: datetime) -> None:
    if dossier.status == DossierStatus.SIGNED:
        receipt = db.get(DossierReceipt, dossier.id)
        if receipt is not None:
            db.delete(receipt)
            db.flush()
        dossier.signed_at = None
        dossier.signed_by = None
        record(db, dossier, actor, "unsigned", now)
    dossier.status = DossierStatus.DRAFT


def _just_saved_by(db: Session, dossier: Dossier, actor: str) -> bool:
    """A run of saves by one person is one line of the history, not one per field left."""
    last = db.exec(
        select(DossierEvent)
        .where(DossierEvent.dossier_id == dossier.id)
        .order_by(col(DossierEvent.id).desc())
        .limit(1)
    ).first()
    return last is not None and last.action == Action.SAVE and last.actor == actor


def save(
    db: Session,
    session: UserSession,
    reference: str,
    *,
    step: str,
    values: Mapping[str, str],
    version: int | None,
    now: datetime,
) -> tuple[Dossier, dict[str, FieldProblem]]:
    """Keeps what the step's fields hold, valid or not, and says what is wrong with them.

    Only the step's own fields are taken from ``values`` (files go through ``attach``); fields
    prefilled from an authentic source keep the source's value whatever was sent."""
    dossier = find_for(db, session, reference, Permission.MODIFY, now)
    check_version(dossier, version)
    next_status(Action.SAVE, dossier.status)
    procedure = procedure_of(dossier)
    form = procedure.form
    shown = form.step(step)
    # Fields the page did not send keep their value: a page sends one field when it leaves it,
    # the whole step when it moves on (an unticked box sent as "").
    typed = {
        f.key: str(values[f.key])
        for f in shown.fields
        if f.key in values and f.type is not FieldType.FILE and not f.source
    }
    sources = sources_of(dossier)
    kept = clean(form, values_of(dossier) | typed, sources=sources)
    today = now.astimezone(BRUSSELS).date()
    problems = validate_step(form, step, kept, sources=sources, today=today)
    if kept != values_of(dossier) or step != dossier.step:
        if kept != values_of(dossier):
            _unsign(db, dossier, session.national_number, now)
        dossier.data = dumped(kept)
        dossier.step = step
        touch(dossier, session.national_number, now)
        if not _just_saved_by(db, dossier, session.national_number):
            record(db, dossier, session.national_number, Action.SAVE, now, step)
    return dossier, problems


def attach(
    db: Session,
    session: UserSession,
    reference: str,
    *,
    field_key: str,
    file_name: str,
    content: bytes,
    now: datetime,
) -> DossierAttachment:
    dossier = find_for(db, session, reference, Permission.MODIFY, now)
    next_status(Action.ATTACH, dossier.status)
    field = procedure_of(dossier).form.field(field_key)
    values = values_of(dossier)
    ids = attachment_ids(values.get(field_key, ""))
    if field.type is FieldType.FILE and len(ids) >= field.max_files:
        problem = FieldProblem(TOO_MANY_FILES, {"max": str(field.max_files)})
        raise AttachmentRefusedError(problem, field=field_key)
    accepted = check_file(field, file_name, content)
    assert dossier.id is not None
    row = DossierAttachment(
        dossier_id=dossier.id,
        purpose=AttachmentPurpose.FORM,
        field_key=field_key,
        file_name=accepted.file_name,
        media_type=accepted.media_type,
        size=accepted.size,
        sha256=accepted.sha256,
        content=content,
        added_at=now,
        added_by=session.national_number,
    )
    db.add(row)
    db.flush()
    values[field_key] = ",".join([*ids, str(row.id)])
    _unsign(db, dossier, session.national_number, now)
    dossier.data = dumped(values)
    touch(dossier, session.national_number, now)
    record(db, dossier, session.national_number, Action.ATTACH, now, accepted.file_name)
    return row


def detach(
    db: Session, session: UserSession, reference: str, attachment_id: int, *, now: datetime
) -> None:
    dossier = find_for(db, session, reference, Permission.MODIFY, now)
    next_status(Action.ATTACH, dossier.status)
    row = db.get(DossierAttachment, attachment_id)
    if row is None or row.dossier_id != dossier.id or row.purpose != AttachmentPurpose.FORM:
        raise AttachmentNotFoundError(str(attachment_id))
    values = values_of(dossier)
    ids = attachment_ids(values.get(row.field_key, ""))
    values[row.field_key] = ",".join(i for i in ids if i != str(attachment_id))
    db.delete(row)
    _unsign(db, dossier, session.national_number, now)
    dossier.data = dumped(values)
    touch(dossier, session.national_number, now)
    record(db, dossier, session.national_number, "detach", now, row.file_name)


def remove(db: Session, session: UserSession, reference: str, *, now: datetime) -> str:
    """Deletes a dossier not yet submitted, with its files and history; returns its title."""
    dossier = find_for(db, session, reference, Permission.DELETE, now)
    next_status(Action.DELETE, dossier.status)
    dossier_id = dossier.id
    title = dossier.title
    for table in (DossierReceipt, DossierEvent, PersonalItem):
        db.exec(delete(table).where(col(table.dossier_id) == dossier_id))
    db.exec(delete(DossierAttachment).where(col(DossierAttachment.dossier_id) == dossier_id))
    db.delete(dossier)
    return title


def attachments_of(db: Session, dossier: Dossier) -> list[DossierAttachment]:
    return list(
        db.exec(
            select(DossierAttachment)
            .where(DossierAttachment.dossier_id == dossier.id)
            .order_by(col(DossierAttachment.id))
        ).all()
    )
