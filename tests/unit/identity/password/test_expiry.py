"""Username + password expires after two years without a login that used it, never for its age
alone (ASVS 6.2.10: no periodic change); every login with it moves the date, and thirty days
before it the person gets one e-mail per expiry date."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session

from foundation.clock import aware
from foundation.models.account import Account
from foundation.models.digital_keys import Credential, DigitalKeyRecord
from foundation.models.paper_token import RegisteredPerson
from identity.password import (
    DORMANT_AFTER,
    check_credentials,
    renew_on_login,
    set_credentials,
    warn_expiring_credentials,
)
from identity.password.errors import CredentialsExpiredError
from portal.login.code_login import check_password_step, complete_code_login
from tests.unit.identity.key_holder import EMAIL, FAST, NATIONAL_NUMBER, NOW, outbox

PASSWORD = "correct horse battery"
SUBJECT = "Votre nom d'utilisateur et mot de passe Mon Espace vont expirer"
BROWSER = "b" * 64


def credentials(db: Session, *, national_number: str = NATIONAL_NUMBER) -> Credential:
    row = set_credentials(
        db,
        national_number=national_number,
        username="marie.dupont",
        password=PASSWORD,
        now=NOW,
        settings=FAST,
    )
    db.commit()
    return row


def expiry(db: Session, national_number: str = NATIONAL_NUMBER) -> datetime:
    db.expire_all()
    row = db.get(Credential, national_number)
    assert row is not None
    assert row.expires_at is not None
    return aware(row.expires_at)


def password_login(db: Session, at: datetime) -> None:
    """A whole login with username + password alone, as the password page makes it."""
    passed = check_password_step(
        db, kind="password", username="marie.dupont", password=PASSWORD, now=at, settings=FAST
    )
    complete_code_login(
        db, kind="password", national_number=passed.national_number, now=at, browser_binding=BROWSER
    )
    db.commit()


def test_a_new_password_expires_two_years_on(db: Session, account: Account) -> None:
    credentials(db)
    assert timedelta(days=730) == DORMANT_AFTER
    assert expiry(db) == NOW + DORMANT_AFTER


def test_each_login_with_it_moves_the_expiry_two_years_from_that_login(
    db: Session, account: Account
) -> None:
    credentials(db)
    a_year_later = NOW + timedelta(days=365)
    password_login(db, a_year_later)
    assert expiry(db) == a_year_later + DORMANT_AFTER
    # A login of the same day changes nothing: most logins write nothing.
    password_login(db, a_year_later + timedelta(hours=3))
    assert expiry(db) == a_year_later + DORMANT_AFTER
    password_login(db, a_year_later + timedelta(days=2))
    assert expiry(db) == a_year_later + timedelta(days=2) + DORMANT_AFTER


def test_a_code_key_login_renews_the_password_it_started_with(
    db: Session, account: Account
) -> None:
    credentials(db)
    db.add(DigitalKeyRecord(national_number=NATIONAL_NUMBER, kind="totp", created_at=NOW))
    db.commit()
    later = NOW + timedelta(days=500)
    passed = check_password_step(
        db, kind="totp", username="marie.dupont", password=PASSWORD, now=later, settings=FAST
    )
    assert expiry(db) == NOW + DORMANT_AFTER  # the password alone is not a login yet
    # The app's code is not checked here (identity/totp's tests do): the step that follows a
    # right code opens the session and renews the password.
    complete_code_login(
        db,
        kind="totp",
        national_number=passed.national_number,
        now=later,
        browser_binding=BROWSER,
    )
    db.commit()
    assert expiry(db) == later + DORMANT_AFTER


def test_an_expired_password_is_refused_and_not_renewed(db: Session, account: Account) -> None:
    credentials(db)
    expired = NOW + DORMANT_AFTER
    with pytest.raises(CredentialsExpiredError):
        check_credentials(
            db, username="marie.dupont", password=PASSWORD, now=expired, settings=FAST
        )
    assert not renew_on_login(db, national_number=NATIONAL_NUMBER, now=expired)
    assert expiry(db) == NOW + DORMANT_AFTER


def test_a_row_older_than_the_rule_gets_its_expiry_at_the_next_login(
    db: Session, account: Account
) -> None:
    row = credentials(db)
    row.expires_at = None
    db.add(row)
    db.commit()
    assert renew_on_login(db, national_number=NATIONAL_NUMBER, now=NOW)
    assert expiry(db) == NOW + DORMANT_AFTER


def test_the_person_is_warned_thirty_days_before_once_per_date(
    db: Session, account: Account
) -> None:
    credentials(db)
    ends = NOW + DORMANT_AFTER
    assert warn_expiring_credentials(db, now=ends - timedelta(days=31)) == 0
    assert warn_expiring_credentials(db, now=ends - timedelta(days=30)) == 1
    db.commit()
    [mail] = [m for m in outbox(db) if m.subject == SUBJECT]
    assert mail.recipient == EMAIL
    assert f"{ends:%d/%m/%Y}" in mail.text_body
    assert "/sans-eid/bureaux-enregistrement" in mail.text_body
    assert warn_expiring_credentials(db, now=ends - timedelta(days=20)) == 0  # once
    # A login moves the date: the next date, when it comes near, has its own notice.
    password_login(db, ends - timedelta(days=10))
    renewed = expiry(db)
    assert warn_expiring_credentials(db, now=ends - timedelta(days=9)) == 0
    assert warn_expiring_credentials(db, now=renewed - timedelta(days=29)) == 1
    db.commit()
    assert len([m for m in outbox(db) if m.subject == SUBJECT]) == 2
    # Past the date: nothing more to warn of.
    assert warn_expiring_credentials(db, now=renewed + timedelta(days=1)) == 0


def test_a_person_registered_at_an_office_is_warned_at_the_address_the_office_noted(
    db: Session,
) -> None:
    bis_number = "85473003311"
    db.add(
        RegisteredPerson(
            bis_number=bis_number,
            surname="Okafor",
            first_names="Ada",
            birth_date=date(1985, 7, 30),
            document_type="passport",
            document_number="P123",
            email="ada.okafor@example.org",
            officer_id="70010100155",
            created_at=datetime(2026, 1, 5, tzinfo=UTC),
        )
    )
    db.commit()
    credentials(db, national_number=bis_number)
    assert warn_expiring_credentials(db, now=NOW + DORMANT_AFTER - timedelta(days=5)) == 1
    db.commit()
    [mail] = [m for m in outbox(db) if m.subject == SUBJECT]
    assert mail.recipient == "ada.okafor@example.org"
    assert "Ada Okafor" in mail.text_body


def test_the_notice_links_to_the_portal_the_jobs_name(db: Session, account: Account) -> None:
    """The trainers' page and a test stack run the hourly jobs for a portal elsewhere: the link
    to the registration offices is that portal's."""
    credentials(db)
    ends = NOW + DORMANT_AFTER
    origin = "https://monespace.example.be"
    assert warn_expiring_credentials(db, now=ends - timedelta(days=30), public_origin=origin) == 1
    db.commit()
    [mail] = [m for m in outbox(db) if m.subject == SUBJECT]
    assert f"{origin}/sans-eid/bureaux-enregistrement" in mail.text_body
