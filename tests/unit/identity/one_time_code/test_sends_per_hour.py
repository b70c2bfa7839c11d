"""Codes sent to one person per hour, whatever the login attempts: the 11th SMS or e-mail within
the hour is refused with a clear message, sends nothing and voids no code."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from foundation.i18n.error_messages import error_text
from foundation.models.one_time_code import OneTimeCode
from identity import email_code, sms_code
from identity.throttling import TooManyCodesSentError
from tests.unit.identity.code_people import NOW, StartAttempt, add_key, outbox

HOURLY = 10  # settings.codes_sent_per_person_per_hour


@dataclass
class RecordingSender:
    sent: list[str] = field(default_factory=list)
    fail: bool = False

    def send(self, *, to: str, text: str) -> str:
        if self.fail:
            raise sms_code.SmsDeliveryError("gateway down")
        self.sent.append(text)
        return f"sms-{len(self.sent)}"


def test_the_eleventh_sms_of_the_hour_is_refused_however_many_logins_start(
    db: Session, start_attempt: StartAttempt
) -> None:
    add_key(db, kind="sms_code", destination="+32470123456")
    sender = RecordingSender()
    for minute in range(HOURLY):
        attempt = start_attempt("sms_code", now=NOW + timedelta(minutes=minute))
        sms_code.send_login_code(
            db, sender=sender, attempt_id=attempt, now=NOW + timedelta(minutes=minute)
        )
    attempt = start_attempt("sms_code", now=NOW + timedelta(minutes=20))
    with pytest.raises(TooManyCodesSentError) as refused:
        sms_code.send_login_code(
            db, sender=sender, attempt_id=attempt, now=NOW + timedelta(minutes=20)
        )
    assert error_text("fr", refused.value) == (
        "Trop de codes ont été envoyés en une heure. Réessayez dans 40 minutes."
    )
    assert len(sender.sent) == HOURLY
    db.rollback()
    assert db.exec(select(OneTimeCode).where(OneTimeCode.attempt_id == attempt)).all() == []
    # An hour after the first, one more may go.
    later = NOW + timedelta(hours=1)
    attempt = start_attempt("sms_code", now=later)
    sms_code.send_login_code(db, sender=sender, attempt_id=attempt, now=later)
    assert len(sender.sent) == HOURLY + 1


def test_a_failed_delivery_or_a_resend_too_soon_does_not_count(
    db: Session, start_attempt: StartAttempt
) -> None:
    add_key(db, kind="sms_code", destination="+32470123456")
    sender = RecordingSender()
    attempt = start_attempt("sms_code")
    for _ in range(HOURLY + 2):
        with pytest.raises(sms_code.SmsDeliveryError):
            sms_code.send_login_code(
                db, sender=RecordingSender(fail=True), attempt_id=attempt, now=NOW
            )
        db.rollback()
    sms_code.send_login_code(db, sender=sender, attempt_id=attempt, now=NOW)
    for _ in range(HOURLY + 2):
        with pytest.raises(Exception, match="resend"):
            sms_code.send_login_code(db, sender=sender, attempt_id=attempt, now=NOW)
        db.rollback()
    for minute in range(1, HOURLY):
        attempt = start_attempt("sms_code", now=NOW + timedelta(minutes=minute))
        sms_code.send_login_code(
            db, sender=sender, attempt_id=attempt, now=NOW + timedelta(minutes=minute)
        )
    assert len(sender.sent) == HOURLY


def test_e_mail_codes_and_their_resends_are_counted_per_person_too(
    db: Session, start_attempt: StartAttempt
) -> None:
    add_key(db, kind="email_code", destination="marouan_ey@hotmail.com")
    attempt = start_attempt("email_code")
    moment = NOW
    # One login attempt allows 5 codes (the first and 4 resends), a minute apart.
    for _ in range(5):
        email_code.send_login_code(db, attempt_id=attempt, now=moment)
        db.commit()
        moment += timedelta(minutes=1)
    attempt = start_attempt("email_code", now=moment)
    for _ in range(5):
        email_code.send_login_code(db, attempt_id=attempt, now=moment)
        db.commit()
        moment += timedelta(minutes=1)
    attempt = start_attempt("email_code", now=moment)
    with pytest.raises(TooManyCodesSentError) as refused:
        email_code.send_login_code(db, attempt_id=attempt, now=moment)
    assert refused.value.minutes == 50
    db.rollback()
    assert len(outbox(db)) == HOURLY
    # The SMS channel of the same person is counted apart.
    add_key(db, kind="sms_code", destination="+32470123456")
    sms_attempt = start_attempt("sms_code", now=moment)
    sms_code.send_login_code(db, sender=RecordingSender(), attempt_id=sms_attempt, now=moment)
