"""A draft saved with what bench/fuzz_inputs.py sent through ``drafting.save``: a lone surrogate
(a forged websocket event can carry one) made SQLite raise UnicodeEncodeError at the flush."""

from __future__ import annotations

from sqlmodel import Session

from portal.dossiers import drafting
from tests.unit.portal.dossiers.dossier_world import (
    NAIMA,
    NOW,
    add_account,
    eid_session,
    sources_for,
)
from tests.unit.portal.dossiers.life_steps import start_grant


def test_a_lone_surrogate_is_saved_as_the_replacement_character(db: Session) -> None:
    add_account(db, NAIMA)
    session = eid_session(NAIMA)
    dossier = start_grant(db, session, sources_for(NAIMA))
    assert dossier.reference is not None
    dossier, problems = drafting.save(
        db,
        session,
        dossier.reference,
        step="studies",
        values={"establishment": "Universit\ud800 de Namur", "study_programme": 42},  # type: ignore[dict-item]
        version=dossier.version,
        now=NOW,
    )
    db.commit()
    db.refresh(dossier)
    assert '"establishment": "Universit\ufffd de Namur"' in dossier.data
    assert '"study_programme": "42"' in dossier.data
    assert "establishment" not in problems
