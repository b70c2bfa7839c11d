"""The two units of work of a code-key login, as the pages run them, on a SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

import foundation.models  # noqa: F401 - registers every table
from foundation import routes
from foundation.db import make_engine
from foundation.models.account import Account, AccountStatus
from foundation.models.digital_keys import Credential, DigitalKeyRecord, LoginAttempt
from foundation.models.session import UserSession
from identity.browser_binding import CookiesRequiredError, OtherBrowserError
from identity.keys.errors import InvalidCodeError, LoginAttemptExpiredError, ReplayedCodeError
from identity.password import set_credentials
from identity.password.errors import InvalidCredentialsError
from identity.sessions import redeem_ticket
from portal.login.code_login import (
    finish_password_login,
    submit_code,
    submit_password,
)
from tests.unit.identity.key_holder import FAST, NATIONAL_NUMBER, NOW
from tests.unit.identity.totp.helpers import code_at, enrol

PASSWORD = "correct horse battery"
# The hash of the pre-login cookie of the browser logging in (identity.browser_binding).
BINDING = "b" * 64
LATER = NOW + timedelta(minutes=1)  # two steps after the enrolment's code


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'portal.db'}")
    SQLModel.metadata.create_all(engine)
    with Session(engine) as db:
        db.add(
            Account(
                national_number=NATIONAL_NUMBER,
                surname="Dupont",
                first_names="Marie",
                birth_date=date(1985, 7, 30),
                email="marie.dupont@example.be",
                status=AccountStatus.ACTIVE,
                created_at=datetime(2026, 1, 5, 9, 0, tzinfo=UTC),
            )
        )
        set_credentials(
            db,
            national_number=NATIONAL_NUMBER,
            username="marie.dupont",
            password=PASSWORD,
            now=NOW,
            settings=FAST,
        )
        db.commit()
        enrol(db)
    yield engine
    engine.dispose()


def password_step(engine: Engine, password: str = PASSWORD) -> str:
    passed = submit_password(
        kind="totp",
        username="marie.dupont",
        password=password,
        now=LATER,
        settings=FAST,
        browser_binding=BINDING,
        bind=engine,
    )
    assert passed.national_number == NATIONAL_NUMBER
    assert passed.prompt is not None
    return passed.attempt_id


def test_the_code_opens_a_session_whose_ticket_leads_to_the_persons_home(engine: Engine) -> None:
    attempt_id = password_step(engine)
    url = submit_code(
        kind="totp",
        attempt_id=attempt_id,
        code=code_at(LATER),
        now=LATER,
        browser_binding=BINDING,
        bind=engine,
    )
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    assert parts.path == routes.SESSION_START
    assert query["suite"] == [routes.MY_SPACES]
    with Session(engine) as db:
        session = redeem_ticket(db, query["ticket"][0], browser_binding=BINDING, now=LATER)
        assert session is not None
        assert (session.national_number, session.key_kind, session.level) == (
            NATIONAL_NUMBER,
            "totp",
            2,
        )
        assert (session.surname, session.first_names) == ("Dupont", "Marie")
        attempt = db.get(LoginAttempt, attempt_id)
        assert attempt is not None
        assert attempt.completed_at is not None


def test_the_spent_code_and_the_finished_attempt_are_committed_with_the_session(
    engine: Engine,
) -> None:
    code = code_at(LATER)
    submit_code(
        kind="totp",
        attempt_id=password_step(engine),
        code=code,
        now=LATER,
        browser_binding=BINDING,
        bind=engine,
    )
    with pytest.raises(ReplayedCodeError):
        submit_code(
            kind="totp",
            attempt_id=password_step(engine),
            code=code,
            now=LATER,
            browser_binding=BINDING,
            bind=engine,
        )
    with Session(engine) as db:
        assert len(db.exec(select(UserSession)).all()) == 1


def test_an_attempt_serves_one_login(engine: Engine) -> None:
    attempt_id = password_step(engine)
    submit_code(
        kind="totp",
        attempt_id=attempt_id,
        code=code_at(LATER),
        now=LATER,
        browser_binding=BINDING,
        bind=engine,
    )
    later = LATER + timedelta(seconds=30)
    with pytest.raises(LoginAttemptExpiredError):
        submit_code(
            kind="totp",
            attempt_id=attempt_id,
            code=code_at(later),
            now=later,
            browser_binding=BINDING,
            bind=engine,
        )


def test_a_wrong_code_is_counted_although_its_unit_of_work_is_rolled_back(
    engine: Engine,
) -> None:
    attempt_id = password_step(engine)
    wrong = f"{(int(code_at(LATER)) + 1) % 1_000_000:06d}"
    with pytest.raises(InvalidCodeError):
        submit_code(
            kind="totp",
            attempt_id=attempt_id,
            code=wrong,
            now=LATER,
            browser_binding=BINDING,
            bind=engine,
        )
    with Session(engine) as db:
        key = db.exec(select(DigitalKeyRecord)).one()
        assert key.consecutive_failures == 1
        assert db.exec(select(UserSession)).all() == []
    # The attempt is still open: the right code then logs in.
    submit_code(
        kind="totp",
        attempt_id=attempt_id,
        code=code_at(LATER),
        now=LATER,
        browser_binding=BINDING,
        bind=engine,
    )


def test_a_wrong_password_is_counted_and_opens_no_attempt(engine: Engine) -> None:
    with pytest.raises(InvalidCredentialsError):
        password_step(engine, password="wrong horse battery")
    with Session(engine) as db:
        credential = db.get(Credential, NATIONAL_NUMBER)
        assert credential is not None
        assert credential.consecutive_failures == 1
        assert db.exec(select(LoginAttempt)).all() == []


def test_the_password_only_key_logs_in_right_after_the_password(engine: Engine) -> None:
    passed = submit_password(
        kind="password",
        username="marie.dupont",
        password=PASSWORD,
        now=LATER,
        settings=FAST,
        browser_binding=BINDING,
        bind=engine,
    )
    assert (passed.attempt_id, passed.prompt) == ("", None)
    url = finish_password_login(
        kind="password",
        national_number=passed.national_number,
        now=LATER,
        browser_binding=BINDING,
        bind=engine,
    )
    assert url.startswith(f"{routes.SESSION_START}?ticket=")
    with Session(engine) as db:
        [session] = db.exec(select(UserSession)).all()
        assert (session.key_kind, session.level) == ("password", 1)


def test_a_browser_without_its_pre_login_cookie_is_told_before_the_password_is_checked(
    engine: Engine,
) -> None:
    with pytest.raises(CookiesRequiredError):
        submit_password(
            kind="totp",
            username="marie.dupont",
            password="wrong horse battery",
            now=LATER,
            browser_binding=None,
            settings=FAST,
            bind=engine,
        )
    with Session(engine) as db:
        credential = db.get(Credential, NATIONAL_NUMBER)
        assert credential is not None
        assert credential.consecutive_failures == 0  # nothing was tried
        assert db.exec(select(LoginAttempt)).all() == []


def test_a_code_sent_without_the_pre_login_cookie_is_refused_and_stays_unspent(
    engine: Engine,
) -> None:
    attempt_id = password_step(engine)
    with pytest.raises(CookiesRequiredError):
        submit_code(
            kind="totp",
            attempt_id=attempt_id,
            code=code_at(LATER),
            now=LATER,
            browser_binding=None,
            bind=engine,
        )
    with Session(engine) as db:
        assert db.exec(select(UserSession)).all() == []
    # The same code then logs in from the browser that has its cookie.
    submit_code(
        kind="totp",
        attempt_id=attempt_id,
        code=code_at(LATER),
        now=LATER,
        browser_binding=BINDING,
        bind=engine,
    )


def test_the_ticket_opens_the_session_in_the_browser_that_logged_in_only(engine: Engine) -> None:
    url = submit_code(
        kind="totp",
        attempt_id=password_step(engine),
        code=code_at(LATER),
        now=LATER,
        browser_binding=BINDING,
        bind=engine,
    )
    ticket = parse_qs(urlsplit(url).query)["ticket"][0]
    with Session(engine) as db:
        with pytest.raises(OtherBrowserError):
            redeem_ticket(db, ticket, browser_binding="c" * 64, now=LATER)
        db.commit()
        assert redeem_ticket(db, ticket, browser_binding=BINDING, now=LATER) is None  # spent
