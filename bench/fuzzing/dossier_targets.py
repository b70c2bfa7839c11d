"""The form's input as the page hands it to the service: ``drafting.save`` of a dossier of each
démarche, in SQLite, with what a forged event may send (any step, any keys, values of any type).

Each input is written (``flush``) and rolled back, so every input meets the same dossiers. A
refusal is a ``DossierError`` or the engine's ``ValueError`` for a step the form does not have.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.pool import StaticPool
from sqlmodel import Session, SQLModel, create_engine

import foundation.models  # noqa: F401 - registers every table
from bench.fuzzing.form_targets import form_values
from bench.fuzzing.inputs import Inputs
from bench.fuzzing.target import ACCEPTED, BrokenRuleError, Target
from portal.dossiers import drafting
from portal.dossiers.catalogue import load_catalogue
from portal.dossiers.errors import DossierError
from portal.dossiers.places import PERSONAL_SPACES, Place
from tests.unit.portal.dossiers.dossier_world import (
    NAIMA,
    NOW,
    TEST_COMPANY,
    add_account,
    add_company,
    eid_session,
    give_role,
    make_teacher,
    sources_for,
)


@dataclass(frozen=True)
class SaveCase:
    dossier: int
    step: str
    values: dict[str, object]


def dossier_targets() -> list[Target]:
    engine = create_engine(
        "sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool
    )
    SQLModel.metadata.create_all(engine)
    db = Session(engine)
    add_account(db, NAIMA)
    add_company(db)
    give_role(db, NAIMA, "editor")
    make_teacher(db, NAIMA)
    session = eid_session(NAIMA)
    procedures = load_catalogue().all()
    references: list[tuple[str, str]] = []  # (reference, procedure key)
    for procedure in procedures:
        personal = [space for space in procedure.spaces if space in PERSONAL_SPACES]
        place = Place.personal(personal[0]) if personal else Place.company(TEST_COMPANY)
        dossier = drafting.start(
            db,
            session,
            procedure_key=procedure.key,
            place=place,
            sources=sources_for(NAIMA),
            now=NOW,
        )
        assert dossier.reference is not None
        references.append((dossier.reference, procedure.key))
    db.commit()
    forms = {procedure.key: procedure.form for procedure in procedures}

    def make(inputs: Inputs) -> SaveCase:
        which = inputs.integer(0, len(references) - 1)
        form = forms[references[which][1]]
        step = inputs.pick(form.step_keys) if inputs.chance(0.95) else inputs.text(10)
        values = form_values(form, inputs, typed_share=0.5)
        if inputs.chance(0.1):
            values[inputs.text(12)] = inputs.text(20)
        return SaveCase(which, step, values)

    def check(case: SaveCase) -> str:
        reference, key = references[case.dossier]
        try:
            try:
                _, problems = drafting.save(
                    db,
                    session,
                    reference,
                    step=case.step,
                    values=case.values,  # type: ignore[arg-type]
                    version=None,
                    now=NOW,
                )
                db.flush()  # the kept values go to SQLite here
            except ValueError as refusal:
                if isinstance(refusal, UnicodeError) or case.step in forms[key].step_keys:
                    raise
                return "ValueError (unknown step)"
        finally:
            db.rollback()
        if case.step not in forms[key].step_keys:
            raise BrokenRuleError(f"the unknown step {case.step!r} was saved")
        first = next(iter(problems.values()), None)
        return ACCEPTED if first is None else first.key

    return [
        Target(
            "forms.save_dossier",
            "portal/dossiers/drafting.py: save, every démarche, SQLite",
            weight=3,
            make=make,
            check=check,
            refusals=(DossierError,),
        )
    ]
