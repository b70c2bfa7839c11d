"""What every key shares: lockout, status views, removal, mails, registration."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from foundation.i18n.error_messages import error_key, error_text
from foundation.models.account import Account
from foundation.models.digital_keys import DigitalKeyRecord, KeyStatus, LoginAttempt
from identity.assurance import LevelOfAssurance
from identity.keys.errors import (
    DigitalKeyError,
    InvalidCodeError,
    KeyLockedError,
    KeyNotEnrolledError,
    KeyNotRemovableError,
    ReplayedCodeError,
)
from identity.keys.kinds import KeyKind
from identity.keys.lockout import MAX_CONSECUTIVE_FAILURES, record_failure, record_success
from identity.keys.mails import key_added_mail, key_removed_mail
from identity.keys.records import remove_key
from identity.keys.status_views import KeyView, KeyViewStatus, key_status_views
from identity.password import set_credentials, start_login
from identity.registry import KeyGroup, default_registry
from tests.unit.identity.key_holder import EMAIL, FAST, NATIONAL_NUMBER, NOW, outbox
from tests.unit.identity.totp.helpers import enrol


def key_row(db: Session, kind: str = "email_code") -> DigitalKeyRecord:
    row = DigitalKeyRecord(national_number=NATIONAL_NUMBER, kind=kind, created_at=NOW)
    db.add(row)
    db.commit()
    return row


def test_one_hundred_consecutive_failures_lock_and_not_one_before(db: Session) -> None:
    row = key_row(db)
    for _ in range(MAX_CONSECUTIVE_FAILURES - 1):
        assert record_failure(db, row, now=NOW) is False
    assert record_failure(db, row, now=NOW) is True
    assert row.status == KeyStatus.LOCKED
    assert row.locked_at is not None


def test_a_success_in_between_starts_the_count_again(db: Session) -> None:
    row = key_row(db)
    for _ in range(MAX_CONSECUTIVE_FAILURES - 1):
        record_failure(db, row, now=NOW)
    record_success(db, row)
    db.commit()
    assert record_failure(db, row, now=NOW) is False
    assert row.consecutive_failures == 1


def test_every_error_has_a_text_of_its_own_in_the_catalogue() -> None:
    for error in [KeyLockedError, InvalidCodeError, ReplayedCodeError, KeyNotEnrolledError]:
        assert issubclass(error, DigitalKeyError)
        assert error_key(error()) == f"error.{error.__name__}"
        assert error_text("fr", error()).endswith(".")


def test_the_views_list_eid_then_app_then_password_with_status_and_dates(
    db: Session, account: Account
) -> None:
    set_credentials(
        db,
        national_number=NATIONAL_NUMBER,
        username="marie.dupont",
        password="correct horse battery",
        now=NOW,
        expires_in=timedelta(days=365),
        settings=FAST,
    )
    row = enrol(db, at=NOW + timedelta(hours=1))
    for _ in range(MAX_CONSECUTIVE_FAILURES):
        record_failure(db, row, now=NOW)
    views = key_status_views(db, NATIONAL_NUMBER)
    assert views == [
        KeyView("eid", KeyViewStatus.ACTIVE, datetime(2026, 1, 5, 9, 0, tzinfo=UTC), None),
        KeyView("totp", KeyViewStatus.LOCKED, NOW + timedelta(hours=1), None),
        KeyView("password", KeyViewStatus.ACTIVE, NOW, NOW + timedelta(days=365)),
    ]


def test_a_person_without_an_account_has_no_eid_view(db: Session) -> None:
    enrol(db)
    assert [v.kind for v in key_status_views(db, NATIONAL_NUMBER)] == ["totp"]


def test_removing_a_key_deletes_it_ends_its_pending_logins_and_mails_the_person(
    db: Session, account: Account
) -> None:
    enrol(db)
    start_login(db, national_number=NATIONAL_NUMBER, key_kind="totp", now=NOW)
    remove_key(db, national_number=NATIONAL_NUMBER, kind="totp", now=NOW + timedelta(days=1))
    db.commit()
    assert db.exec(select(DigitalKeyRecord)).all() == []
    assert db.exec(select(LoginAttempt)).all() == []
    removed = outbox(db)[-1]
    assert removed.recipient == EMAIL
    assert removed.subject == "Une clé numérique a été supprimée de votre compte Mon Espace"
    assert "23/11/2026 à 08:00" in removed.text_body


def test_removing_a_key_one_does_not_have_is_refused(db: Session) -> None:
    with pytest.raises(KeyNotEnrolledError):
        remove_key(db, national_number=NATIONAL_NUMBER, kind="totp", now=NOW)


def test_the_eid_cannot_be_removed(db: Session, account: Account) -> None:
    with pytest.raises(KeyNotRemovableError) as raised:
        remove_key(db, national_number=NATIONAL_NUMBER, kind="eid", now=NOW)
    assert "clé de base" in error_text("fr", raised.value)


def test_key_mails_are_text_and_html_with_the_key_named_in_the_language() -> None:
    added = key_added_mail(
        to=EMAIL, language="fr", full_name="Marie Dupont", kind="sms_code", when=NOW
    )
    removed = key_removed_mail(
        to=EMAIL, language="fr", full_name="Marie Dupont", kind="totp", when=NOW
    )
    assert added.text_body.startswith("Bonjour Marie Dupont")
    assert "code de sécurité envoyé par SMS" in added.text_body
    assert "application d'authentification" in removed.text_body
    assert added.html_body is not None
    assert 'lang="fr"' in added.html_body
    assert "l'équipe mon espace" in added.html_body.lower()
    german = key_added_mail(
        to=EMAIL, language="de", full_name="Marie Dupont", kind="sms_code", when=NOW
    )
    assert "der Sicherheitscode per SMS" in german.text_body
    assert 'lang="de"' in (german.html_body or "")


def test_the_registry_offers_the_app_among_code_keys_and_the_password_alone() -> None:
    registry = default_registry()
    assert registry.get(KeyKind.TOTP).descriptor.group is KeyGroup.CODE_AND_PASSWORD
    assert registry.get(KeyKind.TOTP).descriptor.level is LevelOfAssurance.SUBSTANTIAL
    assert registry.get(KeyKind.TOTP).descriptor.order == 2
    assert registry.get(KeyKind.PASSWORD).descriptor.group is KeyGroup.PASSWORD
    assert registry.get(KeyKind.PASSWORD).descriptor.level is LevelOfAssurance.LOW
