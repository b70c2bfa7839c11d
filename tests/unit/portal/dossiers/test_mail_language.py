"""The dossiers' e-mails, French only until issue #18, are in the holder's language, the
démarche named in it; the administration's own words stay as written."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, col, select

from foundation.models.account import Account
from foundation.models.outbox import OutboxMessage
from portal.dossiers import administration, submission
from tests.unit.portal.dossiers.dossier_world import (
    NAIMA,
    NOW,
    add_account,
    eid_session,
    sources_for,
)
from tests.unit.portal.dossiers.life_steps import CardSigner, fill, start_grant

ORIGIN = "https://monespace.test"
LATER = NOW + timedelta(minutes=10)


def test_a_dutch_reader_gets_every_step_of_the_dossier_in_dutch(db: Session) -> None:
    add_account(db, NAIMA)
    account = db.exec(select(Account)).one()
    account.language = "nl"
    db.add(account)
    db.commit()
    session = eid_session(NAIMA)
    dossier = fill(db, session, start_grant(db, session, sources_for(NAIMA)))
    reference = dossier.reference
    assert reference is not None
    submission.sign(db, session, reference, version=None, signer=CardSigner(), now=NOW)
    submission.submit(db, session, reference, version=None, public_origin=ORIGIN, now=NOW)
    administration.take(db, reference, now=LATER)
    administration.request_complement(
        db,
        reference,
        message="Joignez l'avertissement-extrait de rôle.",
        public_origin=ORIGIN,
        now=LATER,
    )
    mails = db.exec(select(OutboxMessage).order_by(col(OutboxMessage.id))).all()
    submitted, complement = mails
    assert submitted.recipient == NAIMA.email
    assert submitted.subject == f"Ontvangstbewijs van uw dossier {reference}"
    assert f"Uw dossier {reference} “Studietoelage voor hoger onderwijs” werd op " in (
        submitted.text_body
    )
    assert f"Mijn dossier raadplegen: {ORIGIN}/" in submitted.text_body
    assert '<html lang="nl">' in (submitted.html_body or "")
    assert complement.subject == f"Aanvulling gevraagd voor uw dossier {reference}"
    # The administration's message is its own, as written.
    assert "\n\nJoignez l'avertissement-extrait de rôle.\n\n" in complement.text_body
