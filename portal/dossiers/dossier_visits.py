"""The units of work of the démarche and dossier pages: the catalogue, a démarche and where it
can be started, a form's step, the dossier's page, and each action.

Each opens with the visit's check (a live session of an active account) and then calls the
rules, which check the level of assurance and the role at that moment. What leaves a unit of
work is plain values, in the page's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import col, select

from foundation import routes
from foundation.i18n.catalog import text
from foundation.models.account import AccountStatus
from foundation.models.dossiers import DossierEvent, DossierReceipt
from portal import visits
from portal.companies.roles import Permission
from portal.dossiers import drafting, permissions, submission
from portal.dossiers.authentic_sources import AuthenticSources
from portal.dossiers.catalogue import Procedure, load_catalogue
from portal.dossiers.forms.problems import FieldProblem
from portal.dossiers.places import COMPANY, PERSONAL_SPACES, Place
from portal.dossiers.professional_spaces import company_name, professional_spaces
from portal.dossiers.records import find_for, place_of, sources_of, values_of
from portal.dossiers.submission import ReceiptSigner
from portal.dossiers.views import (
    EventLine,
    FieldView,
    FileLine,
    Section,
    StepView,
    file_line,
    form_files,
    history,
    offers,
    step_fields,
    summary,
)
from portal.spaces import spaces_for

ACTIVE = (AccountStatus.ACTIVE,)


@dataclass(frozen=True, slots=True)
class StartPlace:
    key: str  # "citoyen", "enseignement" or "entreprise:0712345630"
    label: str


@dataclass(frozen=True, slots=True)
class ProcedureVisit:
    places: list[StartPlace]  # where this person may start it now; empty when not logged in


@dataclass(frozen=True, slots=True)
class FormVisit:
    reference: str
    title: str
    status: str
    version: int
    place: str  # the space's name as the page heads it
    steps: list[StepView]
    step: str
    fields: list[FieldView]
    procedure_key: str  # the page asks the form engine which fields show as choices change
    values: dict[str, str]  # the whole form's, for those conditions


@dataclass(frozen=True, slots=True)
class DossierVisit:
    reference: str
    title: str
    status: str
    version: int
    place: str
    back: str  # Mes dossiers of its space
    sections: list[Section]
    files: list[FileLine]  # the form's, the complements', the decision's
    events: list[EventLine]
    offers: frozenset[str]
    administration_message: str
    receipt: bool
    signer: str


def place_key(place: Place) -> str:
    return place.space if place.company_number is None else f"{COMPANY}:{place.company_number}"


def parse_place(key: str) -> Place:
    if key in PERSONAL_SPACES:
        return Place.personal(key)
    space, _, number = key.partition(":")
    if space == COMPANY and number.isdigit() and len(number) == 10:
        return Place.company(number)
    raise ValueError(f"not a place: {key!r}")


def place_label(place: Place, company: str, language: str) -> str:
    if place.company_number is not None:
        return text(language, "dossier.place.company").format(company=company)
    return text(language, f"spaces.{place.space}")


def open_procedure(
    session_id: str | None, key: str, *, language: str, now: datetime, bind: Engine | None = None
) -> tuple[Procedure, ProcedureVisit]:
    """The démarche, and the spaces this person may start it from (none when not logged in:
    the page offers the eID login that comes back here)."""
    procedure = load_catalogue().get(key)
    found = visits.visitor(session_id, now=now, bind=bind)
    if found is None or found.account is None or found.account.status != AccountStatus.ACTIVE:
        return procedure, ProcedureVisit([])
    with visits.entered(session_id, now=now, accepted=ACTIVE, bind=bind) as inside:
        db, row = inside.db, inside.session_row
        places: list[StartPlace] = []
        for space in spaces_for(db, row.national_number):
            if space in procedure.spaces:
                places.append(StartPlace(space, place_label(Place(space), "", language)))
        if COMPANY in procedure.spaces:
            for link in professional_spaces(db, row.national_number, now):
                place = Place.company(link.company_number)
                allowed = permissions.permissions_in(db, row, place, now)
                if Permission.CREATE in allowed:
                    places.append(
                        StartPlace(place_key(place), place_label(place, link.name, language))
                    )
        return procedure, ProcedureVisit(places)


def start(
    session_id: str | None,
    procedure_key: str,
    place: str,
    *,
    sources: AuthenticSources,
    now: datetime,
    bind: Engine | None = None,
) -> str:
    """A new draft; returns its reference (the page opens its form)."""
    with visits.entered(session_id, now=now, accepted=ACTIVE, bind=bind) as inside:
        dossier = drafting.start(
            inside.db,
            inside.session_row,
            procedure_key=procedure_key,
            place=parse_place(place),
            sources=sources,
            now=now,
        )
        assert dossier.reference is not None
        return dossier.reference


def open_form(
    session_id: str | None,
    reference: str,
    step: str = "",
    *,
    language: str,
    now: datetime,
    problems: Mapping[str, FieldProblem] | None = None,
    bind: Engine | None = None,
) -> FormVisit:
    with visits.entered(session_id, now=now, accepted=ACTIVE, bind=bind) as inside:
        db = inside.db
        dossier = find_for(db, inside.session_row, reference, Permission.MODIFY, now)
        procedure = drafting.procedure_of(dossier)
        keys = procedure.form.step_keys
        current = step if step in keys else (dossier.step if dossier.step in keys else keys[0])
        files = form_files(drafting.attachments_of(db, dossier))
        place = place_of(dossier)
        name = company_name(db, place.company_number) if place.company_number else ""
        assert dossier.reference is not None
        return FormVisit(
            reference=dossier.reference,
            title=dossier.title,
            status=dossier.status,
            version=dossier.version,
            place=place_label(place, name, language),
            steps=[
                StepView(s.key, s.title_in(language), i + 1, s.key == current)
                for i, s in enumerate(procedure.form.steps)
            ],
            step=current,
            fields=step_fields(
                procedure,
                current,
                values_of(dossier),
                sources_of(dossier),
                files,
                problems or {},
                language,
            ),
            procedure_key=procedure.key,
            values=values_of(dossier),
        )


def save_step(
    session_id: str | None,
    reference: str,
    step: str,
    values: Mapping[str, str],
    *,
    version: int | None,
    now: datetime,
    bind: Engine | None = None,
) -> dict[str, FieldProblem]:
    with visits.entered(session_id, now=now, accepted=ACTIVE, bind=bind) as inside:
        _, problems = drafting.save(
            inside.db,
            inside.session_row,
            reference,
            step=step,
            values=values,
            version=version,
            now=now,
        )
        return problems


def keep_field(
    session_id: str | None,
    reference: str,
    step: str,
    key: str,
    value: str,
    *,
    version: int | None,
    now: datetime,
    bind: Engine | None = None,
) -> int:
    """One field left, saved alone; returns the dossier's version now, which the page sends
    with its next save (the same as before when the field held what was kept already)."""
    with visits.entered(session_id, now=now, accepted=ACTIVE, bind=bind) as inside:
        dossier, _ = drafting.save(
            inside.db,
            inside.session_row,
            reference,
            step=step,
            values={key: value},
            version=version,
            now=now,
        )
        return dossier.version


def attach(
    session_id: str | None,
    reference: str,
    field_key: str,
    file_name: str,
    content: bytes,
    *,
    now: datetime,
    bind: Engine | None = None,
) -> None:
    with visits.entered(session_id, now=now, accepted=ACTIVE, bind=bind) as inside:
        drafting.attach(
            inside.db,
            inside.session_row,
            reference,
            field_key=field_key,
            file_name=file_name,
            content=content,
            now=now,
        )


def detach(
    session_id: str | None,
    reference: str,
    attachment_id: int,
    *,
    now: datetime,
    bind: Engine | None = None,
) -> None:
    with visits.entered(session_id, now=now, accepted=ACTIVE, bind=bind) as inside:
        drafting.detach(inside.db, inside.session_row, reference, attachment_id, now=now)


def back_to(place: Place) -> str:
    if place.company_number is not None:
        return routes.professional(routes.PROFESSIONAL_DOSSIERS, place.company_number)
    return routes.space_page(place.space, "dossiers")


def open_dossier(
    session_id: str | None,
    reference: str,
    *,
    language: str,
    now: datetime,
    bind: Engine | None = None,
) -> DossierVisit:
    with visits.entered(session_id, now=now, accepted=ACTIVE, bind=bind) as inside:
        db, row = inside.db, inside.session_row
        dossier = find_for(db, row, reference, Permission.READ, now)
        place = place_of(dossier)
        name = company_name(db, place.company_number) if place.company_number else ""
        rows = drafting.attachments_of(db, dossier)
        events = list(
            db.exec(
                select(DossierEvent)
                .where(DossierEvent.dossier_id == dossier.id)
                .order_by(col(DossierEvent.at), col(DossierEvent.id))
            ).all()
        )
        receipt = db.get(DossierReceipt, dossier.id)
        sections = (
            summary(drafting.procedure_of(dossier), values_of(dossier), form_files(rows), language)
            if dossier.procedure_key
            else []
        )
        assert dossier.reference is not None
        return DossierVisit(
            reference=dossier.reference,
            title=dossier.title,
            status=dossier.status,
            version=dossier.version,
            place=place_label(place, name, language),
            back=back_to(place),
            sections=sections,
            files=[file_line(a, language) for a in rows],
            events=history(db, events, language),
            offers=offers(dossier, permissions.permissions_in(db, row, place, now)),
            administration_message=dossier.administration_message,
            receipt=receipt is not None,
            signer=receipt.signer_name if receipt is not None else "",
        )


def sign(
    session_id: str | None,
    reference: str,
    *,
    version: int | None,
    signer: ReceiptSigner,
    now: datetime,
    bind: Engine | None = None,
) -> None:
    with visits.entered(session_id, now=now, accepted=ACTIVE, bind=bind) as inside:
        submission.sign(
            inside.db, inside.session_row, reference, version=version, signer=signer, now=now
        )


def submit(
    session_id: str | None,
    reference: str,
    *,
    version: int | None,
    public_origin: str,
    now: datetime,
    bind: Engine | None = None,
) -> None:
    with visits.entered(session_id, now=now, accepted=ACTIVE, bind=bind) as inside:
        submission.submit(
            inside.db,
            inside.session_row,
            reference,
            version=version,
            public_origin=public_origin,
            now=now,
        )


def remove(
    session_id: str | None, reference: str, *, now: datetime, bind: Engine | None = None
) -> str:
    """Deletes the draft; returns where the page goes (the space's Mes dossiers)."""
    with visits.entered(session_id, now=now, accepted=ACTIVE, bind=bind) as inside:
        dossier = find_for(inside.db, inside.session_row, reference, Permission.DELETE, now)
        place = place_of(dossier)
        drafting.remove(inside.db, inside.session_row, reference, now=now)
        return back_to(place)


def answer_complement(
    session_id: str | None,
    reference: str,
    *,
    message: str,
    files: list[tuple[str, bytes]],
    now: datetime,
    bind: Engine | None = None,
) -> None:
    with visits.entered(session_id, now=now, accepted=ACTIVE, bind=bind) as inside:
        submission.answer_complement(
            inside.db, inside.session_row, reference, message=message, files=files, now=now
        )
