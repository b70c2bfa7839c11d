"""What the back office reads of a case: who filed it, the form's values by their labels, the
files with their digests, the history and the actions the case's state allows; and the answers
of the actions, which are the case as it now is."""

from __future__ import annotations

import base64

import pytest
from sqlmodel import Session

from foundation.models.dossiers import AttachmentPurpose, DossierStatus
from portal.dossiers import back_office_view as view
from portal.dossiers.administration import (
    BackOfficeRefusedError,
    ComplementMessageMissingError,
    DecisionMissingError,
)
from portal.dossiers.errors import (
    AttachmentNotFoundError,
    AttachmentRefusedError,
    DossierNotFoundError,
    WrongStatusError,
)
from tests.unit.portal.dossiers.dossier_world import (
    NAIMA,
    NOW,
    TEST_COMPANY,
    add_account,
    add_company,
)
from tests.unit.portal.dossiers.filed_dossiers import CERTIFICATE, SIGNED_PDF, file_dossier
from tests.unit.portal.dossiers.life_steps import PDF

ORIGIN = "https://monespace.test"


@pytest.fixture
def naima(db: Session) -> Session:
    add_account(db, NAIMA)
    return db


def reference_of(db: Session, **kwargs: object) -> str:
    dossier = file_dossier(db, NAIMA, **kwargs)  # type: ignore[arg-type]
    assert dossier.reference is not None
    return dossier.reference


def test_the_list_has_the_cases_sent_and_not_closed_oldest_first(naima: Session) -> None:
    add_company(naima)
    first = reference_of(naima)
    company = reference_of(naima, company=TEST_COMPANY, status=DossierStatus.IN_PROGRESS)
    reference_of(naima, status=DossierStatus.CLOSED)
    reference_of(naima, status=DossierStatus.DRAFT)
    listed = view.case_list(naima)
    assert [c["reference"] for c in listed] == [first, company]
    assert listed[0] | {"submitted_at": None} == {
        "reference": first,
        "title": "Allocation d'études supérieures",
        "status": "submitted",
        "status_label": "Introduit",
        "holder": NAIMA.national_number,
        "holder_name": "Naïma Samira Mremi",
        "submitted_at": None,
    }
    assert listed[0]["submitted_at"] == "2026-02-28T09:00:00+00:00"
    assert (listed[1]["holder"], listed[1]["holder_name"]) == (TEST_COMPANY, "Entreprise de test")
    assert listed[1]["status_label"] == "En cours de traitement"


def test_a_case_in_full(naima: Session) -> None:
    reference = reference_of(naima)
    case = view.case_detail(naima, reference)
    assert case["reference"] == reference
    assert case["status_label"] == "Introduit"
    assert case["holder"] == {
        "national_number": NAIMA.national_number,
        "name": "Naïma Samira Mremi",
    }
    assert case["company"] is None
    assert case["actions"] == ["take"]
    titles = [s["title"] for s in case["sections"]]
    assert len(titles) == 5
    lines = {line["label"]: line["value"] for s in case["sections"] for line in s["lines"]}
    assert lines["Numéro de compte (IBAN) de l'étudiant"] == "BE71 0961 2345 6769"
    assert "attestation.pdf" in lines.values()
    (attachment,) = case["attachments"]
    assert attachment["name"] == "attestation.pdf"
    assert attachment["size"] == len(CERTIFICATE)
    assert attachment["purpose"] == "form"
    assert len(attachment["sha256"]) == 64
    assert case["receipt"]["signer_name"] == "Naïma Samira Mremi"
    assert [e["action"] for e in case["history"]] == ["create", "sign", "submit"]
    assert case["history"][0]["actor_name"] == "Naïma Samira Mremi"


def test_a_company_s_case_names_the_company(naima: Session) -> None:
    add_company(naima)
    reference = reference_of(naima, company=TEST_COMPANY)
    case = view.case_detail(naima, reference)
    assert case["company"] == {"number": TEST_COMPANY, "name": "Entreprise de test"}


def test_a_draft_is_not_the_administration_s(naima: Session) -> None:
    reference = reference_of(naima, status=DossierStatus.DRAFT)
    with pytest.raises(DossierNotFoundError):
        view.case_detail(naima, reference)
    with pytest.raises(DossierNotFoundError):
        view.case_receipt(naima, reference)


def test_the_files_of_a_case(naima: Session) -> None:
    reference = reference_of(naima)
    (attachment,) = view.case_detail(naima, reference)["attachments"]
    assert view.case_attachment(naima, reference, attachment["id"]).content == CERTIFICATE
    assert view.case_receipt(naima, reference).content == SIGNED_PDF
    other = reference_of(naima)
    with pytest.raises(AttachmentNotFoundError):
        view.case_attachment(naima, other, attachment["id"])


def test_take_then_ask_a_complement_then_close(naima: Session) -> None:
    reference = reference_of(naima)
    taken = view.take(naima, reference, now=NOW)
    assert (taken["status"], taken["actions"]) == ("in_progress", ["request_complement", "close"])
    asked = view.request_complement(
        naima, reference, message="Le certificat n'est pas signé.", public_origin=ORIGIN, now=NOW
    )
    assert asked["status_label"] == "Complément demandé"
    assert asked["administration_message"] == "Le certificat n'est pas signé."
    assert asked["actions"] == []
    assert asked["history"][-1]["actor_name"] == "Administration"


def test_closing_keeps_the_decision_document(naima: Session) -> None:
    reference = reference_of(naima, status=DossierStatus.IN_PROGRESS)
    closed = view.close(
        naima,
        reference,
        decision="Allocation accordée : 2 400 €.",
        document_name="decision.pdf",
        document=PDF,
        public_origin=ORIGIN,
        now=NOW,
    )
    assert closed["status"] == "closed"
    assert closed["closed_at"] == NOW.isoformat()
    decision = [a for a in closed["attachments"] if a["purpose"] == AttachmentPurpose.DECISION]
    assert [a["name"] for a in decision] == ["decision.pdf"]


def test_what_the_actions_refuse(naima: Session) -> None:
    reference = reference_of(naima)
    with pytest.raises(WrongStatusError):
        view.close(
            naima,
            reference,
            decision="Accordé",
            document_name="d.pdf",
            document=PDF,
            public_origin=ORIGIN,
            now=NOW,
        )
    view.take(naima, reference, now=NOW)
    with pytest.raises(ComplementMessageMissingError):
        view.request_complement(naima, reference, message=42, public_origin=ORIGIN, now=NOW)
    with pytest.raises(DecisionMissingError):
        view.close(
            naima,
            reference,
            decision=None,
            document_name="d.pdf",
            document=PDF,
            public_origin=ORIGIN,
            now=NOW,
        )
    with pytest.raises(AttachmentRefusedError):
        view.close(
            naima,
            reference,
            decision="Accordé",
            document_name="d.exe",
            document=b"MZ\x90\x00",
            public_origin=ORIGIN,
            now=NOW,
        )


def test_a_document_in_base64() -> None:
    assert view.decoded_document("ME", base64.b64encode(PDF).decode()) == PDF
    for bad in ("%%%", None, 12):
        with pytest.raises(DecisionMissingError):
            view.decoded_document("ME", bad)


@pytest.mark.parametrize(
    ("error", "code", "status"),
    [
        (BackOfficeRefusedError(), "back_office_refused", 401),
        (DossierNotFoundError(), "dossier_not_found", 404),
        (AttachmentNotFoundError(), "attachment_not_found", 404),
        (WrongStatusError(), "wrong_status", 409),
        (DecisionMissingError(), "decision_missing", 422),
        (ComplementMessageMissingError(), "complement_message_missing", 422),
    ],
)
def test_errors_have_a_code_and_a_status(error: Exception, code: str, status: int) -> None:
    assert (view.error_code(error), view.http_status(error)) == (code, status)
