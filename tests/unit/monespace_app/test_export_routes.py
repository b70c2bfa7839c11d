"""The CSV export's endpoint: the company's GAP downloads the file (BOM, ';', the page's
language); a visitor without a session is sent to the eID login and back, one below the eID too,
someone who does not manage the company is refused, and none of them gets a line."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel
from starlette.testclient import TestClient

import foundation.models  # noqa: F401 - registers every table
from foundation import db as database
from foundation import routes
from foundation.clock import utc_now
from foundation.settings import get_settings
from identity.assurance import LevelOfAssurance
from identity.session_cookies import cookie_names
from identity.sessions import SessionCookie
from monespace_app.export_routes import export_api
from portal.companies.dates import today
from state.i18n_state import LANGUAGE_COOKIE
from tests.unit.portal.companies.conftest import (
    CHLOE,
    JEAN_PIERRE,
    NAIMA,
    TEST_COMPANY,
    FakeRegister,
    Person,
    company,
    make_gap,
)
from tests.unit.portal.companies.factories import add_assignment
from tests.unit.portal.companies.page_sessions import log_in

EXPORT = f"{routes.ROLE_ASSIGNMENTS_EXPORT}?entreprise=0712.345.630"


@pytest.fixture
def engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """Chloé is the GAP of "Entreprise de test", where Naïma is Rédacteur de dossiers."""
    monkeypatch.setenv("MONESPACE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("MONESPACE_DATABASE_URL", f"sqlite:///{tmp_path / 'portal.db'}")
    get_settings.cache_clear()
    database.engine.cache_clear()
    engine = database.engine()
    SQLModel.metadata.create_all(engine)
    register = FakeRegister(
        {TEST_COMPANY: company(TEST_COMPANY, "Entreprise de test", representative=JEAN_PIERRE)}
    )
    now = utc_now()
    with Session(engine) as db:
        make_gap(db, register, gap=CHLOE, now=now)
        add_assignment(db, starts_on=today(now))
    yield engine
    database.engine.cache_clear()
    get_settings.cache_clear()


def client_of(
    engine: Engine, person: Person | None, level: LevelOfAssurance = LevelOfAssurance.HIGH
) -> TestClient:
    client = TestClient(export_api, follow_redirects=False)
    if person is not None:
        session_id = log_in(engine, person, level, at=utc_now())
        signed = SessionCookie(get_settings().resolved_secret_key()).encode(session_id)
        client.cookies.set(cookie_names(get_settings().public_origin).session, signed)
    return client


def test_the_gap_downloads_the_csv(engine: Engine) -> None:
    answer = client_of(engine, CHLOE).get(EXPORT)
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/csv; charset=utf-8"
    file_name = f"attributions-de-roles-{TEST_COMPANY}-{today(utc_now()).isoformat()}.csv"
    assert answer.headers["content-disposition"] == f'attachment; filename="{file_name}"'
    assert answer.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:2] == ["Rôle", "Utilisateur"]
    assert rows[1][:3] == ["Rédacteur de dossiers", "Naïma Samira Mremi", NAIMA.email]


def test_the_header_is_in_the_page_s_language(engine: Engine) -> None:
    client = client_of(engine, CHLOE)
    client.cookies.set(LANGUAGE_COOKIE, "nl")
    header = client.get(EXPORT).content.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("Rol;")


def back_to(answer_location: str) -> tuple[str, str, str]:
    parts = urlsplit(answer_location)
    query = parse_qs(parts.query)
    return parts.path, query["suite"][0], query.get("cle", [""])[0]


def test_without_a_session_the_eid_login_then_the_overview(engine: Engine) -> None:
    answer = client_of(engine, None).get(EXPORT)
    assert answer.status_code == 303
    assert back_to(answer.headers["location"]) == (
        routes.LOGIN_THEN,
        f"{routes.ROLE_ASSIGNMENTS_MANAGEMENT}?entreprise=0712.345.630",
        "eid",
    )
    assert "attachment" not in answer.headers.get("content-disposition", "")


def test_below_the_eid_the_eid_login(engine: Engine) -> None:
    answer = client_of(engine, CHLOE, LevelOfAssurance.SUBSTANTIAL).get(EXPORT)
    assert answer.status_code == 303
    assert back_to(answer.headers["location"])[2] == "eid"


def test_someone_who_does_not_manage_the_company_gets_no_line(engine: Engine) -> None:
    answer = client_of(engine, NAIMA).get(EXPORT)
    assert answer.status_code == 403
    assert answer.headers["content-type"].startswith("text/plain")
    assert NAIMA.email not in answer.text
    assert "gestionnaire d'accès principal" in answer.text


def test_a_number_that_is_not_a_company_s_is_refused(engine: Engine) -> None:
    answer = client_of(engine, CHLOE).get(f"{routes.ROLE_ASSIGNMENTS_EXPORT}?entreprise=123")
    assert answer.status_code == 400
