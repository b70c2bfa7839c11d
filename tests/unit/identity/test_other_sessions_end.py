"""ASVS 7.4.3: a password changed or a key removed ends every other session of the person at
once (whoever had stolen a way in is out at their next step), and keeps the one that acted."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session

from foundation.models.session import UserSession
from identity.keys.records import remove_own_key
from identity.password import set_credentials, set_own_credentials
from identity.totp import confirm_enrolment
from tests.unit.identity.key_people import NOW, PERSON, add_account, app_login, fresh_eid_login
from tests.unit.identity.totp.helpers import SECRET, code_at

LATER = NOW + timedelta(minutes=5)


def live(db: Session, row: UserSession) -> bool:
    db.refresh(row)
    return row.revoked_at is None


def test_removing_a_key_ends_the_other_sessions(db: Session) -> None:
    add_account(db)
    confirm_enrolment(
        db, national_number=PERSON.national_number, secret=SECRET, first_code=code_at(NOW), now=NOW
    )
    elsewhere = app_login(db)
    here = fresh_eid_login(db)
    remove_own_key(db, session=here, kind="totp", now=LATER)
    assert live(db, here)
    assert not live(db, elsewhere)


def test_changing_the_password_ends_the_other_sessions(db: Session) -> None:
    add_account(db)
    set_credentials(
        db,
        national_number=PERSON.national_number,
        username="marie.d",
        password="tulipe cartable horizon",
        now=NOW,
    )
    elsewhere = app_login(db)
    here = fresh_eid_login(db)
    set_own_credentials(
        db, session=here, username="marie.d", password="horizon tulipe cartable", now=LATER
    )
    assert live(db, here)
    assert not live(db, elsewhere)


def test_a_first_password_leaves_the_other_sessions_alone(db: Session) -> None:
    add_account(db)
    elsewhere = app_login(db)
    here = fresh_eid_login(db)
    set_own_credentials(
        db, session=here, username="marie.d", password="tulipe cartable horizon", now=LATER
    )
    assert live(db, elsewhere)
