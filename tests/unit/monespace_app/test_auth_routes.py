"""The session endpoint hands the cookie over, to the browser that logged in only (its pre-login
cookie), and sends it on: to the person's home, or back to the page that sent them to log in (the
return cookie, used once). The logout endpoint ends a live session only by POST with its CSRF
token."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlmodel import Session, SQLModel, select
from starlette.testclient import TestClient

import foundation.models  # noqa: F401 - registers every table
from foundation import db as database
from foundation import routes
from foundation.clock import utc_now
from foundation.models.account import Account, AccountStatus
from foundation.models.session import UserSession
from foundation.settings import get_settings
from identity.assurance import LevelOfAssurance
from identity.browser_binding import browser_binding, new_browser_token
from identity.session_cookies import cookie_names
from identity.sessions import LoginIdentity, LogoutToken, SessionCookie, revoke
from monespace_app.auth_routes import LOGOUT_FORM_FIELD, auth_api
from portal.login.completion import RETURN_COOKIE, complete_login

PERSON = LoginIdentity("68091717134", "Dumont", "Jean-Pierre Marie", date(1968, 9, 17))
NAMES = cookie_names("http://localhost:3000")
COOKIE_NAME = NAMES.session
# The pre-login cookie of the browser that logs in (the TestClient), and another browser's.
BROWSER_TOKEN = new_browser_token()


@pytest.fixture
def client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setenv("MONESPACE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("MONESPACE_DATABASE_URL", f"sqlite:///{tmp_path / 'portal.db'}")
    get_settings.cache_clear()
    database.engine.cache_clear()
    SQLModel.metadata.create_all(database.engine())
    client = TestClient(auth_api, follow_redirects=False)
    client.cookies.set(NAMES.browser, BROWSER_TOKEN)
    yield client
    database.engine.cache_clear()
    get_settings.cache_clear()


def login_url(*, account: AccountStatus | None, browser_token: str | None = BROWSER_TOKEN) -> str:
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
            db,
            identity=PERSON,
            key_kind="eid",
            level=LevelOfAssurance.HIGH,
            now=utc_now(),
            browser_binding=browser_binding(browser_token),
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


def test_a_first_login_keeps_the_page_asked_for_until_the_account_is_active(
    client: TestClient,
) -> None:
    """An invitation accepted by someone without an account yet: the return cookie stays, so
    that the account's activation can lead back to it."""
    client.cookies.set(RETURN_COOKIE, "%2Froleinvitation%2Faccept%3Finvitation%3Dabc")
    answer = client.get(login_url(account=None))
    assert answer.headers["location"] == routes.ACCOUNT_FORM
    assert not any(
        header.startswith(f"{RETURN_COOKIE}=") for header in answer.headers.get_list("set-cookie")
    )


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


def attributes(set_cookie: str) -> set[str]:
    return {part.strip() for part in set_cookie.split(";")}


def sessions() -> list[UserSession]:
    with Session(database.engine()) as db:
        return list(db.exec(select(UserSession)).all())


def logged_in(client: TestClient) -> str:
    """The client logs in; returns its session id."""
    answer = client.get(login_url(account=AccountStatus.ACTIVE))
    assert answer.headers["location"] == routes.MY_SPACES
    session_id = SessionCookie(get_settings().resolved_secret_key()).decode(
        answer.cookies[COOKIE_NAME]
    )
    assert session_id is not None
    client.cookies.set(COOKIE_NAME, answer.cookies[COOKIE_NAME])
    return session_id


def test_a_ticket_opened_in_another_browser_logs_it_in_as_nobody(client: TestClient) -> None:
    """Login CSRF: someone logs in, and sends the ticket URL to a victim's browser."""
    url = login_url(account=AccountStatus.ACTIVE, browser_token=new_browser_token())
    answer = client.get(url)
    assert answer.status_code == 303
    assert answer.headers["location"] == f"{routes.KEY_CHOOSER}?erreur=navigateur"
    assert COOKIE_NAME not in answer.cookies
    # Spent: it opens nothing anywhere any more, and its session is over.
    [row] = sessions()
    assert (row.ticket_hash, row.revoked_at is not None) == (None, True)


def test_a_ticket_opened_without_a_pre_login_cookie_asks_for_cookies(client: TestClient) -> None:
    url = login_url(account=AccountStatus.ACTIVE)
    client.cookies.delete(NAMES.browser)
    answer = client.get(url)
    assert answer.headers["location"] == f"{routes.KEY_CHOOSER}?erreur=cookies"
    assert COOKIE_NAME not in answer.cookies


def test_a_new_login_ends_the_session_the_browser_had(client: TestClient) -> None:
    """The step-up: a password session, then the eID in the same browser; the first one ends
    instead of living on at its lower level (ASVS 7.2.4)."""
    first = logged_in(client)
    answer = client.get(login_url(account=None))  # the account is there already
    second = SessionCookie(get_settings().resolved_secret_key()).decode(answer.cookies[COOKIE_NAME])
    assert second not in (None, first)
    ended = {row.id: row.revoked_at is not None for row in sessions()}
    assert ended == {first: True, second: False}


def test_a_used_ticket_says_so(client: TestClient) -> None:
    url = login_url(account=AccountStatus.ACTIVE)
    assert client.get(url).headers["location"] == routes.MY_SPACES
    again = client.get(url)
    assert again.headers["location"] == f"{routes.KEY_CHOOSER}?erreur=session"
    assert COOKIE_NAME not in again.cookies


def test_the_session_cookie_is_httponly_lax_and_bare_over_http(client: TestClient) -> None:
    answer = client.get(login_url(account=AccountStatus.ACTIVE))
    [header] = [h for h in answer.headers.get_list("set-cookie") if h.startswith(COOKIE_NAME)]
    assert {"HttpOnly", "SameSite=lax", "Path=/"} <= attributes(header)
    assert "Secure" not in attributes(header)


def test_over_https_the_session_cookie_is_host_prefixed_and_secure(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MONESPACE_PUBLIC_ORIGIN", "https://monespace.example.be")
    get_settings.cache_clear()
    secure = cookie_names("https://monespace.example.be")
    client.cookies.set(secure.browser, BROWSER_TOKEN)
    answer = client.get(login_url(account=AccountStatus.ACTIVE))
    assert answer.headers["location"] == routes.MY_SPACES
    [header] = [h for h in answer.headers.get_list("set-cookie") if "monespace_session" in h]
    assert header.startswith("__Host-monespace_session=")
    assert {"Secure", "Path=/"} <= attributes(header)
    assert "Domain" not in header


def test_a_logout_link_does_not_end_a_live_session(client: TestClient) -> None:
    """A link or an image of another site loads the logout by GET: the session goes on."""
    session_id = logged_in(client)
    answer = client.get(routes.LOGOUT)
    assert answer.status_code == 303
    assert COOKIE_NAME not in answer.headers.get("set-cookie", "")
    [row] = sessions()
    assert (row.id, row.revoked_at) == (session_id, None)


def test_the_get_clears_the_cookie_of_a_session_already_ended(client: TestClient) -> None:
    """What the pages' logout event loads once it has ended the session over the websocket."""
    session_id = logged_in(client)
    with Session(database.engine()) as db:
        revoke(db, session_id, now=utc_now())
        db.commit()
    answer = client.get(routes.LOGOUT)
    assert answer.headers["location"] == routes.HOME
    assert any(
        h.startswith(f"{COOKIE_NAME}=") and "Max-Age=0" in h
        for h in answer.headers.get_list("set-cookie")
    )


@pytest.mark.parametrize("form", [{}, {LOGOUT_FORM_FIELD: "forged"}], ids=["none", "wrong"])
def test_a_logout_post_without_its_token_is_forbidden(
    client: TestClient, form: dict[str, str]
) -> None:
    logged_in(client)
    answer = client.post(routes.LOGOUT, data=form)
    assert answer.status_code == 403
    [row] = sessions()
    assert row.revoked_at is None


def test_a_logout_post_with_another_sessions_token_is_forbidden(client: TestClient) -> None:
    logged_in(client)
    token = LogoutToken(get_settings().resolved_secret_key()).for_session("another-session")
    assert client.post(routes.LOGOUT, data={LOGOUT_FORM_FIELD: token}).status_code == 403


def test_a_logout_post_with_its_token_ends_the_session(client: TestClient) -> None:
    session_id = logged_in(client)
    token = LogoutToken(get_settings().resolved_secret_key()).for_session(session_id)
    answer = client.post(routes.LOGOUT, data={LOGOUT_FORM_FIELD: token})
    assert answer.status_code == 303
    assert answer.headers["location"] == routes.HOME
    [row] = sessions()
    assert row.revoked_at is not None
    assert any(
        h.startswith(f"{COOKIE_NAME}=") and "Max-Age=0" in h
        for h in answer.headers.get_list("set-cookie")
    )
