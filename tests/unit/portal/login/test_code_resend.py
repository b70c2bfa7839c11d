"""Sending the code of a pending login again: the keys whose codes are sent send a new one; an
app or a card sends none (the page offers no button, a forged event is refused)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from foundation.models.account import AccountStatus
from identity import totp
from identity.email_code import start_enrolment
from identity.key_protocol import CodeNotResendableError
from identity.one_time_code.flows import confirm_enrolment
from identity.password import set_credentials
from portal.login.code_login import send_code_again, submit_password
from tests.unit.identity.key_holder import FAST
from tests.unit.identity.key_people import outbox, six_digits_in
from tests.unit.identity.totp.helpers import SECRET, code_at
from tests.unit.portal.visitors import NAIMA, NOW, open_account

PASSWORD = "correct horse battery"


@pytest.fixture
def person(engine: Engine) -> Engine:
    open_account(engine, AccountStatus.ACTIVE)
    with Session(engine) as db:
        set_credentials(
            db,
            national_number=NAIMA.national_number,
            username="naima.m",
            password=PASSWORD,
            now=NOW,
            settings=FAST,
        )
        start_enrolment(db, national_number=NAIMA.national_number, email="n@example.be", now=NOW)
        code = six_digits_in(outbox(db)[-1].text_body)
        confirm_enrolment(
            db, kind="email_code", national_number=NAIMA.national_number, code=code, now=NOW
        )
        totp.confirm_enrolment(
            db,
            national_number=NAIMA.national_number,
            secret=SECRET,
            first_code=code_at(NOW),
            now=NOW,
        )
        db.commit()
    return engine


def attempt(engine: Engine, kind: str) -> str:
    passed = submit_password(
        kind=kind,
        username="naima.m",
        password=PASSWORD,
        now=NOW,
        browser_binding="b" * 64,
        settings=FAST,
        bind=engine,
    )
    return passed.attempt_id


def test_an_email_code_is_sent_again_to_the_masked_address(person: Engine) -> None:
    attempt_id = attempt(person, "email_code")
    later = NOW + timedelta(minutes=2)
    prompt = send_code_again(kind="email_code", attempt_id=attempt_id, now=later, bind=person)
    assert (prompt.detail, prompt.can_resend) == ("n*****@example.be", True)
    with Session(person) as db:
        assert [m.recipient for m in outbox(db)][-2:] == ["n@example.be", "n@example.be"]


def test_the_app_sends_no_code_again(person: Engine) -> None:
    attempt_id = attempt(person, "totp")
    with pytest.raises(CodeNotResendableError):
        send_code_again(kind="totp", attempt_id=attempt_id, now=NOW, bind=person)
