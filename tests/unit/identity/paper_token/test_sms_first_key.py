"""The SMS code as a first key from a registration office's activation code (seed 004 §3: "Il est
recommandé d'installer le code de sécurité via application mobile ou SMS"): the number, the code
it receives, then username + password."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from foundation.models.digital_keys import Credential, DigitalKeyRecord, KeyStatus
from foundation.models.paper_token import ActivationCode
from identity import paper_token
from identity.keys.records import find_key
from identity.one_time_code.errors import CodeResendTooSoonError, WrongCodeError
from identity.paper_token import errors as e
from identity.password import check_credentials
from identity.sms_code.phone import InvalidMobileNumberError
from tests.unit.identity.code_people import NOW
from tests.unit.identity.paper_token.test_paper_token import reference_of, register

PASSWORD = "Tulipes-de-Cracovie-7"
PHONE = "0470 12 34 56"


class FakeSender:
    """The SMS gateway: keeps what it was asked to send."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    def send(self, *, to: str, text: str) -> str:
        self.sent.append((to, text))
        return f"sms-{len(self.sent)}"

    def last_code(self) -> str:
        found = re.search(r"\b(\d{6})\b", self.sent[-1][1])
        assert found is not None
        return found.group(1)


def typed(registration: paper_token.Registration) -> paper_token.FirstKeyForm:
    return paper_token.FirstKeyForm(
        reference=reference_of(registration),
        code=registration.activation_code,
        username="anna.k",
        password=PASSWORD,
        language="en",
        terms_accepted=True,
    )


def send(
    db: Session, registration: paper_token.Registration, sender: FakeSender, **later: int
) -> str:
    masked = paper_token.send_sms_code(
        db,
        reference=reference_of(registration),
        code=registration.activation_code,
        phone=PHONE,
        now=NOW + timedelta(**later),
        sender=sender,
    )
    db.commit()
    return masked


def activate(
    db: Session, registration: paper_token.Registration, sms_code: str, **later: int
) -> paper_token.SmsCodeActivation:
    done = paper_token.activate_first_key(
        db,
        typed(registration),
        key="sms_code",
        secret="",
        first_code=sms_code,
        now=NOW + timedelta(**later),
    )
    db.commit()
    assert isinstance(done, paper_token.SmsCodeActivation)
    return done


def test_the_sms_code_can_be_chosen_as_first_key() -> None:
    assert paper_token.FIRST_KEYS == ("totp", "sms_code", "paper_token")
    paper_token.check_choices(language="fr", terms_accepted=True, key="sms_code")


def test_the_code_sent_by_sms_activates_the_key_with_username_and_password(db: Session) -> None:
    registration = register(db)
    bis = registration.person.bis_number
    sender = FakeSender()
    assert send(db, registration, sender) == "+32 4** ** ** 56"
    [(to, text)] = sender.sent
    assert to == "+32470123456"
    assert "code d'enregistrement" in text
    done = activate(db, registration, sender.last_code(), minutes=2)
    assert (done.bis_number, done.username, done.phone) == (bis, "anna.k", "+32 4** ** ** 56")
    key = find_key(db, national_number=bis, kind="sms_code")
    assert key is not None
    assert (key.status, key.destination) == (KeyStatus.ACTIVE, "+32470123456")
    assert find_key(db, national_number=bis, kind="paper_token") is None  # no card printed
    assert db.exec(select(ActivationCode)).one().used_at is not None
    assert check_credentials(db, username="anna.k", password=PASSWORD, now=NOW) == bis


def test_a_wrong_sms_code_spends_nothing_and_the_right_one_still_works(db: Session) -> None:
    registration = register(db)
    sender = FakeSender()
    send(db, registration, sender)
    right = sender.last_code()
    with pytest.raises(WrongCodeError):
        activate(db, registration, "000000" if right != "000000" else "111111", minutes=1)
    db.rollback()
    assert db.exec(select(ActivationCode)).one().used_at is None
    assert db.get(Credential, registration.person.bis_number) is None
    assert activate(db, registration, right, minutes=2).username == "anna.k"


def test_no_sms_leaves_without_the_right_activation_code(db: Session) -> None:
    registration = register(db)
    sender = FakeSender()
    with pytest.raises(e.WrongActivationCodeError):
        paper_token.send_sms_code(
            db,
            reference=reference_of(registration),
            code="AAAAA-AAAAA-AAAAA-AAAAA",
            phone=PHONE,
            now=NOW,
            sender=sender,
        )
    with pytest.raises(InvalidMobileNumberError):
        paper_token.send_sms_code(
            db,
            reference=reference_of(registration),
            code=registration.activation_code,
            phone="02 413 25 10",  # a landline
            now=NOW,
            sender=sender,
        )
    assert sender.sent == []


def test_a_new_code_waits_a_minute(db: Session) -> None:
    registration = register(db)
    sender = FakeSender()
    send(db, registration, sender)
    with pytest.raises(CodeResendTooSoonError):
        send(db, registration, sender, seconds=30)
    send(db, registration, sender, seconds=61)
    assert len(sender.sent) == 2


def test_a_recovery_replaces_the_number_of_the_sms_key_the_person_had(db: Session) -> None:
    registration = register(db)
    bis = registration.person.bis_number
    db.add(
        DigitalKeyRecord(
            national_number=bis,
            kind="sms_code",
            created_at=NOW - timedelta(days=400),
            destination="+32499000000",
        )
    )
    db.commit()
    sender = FakeSender()
    send(db, registration, sender)
    activate(db, registration, sender.last_code(), minutes=1)
    key = find_key(db, national_number=bis, kind="sms_code")
    assert key is not None
    assert key.destination == "+32470123456"
