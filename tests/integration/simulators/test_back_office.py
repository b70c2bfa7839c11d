"""The administration's back office against the portal's API over real HTTP: the API served by
granian (the ASGI server Reflex runs on) from a SQLite file, the simulator on loopback, an agent
driving the simulator's pages as a browser would, and the pages in Chromium without an axe
violation."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import FilePayload, Page, expect
from sqlalchemy.engine import Engine
from sqlmodel import Session

from foundation import routes
from foundation.db import make_engine
from foundation.models.dossiers import AttachmentPurpose, DossierStatus
from foundation.models.migrate import upgrade
from foundation.settings import PROJECT_ROOT
from portal.dossiers.drafting import attachments_of
from portal.dossiers.records import by_reference
from simulators.back_office.pages import ASK_COMPLEMENT, CLOSE, GENERATE, TAKE
from simulators.back_office.web import BackOfficeSimulator
from tests.integration.conftest import free_port
from tests.integration.simulators.http_client import Response, call
from tests.unit.portal.dossiers.dossier_world import NAIMA, add_account
from tests.unit.portal.dossiers.filed_dossiers import SIGNED_PDF, file_dossier

pytestmark = pytest.mark.integration

TOKEN = "integration-back-office-token"
PDF = b"%PDF-1.7\n% the agent's own decision\n%%EOF\n"
_AXE = Axe()


@dataclass(frozen=True)
class Portal:
    url: str
    engine: Engine
    submitted: str  # references
    in_progress: str
    also_in_progress: str

    def dossier(self, reference: str) -> tuple[str, str, list[tuple[str, str, bytes]]]:
        """Its state, the administration's message, and its files (purpose, name, bytes)."""
        with Session(self.engine) as db:
            found = by_reference(db, reference)
            assert found is not None
            files = [(a.purpose, a.file_name, bytes(a.content)) for a in attachments_of(db, found)]
            return found.status, found.administration_message, files


def _wait_for_api(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"granian stopped: {log.read_text(errors='replace')[-3000:]}")
        try:
            if call("GET", url).status == 401:
                return
        except OSError:
            pass
        time.sleep(0.25)
    pytest.fail(f"the back office API did not answer: {log.read_text(errors='replace')[-3000:]}")


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Portal]:
    folder = tmp_path_factory.mktemp("portal")
    database_url = f"sqlite:///{folder / 'monespace.db'}"
    upgrade(database_url)
    engine = make_engine(database_url)
    with Session(engine) as db:
        add_account(db, NAIMA)
        references = [
            file_dossier(db, NAIMA, status=status).reference
            for status in (
                DossierStatus.SUBMITTED,
                DossierStatus.IN_PROGRESS,
                DossierStatus.IN_PROGRESS,
            )
        ]
        db.commit()
    port = free_port()
    env = {
        **os.environ,
        "MONESPACE_DATA_DIR": str(folder),
        "MONESPACE_DATABASE_URL": database_url,
        "MONESPACE_BACK_OFFICE_TOKEN": TOKEN,
        "MONESPACE_SECRET_KEY": uuid.uuid4().hex * 2,
    }
    log = folder / "granian.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "granian",
                "--interface",
                "asgi",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                "1",
                "monespace_app.back_office_routes:back_office_api",
            ],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for_api(f"{url}{routes.BACK_OFFICE_API}/dossiers", process, log)
        submitted, in_progress, also_in_progress = (str(r) for r in references)
        yield Portal(url, engine, submitted, in_progress, also_in_progress)
    finally:
        process.terminate()
        process.wait(timeout=20)
        engine.dispose()


@pytest.fixture
def back_office(portal: Portal) -> Iterator[BackOfficeSimulator]:
    simulator = BackOfficeSimulator(portal.url, TOKEN, port=0)
    simulator.start()
    yield simulator
    simulator.stop()


def post_form(url: str, fields: dict[str, str]) -> Response:
    return call(
        "POST",
        url,
        body=urlencode(fields).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )


def post_multipart(url: str, fields: dict[str, str], file: tuple[str, bytes] | None) -> Response:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    if file is not None:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="document"; '
            f'filename="{file[0]}"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
            + file[1]
            + b"\r\n"
        )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    return call("POST", url, body=body, headers=headers)


def test_the_agent_sees_the_cases_and_takes_one(
    portal: Portal, back_office: BackOfficeSimulator
) -> None:
    listing = call("GET", back_office.url + "/")
    assert listing.status == 200
    assert "Dossiers à traiter" in listing.text
    assert f'<a href="/dossiers/{portal.submitted}">{portal.submitted}</a>' in listing.text
    assert "Naïma Samira Mremi" in listing.text
    case = call("GET", back_office.case_url(portal.submitted))
    assert f">{TAKE}</button>" in case.text
    assert "BE71 0961 2345 6769" in case.text
    taken = call("POST", back_office.case_url(portal.submitted) + "/prendre-en-charge")
    assert taken.status == 303
    assert taken.headers["Location"] == f"/dossiers/{portal.submitted}?fait=pris"
    assert portal.dossier(portal.submitted)[0] == DossierStatus.IN_PROGRESS
    after = call("GET", back_office.url + taken.headers["Location"])
    assert "Le dossier est pris en charge." in after.text
    assert "En cours de traitement" in after.text
    assert f">{ASK_COMPLEMENT}</button>" in after.text

    again = call("POST", back_office.case_url(portal.submitted) + "/prendre-en-charge")
    assert again.status == 409
    assert "Cette action n&#x27;est pas possible" in again.text


def test_the_agent_asks_for_a_complement(portal: Portal, back_office: BackOfficeSimulator) -> None:
    url = back_office.case_url(portal.in_progress) + "/complement"
    refused = post_form(url, {"message": "   "})
    assert refused.status == 422
    assert "Indiquez ce qui manque au dossier." in refused.text
    asked = post_form(url, {"message": "Joignez l'attestation signée par l'école."})
    assert asked.status == 303
    status, message, _ = portal.dossier(portal.in_progress)
    assert (status, message) == (
        DossierStatus.COMPLEMENT_REQUESTED,
        "Joignez l'attestation signée par l'école.",
    )


def test_the_agent_closes_with_a_generated_decision_and_files_pass_through(
    portal: Portal, back_office: BackOfficeSimulator
) -> None:
    url = back_office.case_url(portal.also_in_progress)
    empty = post_multipart(f"{url}/cloture", {"decision": "", "document_source": "generate"}, None)
    assert empty.status == 422
    assert "Indiquez la décision et joignez le document de décision." in empty.text
    decision = "Allocation accordée : 2 400 € pour 2026-2027."
    closed = post_multipart(
        f"{url}/cloture", {"decision": decision, "document_source": "generate"}, None
    )
    assert closed.status == 303, closed.text
    status, message, files = portal.dossier(portal.also_in_progress)
    assert (status, message) == (DossierStatus.CLOSED, decision)
    (document,) = [f for f in files if f[0] == AttachmentPurpose.DECISION]
    assert document[1] == f"decision-{portal.also_in_progress}.pdf"
    assert document[2].startswith(b"%PDF-")

    page = call("GET", back_office.url + closed.headers["Location"]).text
    assert "Le dossier est clôturé" in page
    assert f">{CLOSE}</button>" not in page
    decision_id = page.split(f"/dossiers/{portal.also_in_progress}/pieces/")[-1].split('"')[0]
    handed = call("GET", f"{url}/pieces/{decision_id}")
    assert handed.status == 200
    assert handed.body == document[2]
    assert handed.headers["Content-Type"] == "application/pdf"
    assert f"decision-{portal.also_in_progress}.pdf" in handed.headers["Content-Disposition"]
    receipt = call("GET", f"{url}/accuse")
    assert (receipt.status, receipt.body) == (200, SIGNED_PDF)
    assert call("GET", f"{url}/pieces/999999").status == 404


def test_with_a_wrong_token_the_page_says_access_is_refused(portal: Portal) -> None:
    simulator = BackOfficeSimulator(portal.url, "not-the-token", port=0)
    simulator.start()
    try:
        answer = call("GET", simulator.url + "/")
        assert answer.status == 502
        assert "Accès refusé au back-office." in answer.text
    finally:
        simulator.stop()


def test_when_the_portal_is_down_the_page_says_so() -> None:
    simulator = BackOfficeSimulator(f"http://127.0.0.1:{free_port()}", TOKEN, port=0)
    simulator.start()
    try:
        answer = call("GET", simulator.url + "/")
        assert answer.status == 502
        assert "Le portail Mon Espace ne répond pas" in answer.text
    finally:
        simulator.stop()


def test_the_pages_in_chromium_have_no_axe_violation(
    page: Page, portal: Portal, back_office: BackOfficeSimulator
) -> None:
    page.goto(back_office.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Back-office de l'administration — Dossiers à traiter"
    )
    results = _AXE.run(page)
    assert results.violations_count == 0, results.generate_report()
    with Session(portal.engine) as db:
        reference = file_dossier(db, NAIMA, status=DossierStatus.IN_PROGRESS).reference
        db.commit()
    assert reference is not None
    page.goto(back_office.case_url(reference))
    expect(page.get_by_role("button", name=ASK_COMPLEMENT)).to_be_visible()
    expect(page.get_by_label(GENERATE)).to_be_checked()
    results = _AXE.run(page)
    assert results.violations_count == 0, results.generate_report()
    page.get_by_label("Décision (le demandeur la lit)").fill(
        "Allocation refusée : revenus trop élevés."
    )
    page.get_by_label("Joindre un fichier PDF").check()
    page.get_by_label("Fichier PDF de la décision (si vous en joignez un)").set_input_files(
        files=[FilePayload(name="refus.pdf", mimeType="application/pdf", buffer=PDF)]
    )
    page.get_by_role("button", name=CLOSE).click()
    expect(page.get_by_role("status")).to_contain_text("Le dossier est clôturé")
    results = _AXE.run(page)
    assert results.violations_count == 0, results.generate_report()
    status, _, files = portal.dossier(reference)
    assert status == DossierStatus.CLOSED
    assert (AttachmentPurpose.DECISION, "refus.pdf", PDF) in files
