"""The SMS code key: Belgian mobile numbers only, the code handed to the SMS gateway."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from foundation.i18n.error_messages import error_text
from foundation.models.digital_keys import KeyStatus
from foundation.models.one_time_code import OneTimeCode
from identity import sms_code
from identity.assurance import LevelOfAssurance
from identity.keys.records import find_key
from identity.one_time_code import errors as e
from identity.registry import KeyGroup, default_registry
from tests.unit.identity.code_people import (
    NATIONAL_NUMBER,
    NOW,
    StartAttempt,
    add_key,
    outbox,
    sequence,
)

KIND = "sms_code"
NUMBER = "+32470123456"


@dataclass
class RecordingSender:
    sent: list[tuple[str, str]] = field(default_factory=list)
    fail: bool = False

    def send(self, *, to: str, text: str) -> str:
        if self.fail:
            raise sms_code.SmsDeliveryError("gateway down")
        self.sent.append((to, text))
        return f"sms-{len(self.sent)}"


@pytest.mark.parametrize(
    "typed",
    [
        "+32470123456",
        "+32 470 12 34 56",
        "0470 12 34 56",
        "0470/12.34.56",
        "0032 470 12-34-56",
        "+32 (0)470 12 34 56",
    ],
)
def test_belgian_mobile_numbers_are_kept_in_one_form(typed: str) -> None:
    assert sms_code.normalise_mobile(typed) == NUMBER


@pytest.mark.parametrize(
    "typed",
    ["02 123 45 67", "+33 6 12 34 56 78", "0470 12 34 5", "0470 12 34 567", "470123456", "", "abc"],
)
def test_other_numbers_are_refused_with_an_example_of_a_good_one(typed: str) -> None:
    with pytest.raises(sms_code.InvalidMobileNumberError) as refused:
        sms_code.normalise_mobile(typed)
    assert "0470 12 34 56" in error_text("fr", refused.value)


def test_the_number_is_shown_masked_but_for_its_last_two_digits() -> None:
    assert sms_code.mask_mobile(NUMBER) == "+32 4** ** ** 56"


def test_the_sms_code_is_a_substantial_code_key_third_of_its_group() -> None:
    descriptor = default_registry().get(KIND).descriptor
    assert descriptor.group is KeyGroup.CODE_AND_PASSWORD
    assert descriptor.level is LevelOfAssurance.SUBSTANTIAL
    assert descriptor.order == 3


def test_enrolment_texts_a_registration_code_that_activates_the_number(db: Session) -> None:
    sender = RecordingSender()
    kept = sms_code.start_enrolment(
        db,
        sender=sender,
        national_number=NATIONAL_NUMBER,
        phone="0470 12 34 56",
        now=NOW,
        random=sequence(4321),
    )
    db.commit()
    assert kept == NUMBER
    [(to, text)] = sender.sent
    assert to == NUMBER
    assert "code d'enregistrement est 004321" in text
    key = sms_code.confirm_enrolment(
        db, national_number=NATIONAL_NUMBER, code="004321", now=NOW + timedelta(minutes=2)
    )
    db.commit()
    assert key.status == KeyStatus.ACTIVE
    assert key.destination == NUMBER


def test_login_texts_the_code_and_shows_the_number_masked(
    db: Session, start_attempt: StartAttempt
) -> None:
    add_key(db, kind=KIND, destination=NUMBER)
    attempt = start_attempt(KIND)
    sender = RecordingSender()
    masked = sms_code.send_login_code(
        db, sender=sender, attempt_id=attempt, now=NOW, random=sequence(987654)
    )
    db.commit()
    assert masked == "+32 4** ** ** 56"
    assert sender.sent == [
        (
            NUMBER,
            "Mon Espace : votre code de sécurité est 987654. Valable 10 minutes. "
            "Ne le communiquez à personne.",
        )
    ]
    assert outbox(db) == []  # an SMS, not a mail
    checked = sms_code.verify_login_code(
        db, attempt_id=attempt, code="987654", now=NOW + timedelta(seconds=30)
    )
    assert checked.id == attempt


def test_a_gateway_failure_rolls_the_code_back_and_does_not_count_as_a_send(
    db: Session, start_attempt: StartAttempt
) -> None:
    add_key(db, kind=KIND, destination=NUMBER)
    attempt = start_attempt(KIND)
    with pytest.raises(sms_code.SmsDeliveryError) as failed:
        sms_code.send_login_code(db, sender=RecordingSender(fail=True), attempt_id=attempt, now=NOW)
    assert "Le SMS n'a pas pu être envoyé" in error_text("fr", failed.value)
    db.rollback()
    assert db.exec(select(OneTimeCode)).all() == []
    # No minute to wait: nothing was sent.
    sms_code.send_login_code(db, sender=RecordingSender(), attempt_id=attempt, now=NOW)


def test_a_second_sms_within_the_minute_is_refused(
    db: Session, start_attempt: StartAttempt
) -> None:
    add_key(db, kind=KIND, destination=NUMBER)
    attempt = start_attempt(KIND)
    sender = RecordingSender()
    sms_code.send_login_code(db, sender=sender, attempt_id=attempt, now=NOW)
    db.commit()
    with pytest.raises(e.CodeResendTooSoonError):
        sms_code.send_login_code(
            db, sender=sender, attempt_id=attempt, now=NOW + timedelta(seconds=59)
        )
    assert len(sender.sent) == 1


def test_an_enrolment_with_a_foreign_number_sends_nothing(db: Session) -> None:
    sender = RecordingSender()
    with pytest.raises(sms_code.InvalidMobileNumberError):
        sms_code.start_enrolment(
            db, sender=sender, national_number=NATIONAL_NUMBER, phone="+33612345678", now=NOW
        )
    assert sender.sent == []
    assert find_key(db, national_number=NATIONAL_NUMBER, kind=KIND) is None


def test_the_sms_wizard_says_its_risks_where_the_number_is_asked() -> None:
    """ASVS 6.6.1: SMS is offered beside stronger keys and says why it is weaker."""
    from foundation.i18n.catalog import catalog
    from identity.sms_code.key import SMS_CODE_WIZARD

    destination = SMS_CODE_WIZARD.destination
    assert destination is not None
    for language in ("fr", "nl", "de", "en"):
        assert "sim" in catalog(language)[destination.warning_key].lower()
