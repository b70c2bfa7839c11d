"""The e-mail code key: enrolment by a registration code, login by a code sent to the address."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session

from foundation.i18n.error_messages import error_text
from foundation.models.account import Account
from foundation.models.digital_keys import KeyStatus
from identity import email_code
from identity.assurance import LevelOfAssurance
from identity.keys.errors import (
    KeyAlreadyEnrolledError,
    KeyLockedError,
    KeyNotEnrolledError,
    LoginAttemptExpiredError,
)
from identity.keys.lockout import MAX_CONSECUTIVE_FAILURES
from identity.keys.records import find_key
from identity.one_time_code import errors as e
from identity.password.login_attempts import finish_login
from identity.registry import KeyGroup, default_registry
from tests.unit.identity.code_people import (
    ACCOUNT_EMAIL,
    NATIONAL_NUMBER,
    NOW,
    StartAttempt,
    add_key,
    code_in,
    outbox,
    sequence,
)

KIND = "email_code"


def test_the_email_code_is_a_low_code_key_listed_first_of_its_group() -> None:
    descriptor = default_registry().get(KIND).descriptor
    assert descriptor.group is KeyGroup.CODE_AND_PASSWORD
    assert descriptor.level is LevelOfAssurance.LOW
    assert descriptor.order == 1


def test_enrolment_sends_a_registration_code_by_mail_and_the_code_activates_the_address(
    db: Session, account: Account
) -> None:
    kept = email_code.start_enrolment(
        db, national_number=NATIONAL_NUMBER, email="  marouan_ey@hotmail.com ", now=NOW
    )
    db.commit()
    assert kept == ACCOUNT_EMAIL
    [mail] = outbox(db)
    assert mail.recipient == ACCOUNT_EMAIL
    assert mail.subject == "Votre code d'enregistrement Mon Espace"
    code = code_in(mail.text_body, "Votre code d'enregistrement")
    assert mail.html_body is not None
    assert code in mail.html_body

    key = email_code.confirm_enrolment(
        db, national_number=NATIONAL_NUMBER, code=code, now=NOW + timedelta(minutes=3)
    )
    db.commit()
    assert key.status == KeyStatus.ACTIVE
    assert key.destination == ACCOUNT_EMAIL
    notices = [m.subject for m in outbox(db)][1:]
    assert notices == ["Une clé numérique a été ajoutée à votre compte Mon Espace"]


def test_enrolment_refuses_a_malformed_address(db: Session) -> None:
    with pytest.raises(email_code.InvalidEmailError) as invalid:
        email_code.start_enrolment(
            db, national_number=NATIONAL_NUMBER, email="marouan@hotmail", now=NOW
        )
    assert "n'est pas valable" in error_text("fr", invalid.value)
    assert outbox(db) == []


def test_a_person_with_an_active_email_key_cannot_enrol_again(db: Session) -> None:
    add_key(db, kind=KIND, destination=ACCOUNT_EMAIL)
    with pytest.raises(KeyAlreadyEnrolledError):
        email_code.start_enrolment(
            db, national_number=NATIONAL_NUMBER, email="other@example.be", now=NOW
        )


def test_a_wrong_registration_code_leaves_the_key_inactive(db: Session) -> None:
    email_code.start_enrolment(
        db, national_number=NATIONAL_NUMBER, email=ACCOUNT_EMAIL, now=NOW, random=sequence(5)
    )
    db.commit()
    with pytest.raises(e.WrongCodeError):
        email_code.confirm_enrolment(db, national_number=NATIONAL_NUMBER, code="000006", now=NOW)
    assert find_key(db, national_number=NATIONAL_NUMBER, kind=KIND) is None


def test_a_locked_key_is_unlocked_by_a_new_enrolment(db: Session) -> None:
    key = add_key(db, kind=KIND, destination="old@example.be")
    key.locked_at, key.status, key.consecutive_failures = NOW, KeyStatus.LOCKED, 100
    db.add(key)
    db.commit()
    email_code.start_enrolment(
        db, national_number=NATIONAL_NUMBER, email="new@example.be", now=NOW, random=sequence(7)
    )
    email_code.confirm_enrolment(db, national_number=NATIONAL_NUMBER, code="000007", now=NOW)
    db.commit()
    db.refresh(key)
    assert key.status == KeyStatus.ACTIVE
    assert key.locked_at is None
    assert key.consecutive_failures == 0
    assert key.destination == "new@example.be"


def test_login_sends_the_code_to_the_address_and_shows_it_masked(
    db: Session, start_attempt: StartAttempt
) -> None:
    add_key(db, kind=KIND, destination=ACCOUNT_EMAIL)
    attempt = start_attempt(KIND)
    masked = email_code.send_login_code(db, attempt_id=attempt, now=NOW)
    db.commit()
    assert masked == "m*****@hotmail.com"
    [mail] = outbox(db)
    assert (mail.recipient, mail.subject) == (ACCOUNT_EMAIL, "Votre code de sécurité Mon Espace")
    assert "valable 10 minutes" in mail.text_body
    code = code_in(mail.text_body, "Votre code de sécurité")

    checked = email_code.verify_login_code(
        db, attempt_id=attempt, code=code, now=NOW + timedelta(minutes=1)
    )
    assert checked.national_number == NATIONAL_NUMBER
    assert checked.completed_at is None  # the login step finishes it
    finish_login(db, attempt_id=attempt, key_kind=KIND, now=NOW + timedelta(minutes=1))
    db.commit()
    with pytest.raises(LoginAttemptExpiredError):
        email_code.verify_login_code(
            db, attempt_id=attempt, code=code, now=NOW + timedelta(minutes=2)
        )


def test_a_login_code_does_not_work_for_another_attempt(
    db: Session, start_attempt: StartAttempt
) -> None:
    add_key(db, kind=KIND, destination=ACCOUNT_EMAIL)
    first, second = start_attempt(KIND), start_attempt(KIND)
    email_code.send_login_code(db, attempt_id=first, now=NOW, random=sequence(123456))
    db.commit()
    with pytest.raises(e.NoCodeError):
        email_code.verify_login_code(db, attempt_id=second, code="123456", now=NOW)


def test_a_person_without_the_key_gets_no_code(db: Session, start_attempt: StartAttempt) -> None:
    add_key(db, kind=KIND, destination=ACCOUNT_EMAIL)
    attempt = start_attempt(KIND)
    db.delete(find_key(db, national_number=NATIONAL_NUMBER, kind=KIND))
    db.commit()
    with pytest.raises(KeyNotEnrolledError):
        email_code.send_login_code(db, attempt_id=attempt, now=NOW)
    assert outbox(db) == []


def test_an_attempt_for_another_key_or_an_expired_one_is_refused(
    db: Session, start_attempt: StartAttempt
) -> None:
    add_key(db, kind=KIND, destination=ACCOUNT_EMAIL)
    add_key(db, kind="sms_code", destination="+32470123456")
    sms_attempt = start_attempt("sms_code")
    with pytest.raises(LoginAttemptExpiredError):
        email_code.send_login_code(db, attempt_id=sms_attempt, now=NOW)
    attempt = start_attempt(KIND)
    with pytest.raises(LoginAttemptExpiredError) as expired:
        email_code.send_login_code(db, attempt_id=attempt, now=NOW + timedelta(minutes=10))
    assert "Recommencez" in error_text("fr", expired.value)


def test_wrong_login_codes_count_toward_the_key_and_a_right_one_resets_the_count(
    db: Session, start_attempt: StartAttempt
) -> None:
    key = add_key(db, kind=KIND, destination=ACCOUNT_EMAIL)
    attempt = start_attempt(KIND)
    email_code.send_login_code(db, attempt_id=attempt, now=NOW, random=sequence(123456))
    db.commit()
    for _ in range(2):
        with pytest.raises(e.WrongCodeError):
            email_code.verify_login_code(db, attempt_id=attempt, code="654321", now=NOW)
        db.rollback()
    db.refresh(key)
    assert key.consecutive_failures == 2
    email_code.verify_login_code(db, attempt_id=attempt, code="123456", now=NOW)
    db.commit()
    db.refresh(key)
    assert key.consecutive_failures == 0


def test_the_hundredth_consecutive_wrong_code_locks_the_key(
    db: Session, start_attempt: StartAttempt
) -> None:
    key = add_key(db, kind=KIND, destination=ACCOUNT_EMAIL)
    key.consecutive_failures = MAX_CONSECUTIVE_FAILURES - 1
    db.add(key)
    db.commit()
    attempt = start_attempt(KIND)
    email_code.send_login_code(db, attempt_id=attempt, now=NOW, random=sequence(123456))
    db.commit()
    with pytest.raises(KeyLockedError) as locked:
        email_code.verify_login_code(db, attempt_id=attempt, code="000000", now=NOW)
    assert "bloquée" in error_text("fr", locked.value)
    db.rollback()
    db.refresh(key)
    assert key.status == KeyStatus.LOCKED
    with pytest.raises(KeyLockedError):  # even the right code is refused now
        email_code.verify_login_code(db, attempt_id=attempt, code="123456", now=NOW)


def test_masking_keeps_the_first_letter_and_the_domain() -> None:
    assert email_code.mask_email("marouan_ey@hotmail.com") == "m*****@hotmail.com"
    assert email_code.mask_email("a@b.be") == "a*****@b.be"


def test_the_codes_come_in_the_language_of_the_account(
    db: Session, account: Account, start_attempt: StartAttempt
) -> None:
    account.language = "de"
    db.add(account)
    db.commit()
    email_code.start_enrolment(
        db, national_number=NATIONAL_NUMBER, email=ACCOUNT_EMAIL, now=NOW, random=sequence(7)
    )
    email_code.confirm_enrolment(db, national_number=NATIONAL_NUMBER, code="000007", now=NOW)
    db.commit()
    registration = outbox(db)[0]
    assert registration.subject == "Ihr Mon Espace-Registrierungscode"
    assert "Ihr Registrierungscode: 000007\n" in registration.text_body
    attempt = start_attempt(KIND)
    email_code.send_login_code(
        db, attempt_id=attempt, now=NOW + timedelta(minutes=2), random=sequence(4)
    )
    db.commit()
    login = outbox(db)[-1]
    assert login.subject == "Ihr Mon Espace-Sicherheitscode"
    assert "Ihr Sicherheitscode: 000004\n" in login.text_body
    assert '<html lang="de">' in (login.html_body or "")
