"""'Nom d'utilisateur et/ou mot de passe oublié(s)?' as the page calls it, with the session id
alone: the username and a new password only after a recent eID or itsme login; every refusal
changes nothing; the new password ends every other session and the person is told."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from foundation.models.account import AccountStatus
from foundation.models.digital_keys import Credential
from foundation.models.session import UserSession
from identity.assurance import LevelOfAssurance
from identity.keys.errors import StrongLoginRequiredError
from identity.keys.lockout import MAX_CONSECUTIVE_FAILURES, is_locked, record_failure
from identity.password import check_credentials, set_credentials
from identity.password.errors import (
    InvalidCredentialsError,
    PasswordTooGuessableError,
    PasswordTooShortError,
)
from identity.sessions import RECENT_LOGIN
from portal.keys.recovery import NOBODY, NoCredentialsError, open_recovery, set_new_password
from portal.visits import NotHereError, NotLoggedInError
from tests.unit.identity.key_holder import FAST
from tests.unit.identity.key_people import outbox
from tests.unit.portal.visitors import NAIMA, NOW, log_in, open_account

USERNAME, OLD_PASSWORD = "naima.m", "tulipe cartable horizon"
NEW_PASSWORD = "lanterne-sous-la-glycine-8"
CHANGED = "Le mot de passe de votre compte Mon Espace a changé"


def credentials(engine: Engine) -> None:
    with Session(engine) as db:
        set_credentials(
            db,
            national_number=NAIMA.national_number,
            username=USERNAME,
            password=OLD_PASSWORD,
            now=NOW,
            settings=FAST,
        )
        db.commit()


def logs_in_with(engine: Engine, password: str) -> bool:
    with Session(engine) as db:
        try:
            check_credentials(db, username=USERNAME, password=password, now=NOW, settings=FAST)
        except InvalidCredentialsError:
            return False
    return True


def password_hash(engine: Engine) -> str:
    with Session(engine) as db:
        row = db.get(Credential, NAIMA.national_number)
        assert row is not None
        return row.password_hash


def revoked(engine: Engine, session_id: str) -> bool:
    with Session(engine) as db:
        row = db.get(UserSession, session_id)
        assert row is not None
        return row.revoked_at is not None


@pytest.fixture
def naima(engine: Engine) -> Engine:
    open_account(engine, AccountStatus.ACTIVE)
    credentials(engine)
    return engine


def test_without_a_session_the_page_only_explains(naima: Engine) -> None:
    assert open_recovery(None, now=NOW, bind=naima) == NOBODY
    assert open_recovery("no-such-session", now=NOW, bind=naima) == NOBODY


@pytest.mark.parametrize(
    ("level", "key_kind"),
    [(LevelOfAssurance.LOW, "password"), (LevelOfAssurance.SUBSTANTIAL, "totp")],
)
def test_a_login_that_needs_the_password_shows_no_username(
    naima: Engine, level: LevelOfAssurance, key_kind: str
) -> None:
    """Whoever holds a stolen password (and its code) must not learn or change anything here."""
    session_id = log_in(naima, level, key_kind=key_kind)
    page = open_recovery(session_id, now=NOW, bind=naima)
    assert (page.logged_in, page.strong, page.username) == (True, False, "")


def test_an_old_eid_login_shows_no_username(naima: Engine) -> None:
    session_id = log_in(naima, at=NOW - RECENT_LOGIN - timedelta(minutes=1))
    page = open_recovery(session_id, now=NOW, bind=naima)
    assert (page.strong, page.username) == (False, "")


@pytest.mark.parametrize("key_kind", ["eid", "itsme"])
def test_a_recent_eid_or_itsme_login_shows_the_username(naima: Engine, key_kind: str) -> None:
    session_id = log_in(naima, key_kind=key_kind)
    page = open_recovery(session_id, now=NOW, bind=naima)
    assert (page.logged_in, page.strong, page.username) == (True, True, USERNAME)


def test_an_account_to_validate_first_is_sent_there(engine: Engine) -> None:
    open_account(engine, AccountStatus.PENDING)
    with pytest.raises(NotHereError):
        open_recovery(log_in(engine), now=NOW, bind=engine)
    with pytest.raises(NotHereError):
        set_new_password(log_in(engine), password=NEW_PASSWORD, now=NOW, bind=engine)


def test_no_session_sets_nothing(naima: Engine) -> None:
    before = password_hash(naima)
    with pytest.raises(NotLoggedInError):
        set_new_password(None, password=NEW_PASSWORD, now=NOW, settings=FAST, bind=naima)
    assert password_hash(naima) == before


@pytest.mark.parametrize(
    ("level", "key_kind", "ago"),
    [
        (LevelOfAssurance.LOW, "password", timedelta(0)),
        (LevelOfAssurance.SUBSTANTIAL, "totp", timedelta(0)),
        (LevelOfAssurance.HIGH, "eid", RECENT_LOGIN + timedelta(minutes=1)),
    ],
)
def test_a_forged_event_from_a_weaker_or_older_login_sets_nothing(
    naima: Engine, level: LevelOfAssurance, key_kind: str, ago: timedelta
) -> None:
    session_id = log_in(naima, level, key_kind=key_kind, at=NOW - ago)
    other = log_in(naima, LevelOfAssurance.LOW, key_kind="password")
    with pytest.raises(StrongLoginRequiredError):
        set_new_password(session_id, password=NEW_PASSWORD, now=NOW, settings=FAST, bind=naima)
    assert logs_in_with(naima, OLD_PASSWORD)
    assert not revoked(naima, other)
    with Session(naima) as db:
        assert [m for m in outbox(db) if m.subject == CHANGED] == []


def test_a_person_without_a_username_is_told_to_create_one(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    with pytest.raises(NoCredentialsError):
        set_new_password(log_in(engine), password=NEW_PASSWORD, now=NOW, settings=FAST, bind=engine)
    with Session(engine) as db:
        assert db.get(Credential, NAIMA.national_number) is None


@pytest.mark.parametrize(
    ("password", "refusal"),
    [
        ("court", PasswordTooShortError),
        ("motdepasse2024", PasswordTooGuessableError),
        (f"{USERNAME}-{USERNAME}", PasswordTooGuessableError),
    ],
)
def test_the_password_rules_hold(naima: Engine, password: str, refusal: type[Exception]) -> None:
    session_id = log_in(naima)
    with pytest.raises(refusal):
        set_new_password(session_id, password=password, now=NOW, settings=FAST, bind=naima)
    assert logs_in_with(naima, OLD_PASSWORD)


def test_the_new_password_logs_in_and_ends_every_other_session(naima: Engine) -> None:
    elsewhere = log_in(naima, LevelOfAssurance.LOW, key_kind="password")
    here = log_in(naima)
    username = set_new_password(here, password=NEW_PASSWORD, now=NOW, settings=FAST, bind=naima)
    assert username == USERNAME  # the same username, as the page showed it
    assert logs_in_with(naima, NEW_PASSWORD)
    assert not logs_in_with(naima, OLD_PASSWORD)
    assert revoked(naima, elsewhere)
    assert not revoked(naima, here)
    with Session(naima) as db:
        told = [m for m in outbox(db) if m.subject == CHANGED]
    assert [m.recipient for m in told] == ["naima@example.be"]


def test_a_locked_password_is_unlocked_by_the_new_one(naima: Engine) -> None:
    with Session(naima) as db:
        row = db.get(Credential, NAIMA.national_number)
        assert row is not None
        while not is_locked(row):
            record_failure(db, row, now=NOW)
            db.refresh(row)
        assert row.consecutive_failures >= MAX_CONSECUTIVE_FAILURES
    set_new_password(log_in(naima), password=NEW_PASSWORD, now=NOW, settings=FAST, bind=naima)
    assert logs_in_with(naima, NEW_PASSWORD)
