"""The back office's API: without the token nothing is read or changed; with it, the cases, one
case, its files, and each action answered with the case as it now is, or with a JSON error in
French."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select
from starlette.testclient import TestClient

from foundation import routes
from foundation.models.dossiers import Dossier, DossierStatus
from foundation.models.outbox import OutboxMessage
from monespace_app.back_office_routes import MAX_BODY, back_office_api
from portal.dossiers.drafting import attachments_of
from portal.dossiers.records import by_reference
from tests.unit.monespace_app.portal_files import portal_engine
from tests.unit.portal.dossiers.dossier_world import NAIMA, NOW, add_account
from tests.unit.portal.dossiers.filed_dossiers import CERTIFICATE, SIGNED_PDF, file_dossier
from tests.unit.portal.dossiers.life_steps import PDF

TOKEN = "back-office-test-token"
API = f"{routes.BACK_OFFICE_API}/dossiers"


@pytest.fixture
def engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    with portal_engine(tmp_path, monkeypatch, back_office_token=TOKEN) as engine:
        with Session(engine) as db:
            add_account(db, NAIMA)
            db.commit()
        yield engine


def filed(engine: Engine, status: DossierStatus = DossierStatus.SUBMITTED) -> str:
    with Session(engine) as db:
        dossier = file_dossier(db, NAIMA, status=status)
        db.commit()
        assert dossier.reference is not None
        return dossier.reference


def status_of(engine: Engine, reference: str) -> str:
    with Session(engine) as db:
        dossier = by_reference(db, reference)
        assert dossier is not None
        return dossier.status


def certificate_id(engine: Engine, reference: str) -> int:
    with Session(engine) as db:
        dossier = by_reference(db, reference)
        assert dossier is not None
        (row,) = attachments_of(db, dossier)
        assert row.id is not None
        return row.id


def client(token: str | None = TOKEN) -> TestClient:
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return TestClient(back_office_api, headers=headers)


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}],
)
def test_without_the_token_nothing_is_read(engine: Engine, headers: dict[str, str]) -> None:
    reference = filed(engine)
    for path in (API, f"{API}/{reference}", f"{API}/{reference}/receipt"):
        answer = TestClient(back_office_api, headers=headers).get(path)
        assert answer.status_code == 401
        assert answer.json() == {
            "error": "back_office_refused",
            "message": "Accès refusé au back-office.",
        }
        assert answer.headers["www-authenticate"] == "Bearer"
        assert SIGNED_PDF not in answer.content


def test_without_the_token_nothing_changes(engine: Engine) -> None:
    reference = filed(engine)
    assert client("wrong").post(f"{API}/{reference}/take").status_code == 401
    assert client(None).post(f"{API}/{reference}/close", json={"decision": "x"}).status_code == 401
    assert status_of(engine, reference) == DossierStatus.SUBMITTED


def test_the_list_of_cases(engine: Engine) -> None:
    reference = filed(engine)
    filed(engine, DossierStatus.DRAFT)
    answer = client().get(API)
    assert answer.status_code == 200
    assert answer.headers["cache-control"] == "no-store"
    (case,) = answer.json()["dossiers"]
    assert (case["reference"], case["status_label"], case["holder_name"]) == (
        reference,
        "Introduit",
        "Naïma Samira Mremi",
    )


def test_one_case(engine: Engine) -> None:
    reference = filed(engine)
    case = client().get(f"{API}/{reference}").json()
    assert case["title"] == "Allocation d'études supérieures"
    assert case["actions"] == ["take"]
    assert case["attachments"][0]["name"] == "attestation.pdf"


def test_an_unknown_case_is_a_404_in_french(engine: Engine) -> None:
    answer = client().get(f"{API}/ME-2026-999999")
    assert answer.status_code == 404
    assert answer.json()["error"] == "dossier_not_found"
    assert answer.json()["message"].startswith("Ce dossier n'existe pas")


def test_the_files_of_a_case(engine: Engine) -> None:
    reference = filed(engine)
    piece = client().get(f"{API}/{reference}/attachments/{certificate_id(engine, reference)}")
    assert piece.status_code == 200
    assert piece.content == CERTIFICATE
    assert piece.headers["content-type"] == "application/pdf"
    assert piece.headers["content-disposition"].startswith('attachment; filename="attestation.pdf"')
    receipt = client().get(f"{API}/{reference}/receipt")
    assert (receipt.status_code, receipt.content) == (200, SIGNED_PDF)
    assert f"accuse-de-reception-{reference}.pdf" in receipt.headers["content-disposition"]
    other = filed(engine)
    for path in (
        f"{API}/{other}/attachments/{certificate_id(engine, reference)}",
        f"{API}/{reference}/attachments/nope",
    ):
        answer = client().get(path)
        assert (answer.status_code, answer.json()["error"]) == (404, "attachment_not_found")


def test_take_twice(engine: Engine) -> None:
    reference = filed(engine)
    taken = client().post(f"{API}/{reference}/take")
    assert (taken.status_code, taken.json()["status"]) == (200, "in_progress")
    again = client().post(f"{API}/{reference}/take")
    assert (again.status_code, again.json()["error"]) == (409, "wrong_status")
    assert again.json()["message"].startswith("Cette action n'est pas possible")


def test_ask_a_complement(engine: Engine) -> None:
    reference = filed(engine, DossierStatus.IN_PROGRESS)
    for body in ({"message": "  "}, {"texte": "x"}, ["x"]):
        refused = client().post(f"{API}/{reference}/complement", json=body)
        assert (refused.status_code, refused.json()["error"]) == (422, "complement_message_missing")
    not_json = client().post(f"{API}/{reference}/complement", content=b"message=x")
    assert not_json.status_code == 422
    asked = client().post(f"{API}/{reference}/complement", json={"message": "L'IBAN manque."})
    assert asked.status_code == 200
    assert asked.json()["status"] == "complement_requested"
    with Session(engine) as db:
        (mail,) = db.exec(select(OutboxMessage)).all()
        assert mail.recipient == NAIMA.email


def test_close_with_a_document_in_json(engine: Engine) -> None:
    reference = filed(engine, DossierStatus.IN_PROGRESS)
    body = {
        "decision": "Allocation accordée.",
        "document_name": "décision.pdf",
        "document_base64": base64.b64encode(PDF).decode(),
    }
    closed = client().post(f"{API}/{reference}/close", json=body)
    assert closed.status_code == 200, closed.text
    assert closed.json()["status_label"] == "Clôturé"
    decision = closed.json()["attachments"][-1]
    assert (decision["purpose"], decision["name"]) == ("decision", "décision.pdf")
    got = client().get(f"{API}/{reference}/attachments/{decision['id']}")
    assert got.content == PDF
    assert "filename*=UTF-8''d%C3%A9cision.pdf" in got.headers["content-disposition"]


def test_close_with_an_uploaded_document(engine: Engine) -> None:
    reference = filed(engine, DossierStatus.IN_PROGRESS)
    closed = client().post(
        f"{API}/{reference}/close",
        data={"decision": "Allocation refusée."},
        files={"document": ("refus.pdf", PDF, "application/pdf")},
    )
    assert closed.status_code == 200, closed.text
    assert closed.json()["administration_message"] == "Allocation refusée."


@pytest.mark.parametrize(
    "body",
    [
        {"decision": "Accordé."},
        {"decision": "", "document_base64": base64.b64encode(PDF).decode()},
        {"decision": "Accordé.", "document_base64": "pas du base64 !"},
    ],
)
def test_close_needs_the_decision_and_its_document(engine: Engine, body: dict[str, str]) -> None:
    reference = filed(engine, DossierStatus.IN_PROGRESS)
    refused = client().post(f"{API}/{reference}/close", json=body)
    assert (refused.status_code, refused.json()["error"]) == (422, "decision_missing")
    assert refused.json()["message"] == "Indiquez la décision et joignez le document de décision."
    assert status_of(engine, reference) == DossierStatus.IN_PROGRESS


def test_close_refuses_what_is_not_a_document(engine: Engine) -> None:
    reference = filed(engine, DossierStatus.IN_PROGRESS)
    body = {"decision": "Accordé.", "document_base64": base64.b64encode(b"MZ\x90").decode()}
    refused = client().post(f"{API}/{reference}/close", json=body)
    assert (refused.status_code, refused.json()["error"]) == (422, "attachment_refused")
    assert "PDF" in refused.json()["message"]


def test_close_refuses_a_body_too_large_before_reading_it(engine: Engine) -> None:
    reference = filed(engine, DossierStatus.IN_PROGRESS)
    answer = client().post(
        f"{API}/{reference}/close",
        content=b"{}",
        headers={"Content-Length": str(MAX_BODY + 1), "Content-Type": "application/json"},
    )
    assert answer.status_code == 413
    assert answer.json()["error"] == "attachment_refused"


def test_seeded_records_without_reference_are_not_cases(engine: Engine) -> None:
    with Session(engine) as db:
        db.add(
            Dossier(
                national_number=NAIMA.national_number,
                space="citoyen",
                title="Prime à la rénovation",
                status=DossierStatus.IN_PROGRESS,
                updated_at=NOW,
            )
        )
        db.commit()
    assert client().get(API).json() == {"dossiers": []}
