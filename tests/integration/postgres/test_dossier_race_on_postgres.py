"""One dossier changed by two backends at once from the same page (two co-editors of a company
dossier, a double click, a replayed event): the second is told the page is stale, and the
dossier keeps the first's values; the back office and the applicant take turns too."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from foundation.models.dossiers import Dossier
from portal.dossiers import drafting
from portal.dossiers.errors import StaleDossierError
from portal.dossiers.records import values_of
from tests.integration.postgres.racing import each_backend_at_once, meeting_before
from tests.unit.portal.dossiers.dossier_world import (
    NAIMA,
    NOW,
    add_account,
    eid_session,
    sources_for,
)
from tests.unit.portal.dossiers.life_steps import start_grant

pytestmark = pytest.mark.integration

# Both backends have read the dossier (its version) before either writes.
READ = r"^SELECT .*\bFROM dossier\s+WHERE dossier\.reference"


@pytest.fixture
def draft(postgres_engine: Engine) -> Iterator[tuple[str, int]]:
    with Session(postgres_engine) as db:
        add_account(db, NAIMA)
        dossier = start_grant(db, eid_session(NAIMA), sources_for(NAIMA))
        db.commit()
        assert dossier.reference is not None
        yield dossier.reference, dossier.version


def test_two_saves_from_the_same_page_one_is_stale(
    backends: list[Engine], postgres_engine: Engine, draft: tuple[str, int]
) -> None:
    reference, version = draft
    ibans = {id(backends[0]): "BE68539007547034", id(backends[1]): "BE71096123456769"}

    def save(engine: Engine) -> str:
        iban = ibans[id(engine)]
        with Session(engine) as db:
            drafting.save(
                db,
                eid_session(NAIMA),
                reference,
                step="payment",
                values={"iban": iban},
                version=version,
                now=NOW,
            )
            db.commit()
        return iban

    with meeting_before(backends, READ) as meeting:
        outcomes = each_backend_at_once(backends, save)
    assert meeting.together == 2
    assert len(outcomes.results) == 1, outcomes.errors
    assert [type(error) for error in outcomes.errors] == [StaleDossierError]
    with Session(postgres_engine) as db:
        dossier = db.exec(select(Dossier).where(Dossier.reference == reference)).one()
        assert values_of(dossier)["iban"] == outcomes.results[0]
        assert dossier.version == version + 1
