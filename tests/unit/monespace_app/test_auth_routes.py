"""The session endpoint hands the cookie over and sends the browser on: to the person's home, or
back to the page that sent them to log in (the return cookie, used once)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlmodel import Session, SQLModel
from starlette.testclient import TestClient

import foundation.models  # noqa: F401 - registers every table
from foundation import db as database
from foundation import routes
from foundation.clock import utc_now
from foundation.models.account import Account, AccountStatus
from foundation.settings import get_settings
from identity.assurance import LevelOfAssurance
from identity.sessions import COOKIE_NAME, LoginIdentity
from monespace_app.auth_routes import auth_api
from portal.login.completion import RETURN_COOKIE, complete_login

PERSON = LoginIdentity("68091717134", "Dumont", "Jean-Pierre Marie", date(1968, 9, 17))


@pytest.fixture
def client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setenv("MONESPACE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("MONESPACE_DATABASE_URL", f"sqlite:///{tmp_path / 'portal.db'}")
    get_settings.cache_clear()
    database.engine.cache_clear()
    SQLModel.metadata.create_all(database.engine())
    yield TestClient(auth_api, follow_redirects=False)
    database.engine.cache_clear()
    get_settings.cache_clear()


def login_url(*, account: AccountStatus | None) -> str:
    """The URL a login page loads once the key passed (complete_login's answer)."""
    with Session(database.engine()) as db:
        if account is not None:
            db.add(
                Account(
                    national_number=PERSON.national_number,
                    surname=PERSON.surname,
                    first_names=PERSON.first_names,
                    birth_date=PERSON.birth_date,
                    email="jp.dumont@example.be",
                    status=account,
                    created_at=datetime(2026, 1, 5, tzinfo=UTC),
                )
            )
        url = complete_login(
            db, identity=PERSON, key_kind="eid", level=LevelOfAssurance.HIGH, now=utc_now()
        )
        db.commit()
    return url


def test_back_to_the_page_that_sent_the_person_to_log_in(client: TestClient) -> None:
    client.cookies.set(RETURN_COOKIE, "%2Froles%2Fgestionnaires-acces%2Fdesigner-gap")
    answer = client.get(login_url(account=AccountStatus.ACTIVE))
    assert answer.status_code == 303
    assert answer.headers["location"] == routes.GAP_DESIGNATION
    assert COOKIE_NAME in answer.cookies
    # Used once: the next login goes home.
    assert any(
        header.startswith(f"{RETURN_COOKIE}=") and "Max-Age=0" in header
        for header in answer.headers.get_list("set-cookie")
    )


def test_without_a_return_cookie_the_login_goes_home(client: TestClient) -> None:
    answer = client.get(login_url(account=AccountStatus.ACTIVE))
    assert answer.headers["location"] == routes.MY_SPACES


def test_a_first_login_goes_to_the_account_form_whatever_asked(client: TestClient) -> None:
    client.cookies.set(RETURN_COOKIE, "%2Froles")
    answer = client.get(login_url(account=None))
    assert answer.headers["location"] == routes.ACCOUNT_FORM


def test_a_return_cookie_naming_another_site_is_ignored(client: TestClient) -> None:
    client.cookies.set(RETURN_COOKIE, "https%3A%2F%2Fevil.example%2F")
    answer = client.get(login_url(account=AccountStatus.ACTIVE))
    assert answer.headers["location"] == routes.MY_SPACES


def test_identify_from_a_section_keeps_the_page_before_the_key_chooser_opens(
    client: TestClient,
) -> None:
    answer = client.get(routes.login_then(routes.ROLE_MANAGEMENT))
    assert answer.status_code == 303
    assert answer.headers["location"] == f"{routes.KEY_CHOOSER}?suite=%2Froles"
    assert answer.cookies[RETURN_COOKIE] == "%2Froles"
    # The login that follows comes back there.
    client.cookies.set(RETURN_COOKIE, answer.cookies[RETURN_COOKIE])
    assert client.get(login_url(account=AccountStatus.ACTIVE)).headers["location"] == "/roles"


def test_a_page_that_needs_the_eid_opens_the_eid_page(client: TestClient) -> None:
    answer = client.get(routes.login_then(routes.GAP_DESIGNATION, key="eid"))
    assert answer.headers["location"] == (
        "/connexion/eid?suite=%2Froles%2Fgestionnaires-acces%2Fdesigner-gap"
    )


@pytest.mark.parametrize("came_from", ["https://evil.example/", "//evil.example"])
def test_identify_keeps_no_path_of_another_site(client: TestClient, came_from: str) -> None:
    answer = client.get(routes.LOGIN_THEN, params={"suite": came_from, "cle": "../x"})
    assert answer.headers["location"] == routes.KEY_CHOOSER
    assert RETURN_COOKIE not in answer.cookies
