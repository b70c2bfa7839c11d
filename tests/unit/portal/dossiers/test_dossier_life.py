"""A dossier's life through the services: Brouillon → Signé → Introduit → En cours de
traitement → Complément demandé → Introduit → … → Clôturé, each refusal included."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from sqlmodel import Session, col, select

from foundation.models.dossiers import (
    Dossier,
    DossierEvent,
    DossierReceipt,
    DossierStatus,
    PersonalItem,
)
from foundation.models.outbox import OutboxMessage
from identity.assurance import LevelOfAssurance
from portal.dossiers import administration, drafting, submission
from portal.dossiers.errors import (
    AttachmentRefusedError,
    ComplementAnswerEmptyError,
    DossierNotFoundError,
    EidRequiredError,
    FormIncompleteError,
    ProcedureNotForSpaceError,
    StaleDossierError,
    WrongStatusError,
)
from portal.dossiers.places import Place
from tests.unit.portal.dossiers.dossier_world import (
    CHLOE,
    NAIMA,
    NOW,
    add_account,
    eid_session,
    session_of,
    sources_for,
)
from tests.unit.portal.dossiers.life_steps import PDF, PNG, CardSigner, fill, start_grant

ORIGIN = "https://monespace.test"
LATER = NOW + timedelta(minutes=10)


@pytest.fixture
def naima(db: Session) -> Session:
    add_account(db, NAIMA)
    return db


def test_starting_prefills_from_the_card_and_keeps_it_read_only(naima: Session) -> None:
    session = eid_session(NAIMA)
    dossier = start_grant(naima, session, sources_for(NAIMA))
    assert dossier.status == DossierStatus.DRAFT
    assert dossier.reference == f"ME-2026-{dossier.id:06d}"
    assert '"surname": "Mremi"' in dossier.data
    # A forged value for a field from the card is ignored: the card's value stays.
    assert dossier.reference is not None
    dossier, _ = drafting.save(
        naima,
        session,
        dossier.reference,
        step="identity",
        values={"surname": "Dupont", "email": "nmr@ewbs.be"},
        version=dossier.version,
        now=NOW,
    )
    assert '"surname": "Mremi"' in dossier.data
    assert '"email": "nmr@ewbs.be"' in dossier.data


def test_starting_needs_the_eid(naima: Session) -> None:
    session = session_of(NAIMA, level=LevelOfAssurance.SUBSTANTIAL)
    with pytest.raises(EidRequiredError):
        start_grant(naima, session, sources_for(NAIMA))
    assert naima.exec(select(Dossier)).all() == []


def test_a_company_demarche_cannot_start_in_a_personal_space(naima: Session) -> None:
    with pytest.raises(ProcedureNotForSpaceError):
        drafting.start(
            naima,
            eid_session(NAIMA),
            procedure_key="ape-sesam",
            place=Place.personal("citoyen"),
            sources=sources_for(NAIMA),
            now=NOW,
        )


def test_a_draft_keeps_wrong_values_and_says_what_is_wrong(naima: Session) -> None:
    session = eid_session(NAIMA)
    dossier = start_grant(naima, session, sources_for(NAIMA))
    assert dossier.reference is not None
    dossier, problems = drafting.save(
        naima,
        session,
        dossier.reference,
        step="payment",
        values={"iban": "BE00 1234"},
        version=dossier.version,
        now=NOW,
    )
    assert problems["iban"].key == "form.error.iban"
    assert '"iban": "BE00 1234"' in dossier.data  # kept as typed: nothing is lost
    assert dossier.step == "payment"  # the page comes back to this step


def test_a_save_from_a_stale_page_is_refused(naima: Session) -> None:
    session = eid_session(NAIMA)
    dossier = start_grant(naima, session, sources_for(NAIMA))
    assert dossier.reference is not None
    stale = dossier.version
    drafting.save(
        naima,
        session,
        dossier.reference,
        step="payment",
        values={"iban": "x"},
        version=stale,
        now=NOW,
    )
    with pytest.raises(StaleDossierError):
        drafting.save(
            naima,
            session,
            dossier.reference,
            step="payment",
            values={"iban": "y"},
            version=stale,
            now=NOW,
        )


def test_someone_else_cannot_see_the_dossier(naima: Session) -> None:
    dossier = start_grant(naima, eid_session(NAIMA), sources_for(NAIMA))
    assert dossier.reference is not None
    with pytest.raises(DossierNotFoundError):
        drafting.save(
            naima,
            eid_session(CHLOE),
            dossier.reference,
            step="payment",
            values={},
            version=None,
            now=NOW,
        )


def test_a_file_is_checked_on_its_content(naima: Session) -> None:
    session = eid_session(NAIMA)
    dossier = start_grant(naima, session, sources_for(NAIMA))
    assert dossier.reference is not None
    with pytest.raises(AttachmentRefusedError) as refused:
        drafting.attach(
            naima,
            session,
            dossier.reference,
            field_key="enrolment_certificate",
            file_name="attestation.pdf",
            content=PNG,
            now=NOW,
        )
    assert refused.value.field == "enrolment_certificate"
    row = drafting.attach(
        naima,
        session,
        dossier.reference,
        field_key="enrolment_certificate",
        file_name="../../attestation.pdf",
        content=PDF,
        now=NOW,
    )
    assert row.file_name == "attestation.pdf"
    assert row.sha256 == hashlib.sha256(PDF).hexdigest()


def test_signing_needs_a_complete_form(naima: Session) -> None:
    session = eid_session(NAIMA)
    dossier = start_grant(naima, session, sources_for(NAIMA))
    signer = CardSigner()
    assert dossier.reference is not None
    with pytest.raises(FormIncompleteError) as refused:
        submission.sign(naima, session, dossier.reference, version=None, signer=signer, now=NOW)
    assert "iban" in refused.value.problems
    assert signer.signed == []  # the card was never asked


def test_the_whole_life(naima: Session) -> None:
    session = eid_session(NAIMA)
    dossier = fill(naima, session, start_grant(naima, session, sources_for(NAIMA)))
    reference = dossier.reference
    assert reference is not None
    with pytest.raises(WrongStatusError):
        submission.submit(naima, session, reference, version=None, public_origin=ORIGIN, now=NOW)
    signer = CardSigner()
    dossier = submission.sign(naima, session, reference, version=None, signer=signer, now=NOW)
    assert dossier.status == DossierStatus.SIGNED
    content, national_number = signer.signed[0]
    assert national_number == NAIMA.national_number  # the card must be Naïma's
    assert content.attachments[0][0] == "attestation.pdf"
    assert content.attachments[0][2] == hashlib.sha256(PDF).hexdigest()
    labels = {label: value for _, lines in content.sections for label, value in lines}
    assert labels["Nom"] == "Mremi"
    dossier = submission.submit(
        naima, session, reference, version=None, public_origin=ORIGIN, now=NOW
    )
    assert dossier.status == DossierStatus.SUBMITTED
    mail = naima.exec(select(OutboxMessage)).one()
    assert mail.recipient == NAIMA.email
    assert reference in mail.subject
    kinds = {i.kind for i in naima.exec(select(PersonalItem)).all()}
    assert kinds == {"document", "notification"}
    # The administration's side.
    administration.take(naima, reference, now=LATER)
    administration.request_complement(
        naima,
        reference,
        message="Joignez l'avertissement-extrait de rôle.",
        public_origin=ORIGIN,
        now=LATER,
    )
    with pytest.raises(ComplementAnswerEmptyError):
        submission.answer_complement(naima, session, reference, message=" ", files=[], now=LATER)
    dossier = submission.answer_complement(
        naima,
        session,
        reference,
        message="Voici le document.",
        files=[("avertissement.pdf", PDF)],
        now=LATER,
    )
    assert dossier.status == DossierStatus.SUBMITTED
    administration.take(naima, reference, now=LATER)
    dossier = administration.close(
        naima,
        reference,
        decision="Allocation octroyée : 1 850,00 EUR.",
        document_name="decision.pdf",
        document=PDF,
        public_origin=ORIGIN,
        now=LATER,
    )
    assert dossier.status == DossierStatus.CLOSED
    actions = [
        e.action for e in naima.exec(select(DossierEvent).order_by(col(DossierEvent.id))).all()
    ]
    assert actions[-7:] == [
        "sign",
        "submit",
        "take",
        "request_complement",
        "answer_complement",
        "take",
        "close",
    ]
    subjects = [m.subject for m in naima.exec(select(OutboxMessage)).all()]
    assert any("Complément demandé" in s for s in subjects)
    assert any("Décision" in s for s in subjects)


def test_changing_a_signed_dossier_drops_its_signature(naima: Session) -> None:
    session = eid_session(NAIMA)
    dossier = fill(naima, session, start_grant(naima, session, sources_for(NAIMA)))
    assert dossier.reference is not None
    submission.sign(naima, session, dossier.reference, version=None, signer=CardSigner(), now=NOW)
    dossier, _ = drafting.save(
        naima,
        session,
        dossier.reference,
        step="payment",
        values={"iban": "BE68 5390 0754 7034"},
        version=None,
        now=NOW,
    )
    assert dossier.status == DossierStatus.DRAFT
    assert naima.get(DossierReceipt, dossier.id) is None


def test_a_submitted_dossier_can_no_longer_change_or_go(naima: Session) -> None:
    session = eid_session(NAIMA)
    dossier = fill(naima, session, start_grant(naima, session, sources_for(NAIMA)))
    reference = dossier.reference
    assert reference is not None
    submission.sign(naima, session, reference, version=None, signer=CardSigner(), now=NOW)
    submission.submit(naima, session, reference, version=None, public_origin=ORIGIN, now=NOW)
    with pytest.raises(WrongStatusError):
        drafting.save(naima, session, reference, step="payment", values={}, version=None, now=NOW)
    with pytest.raises(WrongStatusError):
        drafting.remove(naima, session, reference, now=NOW)
    with pytest.raises(WrongStatusError):
        administration.close(
            naima,
            reference,
            decision="x",
            document_name="d.pdf",
            document=PDF,
            public_origin=ORIGIN,
            now=NOW,
        )


def test_a_draft_can_be_deleted_with_its_files(naima: Session) -> None:
    session = eid_session(NAIMA)
    dossier = fill(naima, session, start_grant(naima, session, sources_for(NAIMA)))
    assert dossier.reference is not None
    assert drafting.remove(naima, session, dossier.reference, now=NOW) == dossier.title
    assert naima.exec(select(Dossier)).all() == []


def test_the_back_office_needs_its_token() -> None:
    administration.require_back_office("s3cret", "s3cret")
    for wrong in (None, "", "other"):
        with pytest.raises(administration.BackOfficeRefusedError):
            administration.require_back_office(wrong, "s3cret")
    with pytest.raises(administration.BackOfficeRefusedError):
        administration.require_back_office("", "")


def test_saving_one_field_keeps_the_others_of_its_step(naima: Session) -> None:
    session = eid_session(NAIMA)
    dossier = start_grant(naima, session, sources_for(NAIMA))
    assert dossier.reference is not None
    drafting.save(
        naima,
        session,
        dossier.reference,
        step="studies",
        values={"establishment": "UNamur", "study_programme": "Biologie"},
        version=None,
        now=NOW,
    )
    dossier, _ = drafting.save(
        naima,
        session,
        dossier.reference,
        step="studies",
        values={"establishment": "Université de Namur"},
        version=None,
        now=NOW,
    )
    assert '"study_programme": "Biologie"' in dossier.data
    assert '"establishment": "Université de Namur"' in dossier.data
