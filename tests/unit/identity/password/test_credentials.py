"""Setting and checking a username and password."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from sqlmodel import Session

from foundation.i18n.error_messages import error_text
from foundation.models.account import Account
from foundation.models.digital_keys import Credential
from identity.keys.errors import KeyLockedError
from identity.keys.lockout import MAX_CONSECUTIVE_FAILURES
from identity.password import (
    check_credentials,
    delete_credentials,
    set_credentials,
    unlock_credentials,
)
from identity.password.errors import (
    CredentialsExpiredError,
    InvalidCredentialsError,
    PasswordLockedError,
    PasswordTooShortError,
    UsernameTakenError,
)
from identity.password.hashing import PasswordHasherSettings, dummy_hash
from tests.unit.identity.key_holder import (
    EMAIL,
    FAST,
    NATIONAL_NUMBER,
    NOW,
    OTHER_NATIONAL_NUMBER,
    outbox,
)

PASSWORD = "correct horse battery"


def give_credentials(db: Session, **overrides: object) -> Credential:
    arguments: dict[str, object] = {
        "national_number": NATIONAL_NUMBER,
        "username": "marie.dupont",
        "password": PASSWORD,
        "now": NOW,
        "settings": FAST,
    } | overrides
    row = set_credentials(db, **arguments)  # type: ignore[arg-type]
    db.commit()
    return row


def check(db: Session, username: str = "marie.dupont", password: str = PASSWORD) -> str:
    return check_credentials(db, username=username, password=password, now=NOW, settings=FAST)


def test_the_right_password_gives_the_national_number(db: Session) -> None:
    give_credentials(db)
    assert check(db) == NATIONAL_NUMBER


def test_the_username_is_found_whatever_its_case_and_spaces(db: Session) -> None:
    give_credentials(db, username="Marie.Dupont")
    assert check(db, username="  MARIE.dupont ") == NATIONAL_NUMBER


def test_the_password_is_stored_as_an_argon2id_hash(db: Session) -> None:
    row = give_credentials(db)
    assert row.password_hash.startswith("$argon2id$")
    assert PASSWORD not in row.password_hash


def test_the_same_password_typed_in_another_unicode_form_matches(db: Session) -> None:
    give_credentials(db, password="café crème brûlée")  # composed é
    assert check(db, password="cafe\u0301 cre\u0300me bru\u0302le\u0301e") == NATIONAL_NUMBER


def test_a_wrong_password_and_an_unknown_username_get_the_same_error(db: Session) -> None:
    give_credentials(db)
    with pytest.raises(InvalidCredentialsError) as wrong:
        check(db, password="not the password at all")
    with pytest.raises(InvalidCredentialsError) as unknown:
        check(db, username="nobody.here")
    assert error_text("fr", wrong.value) == error_text("fr", unknown.value)
    assert "incorrect" in error_text("fr", unknown.value)


def test_an_unknown_username_costs_one_argon2_verification_and_one_commit_like_a_wrong_password(
    db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    give_credentials(db)
    verifications: list[str] = []
    commits: list[None] = []
    original_verify = PasswordHasher.verify
    original_commit = Session.commit

    def counting_verify(self: PasswordHasher, hash: str, password: str) -> bool:
        verifications.append(hash)
        return original_verify(self, hash, password)

    def counting_commit(self: Session) -> None:
        commits.append(None)
        original_commit(self)

    monkeypatch.setattr(PasswordHasher, "verify", counting_verify)
    monkeypatch.setattr(Session, "commit", counting_commit)
    with pytest.raises(InvalidCredentialsError):
        check(db, password="not the password at all")
    wrong = (len(verifications), len(commits))
    verifications.clear()
    commits.clear()
    with pytest.raises(InvalidCredentialsError):
        check(db, username="nobody.here")
    assert (len(verifications), len(commits)) == wrong == (1, 1)
    assert verifications[0].startswith("$argon2id$v=19$m=8,t=1,p=1$")  # the same cost


def test_an_unknown_username_takes_about_as_long_as_a_wrong_password(db: Session) -> None:
    costly = PasswordHasherSettings(time_cost=2, memory_cost_kib=16 * 1024)
    give_credentials(db, settings=costly)

    def duration(username: str) -> float:
        start = time.perf_counter()
        with pytest.raises(InvalidCredentialsError):
            check_credentials(
                db, username=username, password="wrong password!", now=NOW, settings=costly
            )
        return time.perf_counter() - start

    duration("nobody.here")  # warm the dummy hash
    # Interleaved, and the fastest of each: other work on the machine only ever adds time.
    wrong, unknown = [], []
    for _ in range(9):
        wrong.append(duration("marie.dupont"))
        unknown.append(duration("nobody.here"))
    assert 0.75 < min(unknown) / min(wrong) < 1.33


def test_a_username_held_by_someone_else_is_taken(db: Session) -> None:
    give_credentials(db)
    with pytest.raises(UsernameTakenError) as raised:
        give_credentials(db, national_number=OTHER_NATIONAL_NUMBER, username="MARIE.DUPONT")
    assert "déjà utilisé" in error_text("fr", raised.value)


def test_a_weak_password_is_refused_before_anything_is_stored(db: Session) -> None:
    with pytest.raises(PasswordTooShortError):
        give_credentials(db, password="short")
    assert db.get(Credential, NATIONAL_NUMBER) is None


def test_new_credentials_are_announced_by_mail(db: Session, account: Account) -> None:
    give_credentials(db)
    mails = outbox(db)
    assert [m.recipient for m in mails] == [EMAIL]
    assert "ajoutée" in mails[0].subject
    assert "nom d'utilisateur et mot de passe" in mails[0].text_body
    assert "22/11/2026 à 08:00" in mails[0].text_body  # Brussels time


def test_changing_the_password_replaces_it_keeps_the_since_date_and_mails(
    db: Session, account: Account
) -> None:
    give_credentials(db)
    later = NOW + timedelta(days=3)
    row = give_credentials(db, password="another good passphrase", now=later)
    assert row.created_at.replace(tzinfo=None) == NOW.replace(tzinfo=None)
    with pytest.raises(InvalidCredentialsError):
        check(db)
    assert check(db, password="another good passphrase") == NATIONAL_NUMBER
    assert [m.subject for m in outbox(db)][-1].startswith("Le mot de passe")


def test_a_person_may_change_their_own_username(db: Session) -> None:
    give_credentials(db)
    give_credentials(db, username="marie.d")
    assert check(db, username="marie.d") == NATIONAL_NUMBER
    with pytest.raises(InvalidCredentialsError):
        check(db)


def test_expired_credentials_are_refused_once_the_password_is_right(db: Session) -> None:
    give_credentials(db, expires_in=timedelta(days=365))
    expired = NOW + timedelta(days=365)
    with pytest.raises(CredentialsExpiredError) as raised:
        check_credentials(
            db, username="marie.dupont", password=PASSWORD, now=expired, settings=FAST
        )
    assert "expiré" in error_text("fr", raised.value)
    with pytest.raises(InvalidCredentialsError):
        check_credentials(
            db, username="marie.dupont", password="wrong password!", now=expired, settings=FAST
        )


def test_a_failure_is_counted_even_when_the_caller_rolls_back(db: Session) -> None:
    give_credentials(db)
    with pytest.raises(InvalidCredentialsError):
        check(db, password="wrong password!")
    db.rollback()
    row = db.get(Credential, NATIONAL_NUMBER)
    assert row is not None
    assert row.consecutive_failures == 1


def test_a_success_resets_the_failure_count(db: Session) -> None:
    give_credentials(db)
    for _ in range(5):
        with pytest.raises(InvalidCredentialsError):
            check(db, password="wrong password!")
    check(db)
    db.commit()
    row = db.get(Credential, NATIONAL_NUMBER)
    assert row is not None
    assert row.consecutive_failures == 0


def lock(db: Session) -> None:
    for _ in range(MAX_CONSECUTIVE_FAILURES - 1):
        with pytest.raises(InvalidCredentialsError):
            check(db, password="wrong password!")
    with pytest.raises(PasswordLockedError):
        check(db, password="wrong password!")


def test_the_hundredth_failure_locks_and_the_right_password_no_longer_opens(db: Session) -> None:
    give_credentials(db)
    lock(db)
    with pytest.raises(KeyLockedError) as raised:
        check(db)
    assert isinstance(raised.value, PasswordLockedError)
    assert "carte d'identité électronique" in error_text("fr", raised.value)
    assert "Mes clés numériques" in error_text("fr", raised.value)


def test_unlocking_after_an_eid_login_lets_the_password_in_again(db: Session) -> None:
    give_credentials(db)
    lock(db)
    unlock_credentials(db, national_number=NATIONAL_NUMBER, now=NOW)
    db.commit()
    assert check(db) == NATIONAL_NUMBER


def test_setting_a_new_password_also_unlocks(db: Session) -> None:
    give_credentials(db)
    lock(db)
    give_credentials(db, password="a brand new passphrase")
    assert check(db, password="a brand new passphrase") == NATIONAL_NUMBER


def test_a_hash_made_with_an_older_cost_is_redone_at_the_current_cost(db: Session) -> None:
    old = PasswordHasherSettings(time_cost=1, memory_cost_kib=16)
    give_credentials(db, settings=old)
    check(db)
    db.commit()
    row = db.get(Credential, NATIONAL_NUMBER)
    assert row is not None
    assert row.password_hash.startswith("$argon2id$v=19$m=8,t=1,p=1$")
    assert check(db) == NATIONAL_NUMBER


def test_deleted_credentials_no_longer_open_and_the_person_is_told(
    db: Session, account: Account
) -> None:
    give_credentials(db)
    delete_credentials(db, national_number=NATIONAL_NUMBER, now=NOW)
    db.commit()
    with pytest.raises(InvalidCredentialsError):
        check(db)
    assert "supprimée" in outbox(db)[-1].subject


def test_a_naive_clock_is_refused(db: Session) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        give_credentials(db, now=NOW.replace(tzinfo=None))


def test_the_dummy_hash_is_made_at_the_cost_in_use() -> None:
    assert dummy_hash(FAST).startswith("$argon2id$v=19$m=8,t=1,p=1$")
