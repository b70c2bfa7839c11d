"""Each key's behaviour as its registry entry carries it: adding a key (enrolment, the password
set from Mes clés) and removing one want a recent strong login, refused in the service itself
whatever a page shows; the entries of the portal's keys."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from foundation.i18n.catalog import catalog
from foundation.models.digital_keys import Credential, DigitalKeyRecord, KeyStatus
from foundation.models.session import UserSession
from foundation.settings import SUPPORTED_LANGUAGES
from identity.key_protocol import EnrolmentRequest, LoginPage
from identity.keys.errors import KeyNotRemovableError, StrongLoginRequiredError
from identity.keys.records import find_key, remove_own_key
from identity.password import set_credentials, set_own_credentials
from identity.registry import KeyRegistry, default_registry
from identity.sms_code.key import SmsCodeKey
from identity.totp import confirm_enrolment
from tests.unit.identity.key_people import (
    EMAIL,
    NOW,
    PERSON,
    add_account,
    app_login,
    fresh_eid_login,
    old_eid_login,
    outbox,
    six_digits_in,
)
from tests.unit.identity.totp.helpers import SECRET, code_at

ENROLLED_FROM_MES_CLES = [
    key.descriptor.kind for key in default_registry().ordered() if key.enrolment
]
NOT_STRONG: list[Callable[[Session], UserSession]] = [old_eid_login, app_login]


class FakeSender:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    def send(self, *, to: str, text: str) -> str:
        self.sent.append((to, text))
        return f"sms-{len(self.sent)}"


def test_the_keys_enrolled_from_mes_cles_are_the_app_and_the_two_sent_codes() -> None:
    assert ENROLLED_FROM_MES_CLES == ["email_code", "totp", "sms_code"]


@pytest.mark.parametrize("kind", ENROLLED_FROM_MES_CLES)
@pytest.mark.parametrize("weak_login", NOT_STRONG)
def test_enrolment_refuses_without_a_recent_strong_login(
    db: Session, kind: str, weak_login: Callable[[Session], UserSession]
) -> None:
    add_account(db)
    enrolment = default_registry().get(kind).enrolment
    assert enrolment is not None
    request = EnrolmentRequest(
        session=weak_login(db), now=NOW, destination="0470 12 34 56", code="123456"
    )
    with pytest.raises(StrongLoginRequiredError):
        enrolment.start(db, request)
    with pytest.raises(StrongLoginRequiredError):
        enrolment.confirm(db, request)
    assert outbox(db) == []  # no registration code went anywhere
    assert find_key(db, national_number=PERSON.national_number, kind=kind) is None


def test_the_app_is_enrolled_through_its_entry_with_a_fresh_eid_login(db: Session) -> None:
    add_account(db)
    enrolment = default_registry().get("totp").enrolment
    assert enrolment is not None
    session = fresh_eid_login(db)
    started = enrolment.start(db, EnrolmentRequest(session=session, now=NOW, account_name=EMAIL))
    assert started.qr_src.startswith("data:image/png;base64,")
    assert started.secret_text.replace(" ", "") == started.secret
    request = EnrolmentRequest(session=session, now=NOW, secret=SECRET, code=code_at(NOW))
    enrolment.confirm(db, request)
    key = find_key(db, national_number=PERSON.national_number, kind="totp")
    assert key is not None
    assert key.status == KeyStatus.ACTIVE


def test_the_sms_key_sends_through_the_gateway_it_was_handed(db: Session) -> None:
    add_account(db)
    sender = FakeSender()
    enrolment = KeyRegistry([SmsCodeKey(sender=lambda: sender)]).get("sms_code").enrolment
    assert enrolment is not None
    session = fresh_eid_login(db)
    started = enrolment.start(
        db, EnrolmentRequest(session=session, now=NOW, destination="0470 12 34 56")
    )
    assert started.destination == "+32470123456"
    [(to, text)] = sender.sent
    assert to == "+32470123456"
    code = six_digits_in(text)
    enrolment.confirm(db, EnrolmentRequest(session=session, now=NOW, code=code))
    key = find_key(db, national_number=PERSON.national_number, kind="sms_code")
    assert key is not None
    assert key.destination == "+32470123456"


@pytest.mark.parametrize("weak_login", NOT_STRONG)
def test_setting_the_password_from_mes_cles_wants_a_recent_strong_login(
    db: Session, weak_login: Callable[[Session], UserSession]
) -> None:
    add_account(db)
    with pytest.raises(StrongLoginRequiredError):
        set_own_credentials(
            db,
            session=weak_login(db),
            username="marie.dupont",
            password="correct horse battery",
            now=NOW,
        )
    assert db.get(Credential, PERSON.national_number) is None


def test_a_fresh_eid_login_sets_the_password(db: Session) -> None:
    add_account(db)
    row = set_own_credentials(
        db,
        session=fresh_eid_login(db),
        username="marie.dupont",
        password="correct horse battery",
        now=NOW,
    )
    assert row.national_number == PERSON.national_number
    assert row.username == "marie.dupont"


@pytest.mark.parametrize("weak_login", NOT_STRONG)
def test_removing_a_key_wants_a_recent_strong_login(
    db: Session, weak_login: Callable[[Session], UserSession]
) -> None:
    add_account(db)
    confirm_enrolment(
        db, national_number=PERSON.national_number, secret=SECRET, first_code=code_at(NOW), now=NOW
    )
    with pytest.raises(StrongLoginRequiredError):
        remove_own_key(db, session=weak_login(db), kind="totp", now=NOW)
    assert find_key(db, national_number=PERSON.national_number, kind="totp") is not None


def test_a_fresh_eid_login_removes_a_key_and_the_password_but_never_the_eid(db: Session) -> None:
    add_account(db)
    set_credentials(
        db,
        national_number=PERSON.national_number,
        username="marie.d",
        password="tulipe cartable horizon",
        now=NOW,
    )
    confirm_enrolment(
        db, national_number=PERSON.national_number, secret=SECRET, first_code=code_at(NOW), now=NOW
    )
    session = fresh_eid_login(db)
    later = NOW + timedelta(minutes=5)
    remove_own_key(db, session=session, kind="totp", now=later)
    remove_own_key(db, session=session, kind="password", now=later)
    assert db.exec(select(DigitalKeyRecord)).all() == []
    assert db.get(Credential, PERSON.national_number) is None
    with pytest.raises(KeyNotRemovableError):
        remove_own_key(db, session=session, kind="eid", now=later)


def test_only_the_password_logs_in_on_the_code_page_without_a_code() -> None:
    on_code_page = [
        k for k in default_registry().ordered() if k.descriptor.login_page is LoginPage.CODE
    ]
    assert [k.descriptor.kind for k in on_code_page if k.second_step is None] == ["password"]
    own_page = [k for k in default_registry().ordered() if k.descriptor.login_page is LoginPage.OWN]
    assert [k.descriptor.kind for k in own_page] == ["eid", "itsme", "eidas"]
    assert all(k.second_step is None and k.wizard is None for k in own_page)


def test_only_the_eid_and_the_european_means_cannot_be_removed() -> None:
    not_removable = [k.descriptor.kind for k in default_registry().ordered() if not k.removable]
    # The eID is what the account rests on; a European means of identification is its country's.
    assert not_removable == ["eid", "eidas"]


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_every_text_a_wizard_names_is_in_the_catalogue(language: str) -> None:
    texts = catalog(language)
    named = {
        text_key
        for key in default_registry().ordered()
        if key.wizard is not None
        for text_key in key.wizard.catalogue_keys()
    }
    assert len(named) > 20
    assert sorted(named - set(texts)) == []
