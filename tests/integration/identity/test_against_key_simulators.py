"""The portal's SMS client against the SMS gateway simulator: the same contract on both sides,
through real HTTP on loopback (itsme's: tests/integration/identity/itsme/test_oidc_login.py)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, SQLModel, create_engine

import foundation.models
import foundation.models.digital_keys
import foundation.models.one_time_code  # noqa: F401 - registers the tables
from foundation.models.digital_keys import DigitalKeyRecord, KeyStatus
from identity import sms_code
from identity.password.login_attempts import start_login
from simulators.sms_gateway.web import SmsGateway

pytestmark = pytest.mark.integration

NOW = datetime(2026, 11, 22, 7, 0, tzinfo=UTC)
TOKEN = "integration-sms-token"


@pytest.fixture
def gateway() -> Iterator[SmsGateway]:
    service = SmsGateway(None, port=0, token=TOKEN)
    service.start()
    yield service
    service.stop()


@pytest.fixture
def db() -> Iterator[Session]:
    engine = create_engine("sqlite://", poolclass=StaticPool)
    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        yield session


def test_a_login_code_reaches_the_gateway_inbox_and_opens_the_login(
    db: Session, gateway: SmsGateway
) -> None:
    db.add(
        DigitalKeyRecord(
            national_number="85073003328",
            kind="sms_code",
            status=KeyStatus.ACTIVE,
            created_at=NOW,
            destination="+32470123456",
        )
    )
    attempt_id = start_login(db, national_number="85073003328", key_kind="sms_code", now=NOW)
    db.commit()
    sender = sms_code.HttpSmsSender(gateway.url, TOKEN, timeout=5)
    masked = sms_code.send_login_code(db, sender=sender, attempt_id=attempt_id, now=NOW)
    db.commit()
    assert masked == "+32 4** ** ** 56"
    [sms] = gateway.store.all("+32470123456")
    code = sms.text.split("code de sécurité est ")[1][:6]
    checked = sms_code.verify_login_code(
        db, attempt_id=attempt_id, code=code, now=NOW + timedelta(seconds=20)
    )
    assert checked.national_number == "85073003328"


def test_the_gateway_refuses_a_wrong_token_and_the_portal_says_the_sms_was_not_sent(
    gateway: SmsGateway,
) -> None:
    sender = sms_code.HttpSmsSender(gateway.url, "not-the-token", timeout=5)
    with pytest.raises(sms_code.SmsDeliveryError, match="HTTP 401"):
        sender.send(to="+32470123456", text="x")
    assert gateway.store.all() == []
