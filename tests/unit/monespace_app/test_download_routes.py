"""The download endpoint of a dossier's files: the holder's browser saves the file (its name, its
type, never cached); without a session the eID login comes back to the dossier; anyone else gets
a refusal in their language and not a byte."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session
from starlette.testclient import TestClient

from foundation import routes
from foundation.clock import utc_now
from foundation.models.companies import AssignmentStatus
from foundation.settings import get_settings
from identity.session_cookies import cookie_names
from identity.sessions import SessionCookie
from monespace_app.download_routes import download_api
from portal.dossiers.drafting import attachments_of
from state.i18n_state import LANGUAGE_COOKIE
from tests.unit.monespace_app.portal_files import portal_engine
from tests.unit.portal.companies.page_sessions import log_in
from tests.unit.portal.dossiers.dossier_world import (
    CHLOE,
    NAIMA,
    PEOPLE,
    TEST_COMPANY,
    Person,
    add_company,
    give_role,
)
from tests.unit.portal.dossiers.filed_dossiers import CERTIFICATE, SIGNED_PDF, file_dossier


@pytest.fixture
def engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    with portal_engine(tmp_path, monkeypatch) as engine:
        yield engine


@pytest.fixture
def filed(engine: Engine) -> tuple[str, int]:
    """Naïma's dossier: its reference and its certificate's id."""
    with Session(engine) as db:
        dossier = file_dossier(db, NAIMA)
        (certificate,) = attachments_of(db, dossier)
        db.commit()
        assert dossier.reference is not None
        assert certificate.id is not None
        return dossier.reference, certificate.id


def browser(engine: Engine, person: Person | None) -> TestClient:
    client = TestClient(download_api, follow_redirects=False)
    if person is not None:
        # The session must be live now: the endpoint reads the real clock.
        session_id = log_in(engine, person, at=utc_now())
        signed = SessionCookie(get_settings().resolved_secret_key()).encode(session_id)
        client.cookies.set(cookie_names(get_settings().public_origin).session, signed)
    return client


def url(reference: str, **query: str) -> str:
    extra = "".join(f"&{k}={v}" for k, v in query.items())
    return f"{routes.DOSSIER_DOWNLOAD}?reference={reference}{extra}"


def test_the_holder_saves_the_piece(engine: Engine, filed: tuple[str, int]) -> None:
    reference, certificate = filed
    answer = browser(engine, NAIMA).get(url(reference, piece=str(certificate)))
    assert answer.status_code == 200
    assert answer.content == CERTIFICATE
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.headers["content-disposition"] == (
        "attachment; filename=\"attestation.pdf\"; filename*=UTF-8''attestation.pdf"
    )
    assert answer.headers["cache-control"] == "no-store"


def test_the_holder_saves_the_signed_receipt(engine: Engine, filed: tuple[str, int]) -> None:
    reference, _ = filed
    answer = browser(engine, NAIMA).get(url(reference, document="accuse"))
    assert answer.status_code == 200
    assert answer.content == SIGNED_PDF
    assert (
        f'filename="accuse-de-reception-{reference}.pdf"' in answer.headers["content-disposition"]
    )


def test_without_a_session_the_eid_login_then_the_dossier(
    engine: Engine, filed: tuple[str, int]
) -> None:
    reference, certificate = filed
    answer = browser(engine, None).get(url(reference, piece=str(certificate)))
    assert answer.status_code == 303
    parts = urlsplit(answer.headers["location"])
    query = parse_qs(parts.query)
    assert (parts.path, query["suite"], query["cle"]) == (
        routes.LOGIN_THEN,
        [routes.dossier(reference)],
        ["eid"],
    )
    assert CERTIFICATE not in answer.content


def test_another_person_is_refused_in_their_language(
    engine: Engine, filed: tuple[str, int]
) -> None:
    reference, certificate = filed
    client = browser(engine, CHLOE)
    answer = client.get(url(reference, piece=str(certificate)))
    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("text/plain")
    assert answer.text.startswith("Ce dossier n'existe pas")
    assert "attachment" not in answer.headers.get("content-disposition", "")
    client.cookies.set(LANGUAGE_COOKIE, "nl")
    dutch = client.get(url(reference, document="accuse"))
    assert dutch.status_code == 404
    assert SIGNED_PDF not in dutch.content
    assert not dutch.text.startswith("Ce dossier")


def test_a_piece_that_is_not_the_dossier_s(engine: Engine, filed: tuple[str, int]) -> None:
    reference, _ = filed
    answer = browser(engine, NAIMA).get(url(reference, piece="999"))
    assert answer.status_code == 404
    assert answer.text == "Ce fichier n'est plus joint au dossier."


def test_a_member_whose_role_is_suspended_is_refused(engine: Engine) -> None:
    reader = PEOPLE["reader"]
    with Session(engine) as db:
        add_company(db)
        give_role(db, reader, "reader", status=AssignmentStatus.SUSPENDED)
        dossier = file_dossier(db, NAIMA, company=TEST_COMPANY)
        db.commit()
        assert dossier.reference is not None
        reference = dossier.reference
    answer = browser(engine, reader).get(url(reference, document="accuse"))
    assert answer.status_code == 403
    assert "Un rôle Mon Espace actif" in answer.text
    assert SIGNED_PDF not in answer.content
