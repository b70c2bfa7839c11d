"""Downloading a dossier's files: the holder gets them, a company's people with a role in force
get the company's, and nobody else gets a byte: not another person, not someone whose role is
suspended, not with a file id of another dossier, not without a session."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from foundation.models.companies import AssignmentStatus
from foundation.models.dossiers import AttachmentPurpose, DossierReceipt, DossierStatus
from identity.assurance import LevelOfAssurance
from portal.dossiers import administration
from portal.dossiers.dossier_downloads import DossierFile, download
from portal.dossiers.downloads import RECEIPT
from portal.dossiers.drafting import attachments_of
from portal.dossiers.errors import (
    AttachmentNotFoundError,
    DossierNotFoundError,
    SpaceNotAllowedError,
    SubstantialLevelRequiredError,
)
from portal.dossiers.records import by_reference
from portal.visits import NotLoggedInError
from tests.unit.portal.companies.page_sessions import log_in
from tests.unit.portal.dossiers.dossier_world import (
    CHLOE,
    NAIMA,
    NOW,
    PEOPLE,
    TEST_COMPANY,
    add_company,
    give_role,
)
from tests.unit.portal.dossiers.filed_dossiers import (
    CERTIFICATE,
    SIGNED_PDF,
    add_file,
    file_dossier,
)
from tests.unit.portal.dossiers.life_steps import PDF

READER = PEOPLE["reader"]


def filed(
    engine: Engine,
    *,
    company: str | None = None,
    status: DossierStatus = DossierStatus.SUBMITTED,
) -> tuple[str, int]:
    """A dossier of Naïma's; its reference and its certificate's id."""
    with Session(engine) as db:
        dossier = file_dossier(db, NAIMA, company=company, status=status)
        (certificate,) = attachments_of(db, dossier)
        db.commit()
        assert dossier.reference is not None
        assert certificate.id is not None
        return dossier.reference, certificate.id


def files_of(engine: Engine, reference: str, purpose: AttachmentPurpose) -> list[int]:
    with Session(engine) as db:
        dossier = by_reference(db, reference)
        assert dossier is not None
        return [a.id for a in attachments_of(db, dossier) if a.purpose == purpose and a.id]


def fetch(
    engine: Engine, session_id: str | None, reference: str, **what: str | None
) -> DossierFile:
    return download(
        session_id,
        reference,
        piece=what.get("piece"),
        document=what.get("document"),
        now=NOW,
        bind=engine,
    )


def test_the_holder_downloads_an_attachment_and_the_signed_receipt(engine: Engine) -> None:
    reference, certificate = filed(engine)
    naima = log_in(engine, NAIMA)
    found = fetch(engine, naima, reference, piece=str(certificate))
    assert found == DossierFile("attestation.pdf", "application/pdf", CERTIFICATE)
    receipt = fetch(engine, naima, reference, document=RECEIPT)
    assert receipt.content == SIGNED_PDF
    assert receipt.file_name == f"accuse-de-reception-{reference}.pdf"
    assert receipt.media_type == "application/pdf"


def test_another_person_gets_the_answer_of_an_unknown_dossier(engine: Engine) -> None:
    reference, certificate = filed(engine)
    chloe = log_in(engine, CHLOE)
    with pytest.raises(DossierNotFoundError):
        fetch(engine, chloe, reference, piece=str(certificate))
    with pytest.raises(DossierNotFoundError):
        fetch(engine, chloe, reference, document=RECEIPT)


def test_without_a_session_nothing(engine: Engine) -> None:
    reference, certificate = filed(engine)
    with pytest.raises(NotLoggedInError):
        fetch(engine, None, reference, piece=str(certificate))
    with pytest.raises(NotLoggedInError):
        fetch(engine, "not-a-session", reference, piece=str(certificate))


def test_a_login_below_the_substantial_level_gets_nothing(engine: Engine) -> None:
    reference, certificate = filed(engine)
    naima = log_in(engine, NAIMA, LevelOfAssurance.LOW)
    with pytest.raises(SubstantialLevelRequiredError):
        fetch(engine, naima, reference, piece=str(certificate))


def company_dossier(engine: Engine, reader_status: AssignmentStatus) -> tuple[str, int]:
    with Session(engine) as db:
        add_company(db)
        give_role(db, READER, "reader", status=reader_status)
        db.commit()
    return filed(engine, company=TEST_COMPANY)


def test_a_company_member_with_a_role_in_force_gets_the_company_s_files(engine: Engine) -> None:
    reference, certificate = company_dossier(engine, AssignmentStatus.ACTIVE)
    reader = log_in(engine, READER)
    assert fetch(engine, reader, reference, piece=str(certificate)).content == CERTIFICATE
    assert fetch(engine, reader, reference, document=RECEIPT).content == SIGNED_PDF


def test_a_member_whose_role_is_suspended_gets_nothing(engine: Engine) -> None:
    reference, certificate = company_dossier(engine, AssignmentStatus.SUSPENDED)
    reader = log_in(engine, READER)
    with pytest.raises(SpaceNotAllowedError):
        fetch(engine, reader, reference, piece=str(certificate))


def test_the_decision_document_is_downloadable_once_closed(engine: Engine) -> None:
    reference, _ = filed(engine, status=DossierStatus.IN_PROGRESS)
    decision = PDF + b"% decision\n"
    with Session(engine) as db:
        administration.close(
            db,
            reference,
            decision="Allocation accordée.",
            document_name="décision.pdf",
            document=decision,
            public_origin="https://monespace.test",
            now=NOW,
        )
        db.commit()
    (decision_id,) = files_of(engine, reference, AttachmentPurpose.DECISION)
    naima = log_in(engine, NAIMA)
    found = fetch(engine, naima, reference, piece=str(decision_id))
    assert found.content == decision
    assert found.file_name == "décision.pdf"


def test_a_file_of_another_dossier_is_refused(engine: Engine) -> None:
    reference, _ = filed(engine)
    with Session(engine) as db:
        other = file_dossier(db, NAIMA)
        other_file = add_file(db, other, name="autre.pdf")
        db.commit()
        other_id = other_file.id
    naima = log_in(engine, NAIMA)
    with pytest.raises(AttachmentNotFoundError):
        fetch(engine, naima, reference, piece=str(other_id))


@pytest.mark.parametrize(
    "what",
    [
        {"piece": "999999"},
        {"piece": "abc"},
        {"piece": "-1"},
        {"piece": None},
        {"document": "contrat"},
        {"document": RECEIPT, "piece": "1"},
    ],
)
def test_what_names_no_file_of_the_dossier_is_not_found(
    engine: Engine, what: dict[str, str | None]
) -> None:
    reference, _ = filed(engine)
    naima = log_in(engine, NAIMA)
    with pytest.raises(AttachmentNotFoundError):
        fetch(engine, naima, reference, **what)


def test_no_receipt_before_signing(engine: Engine) -> None:
    reference, _ = filed(engine)
    with Session(engine) as db:
        dossier = by_reference(db, reference)
        assert dossier is not None
        db.delete(db.get(DossierReceipt, dossier.id))
        db.commit()
    naima = log_in(engine, NAIMA)
    with pytest.raises(AttachmentNotFoundError):
        fetch(engine, naima, reference, document=RECEIPT)
