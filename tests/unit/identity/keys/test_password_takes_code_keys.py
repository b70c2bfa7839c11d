"""Username + password is the first factor of every code key: removing it takes the person's
code keys with it (they could no longer log in), named in the confirmation, removed in the same
unit of work and told in one e-mail. A removal whose confirmation named other keys than the
person holds removes nothing (issue #18's bug: the app stayed ACTIVE and answered "Nom
d'utilisateur ou mot de passe incorrect")."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session

from foundation.models.digital_keys import Credential, DigitalKeyRecord
from identity.keys.errors import KeysGoingWithChangedError
from identity.keys.mails import key_label
from identity.keys.records import find_key, keys_going_with, remove_own_key
from identity.password import set_credentials
from identity.registry import default_registry
from tests.unit.identity.key_holder import FAST
from tests.unit.identity.key_people import NOW, PERSON, add_account, fresh_eid_login, outbox

LATER = NOW + timedelta(minutes=5)
# Every key whose login starts with username + password, by the registry.
CODE_KEYS = ["email_code", "totp", "sms_code", "paper_token"]


def holding(db: Session, *kinds: str) -> None:
    add_account(db)
    set_credentials(
        db,
        national_number=PERSON.national_number,
        username="marie.d",
        password="tulipe cartable horizon",
        now=NOW,
        settings=FAST,
    )
    for kind in kinds:
        db.add(DigitalKeyRecord(national_number=PERSON.national_number, kind=kind, created_at=NOW))
    db.commit()


def held(db: Session, kind: str) -> bool:
    if kind == "password":
        return db.get(Credential, PERSON.national_number) is not None
    return find_key(db, national_number=PERSON.national_number, kind=kind) is not None


def test_the_code_keys_are_those_that_need_the_password(db: Session) -> None:
    holding(db, *CODE_KEYS)
    going = keys_going_with(db, national_number=PERSON.national_number, kind="password")
    assert going == [
        k.descriptor.kind for k in default_registry().ordered() if k.descriptor.kind in CODE_KEYS
    ]
    assert sorted(going) == sorted(CODE_KEYS)
    for kind in (*CODE_KEYS, "eid", "itsme"):  # removing any other key takes nothing with it
        assert keys_going_with(db, national_number=PERSON.national_number, kind=kind) == []


@pytest.mark.parametrize("code_key", CODE_KEYS)
def test_removing_the_password_removes_the_code_key_and_says_so_in_one_mail(
    db: Session, code_key: str
) -> None:
    holding(db, code_key)
    mails_before = len(outbox(db))
    removed = remove_own_key(
        db, session=fresh_eid_login(db), kind="password", going_with=[code_key], now=LATER
    )
    db.commit()
    assert removed == ["password", code_key]
    assert not held(db, "password")
    assert not held(db, code_key)
    [mail] = outbox(db)[mails_before:]
    assert mail.subject == "Des clés numériques ont été supprimées de votre compte Mon Espace"
    assert key_label("password", "fr") in mail.text_body
    assert key_label(code_key, "fr") in mail.text_body


@pytest.mark.parametrize("code_key", CODE_KEYS)
def test_a_confirmation_that_did_not_name_the_code_key_removes_nothing(
    db: Session, code_key: str
) -> None:
    holding(db, code_key)
    mails_before = len(outbox(db))
    with pytest.raises(KeysGoingWithChangedError):
        remove_own_key(db, session=fresh_eid_login(db), kind="password", now=LATER)
    assert held(db, "password")
    assert held(db, code_key)
    assert len(outbox(db)) == mails_before


@pytest.mark.parametrize("code_key", CODE_KEYS)
def test_removing_a_code_key_leaves_the_password_and_names_nothing_else(
    db: Session, code_key: str
) -> None:
    holding(db, code_key)
    with pytest.raises(KeysGoingWithChangedError):  # naming keys that do not go is refused too
        remove_own_key(
            db, session=fresh_eid_login(db), kind=code_key, going_with=["password"], now=LATER
        )
    assert remove_own_key(db, session=fresh_eid_login(db), kind=code_key, now=LATER) == [code_key]
    assert held(db, "password")
    assert not held(db, code_key)
    assert outbox(db)[-1].subject == "Une clé numérique a été supprimée de votre compte Mon Espace"


def test_the_password_alone_goes_alone(db: Session) -> None:
    holding(db)
    assert remove_own_key(db, session=fresh_eid_login(db), kind="password", now=LATER) == [
        "password"
    ]
    assert not held(db, "password")
