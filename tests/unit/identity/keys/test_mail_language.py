"""The e-mails about a person's keys are in the account's language, with the keys named in it."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session

from foundation.models.digital_keys import DigitalKeyRecord
from identity.keys.records import remove_own_key
from identity.password import set_credentials
from tests.unit.identity.key_holder import FAST
from tests.unit.identity.key_people import NOW, PERSON, add_account, fresh_eid_login, outbox

LATER = NOW + timedelta(minutes=5)


def test_a_person_reading_english_gets_the_key_mails_in_english(db: Session) -> None:
    account = add_account(db)
    account.language = "en"
    db.add(account)
    db.commit()
    set_credentials(
        db,
        national_number=PERSON.national_number,
        username="marie.d",
        password="tulipe cartable horizon",
        now=NOW,
        settings=FAST,
    )
    db.add(DigitalKeyRecord(national_number=PERSON.national_number, kind="totp", created_at=NOW))
    db.commit()
    [added] = outbox(db)
    assert added.subject == "A digital key has been added to your Mon Espace account"
    assert "on 22/11/2026 at 10:00: the username and password." in added.text_body
    assert added.text_body.endswith("\n\nThe Mon Espace team\n")

    remove_own_key(db, session=fresh_eid_login(db), kind="password", going_with=["totp"], now=LATER)
    db.commit()
    removed = outbox(db)[-1]
    assert removed.subject == "Digital keys have been removed from your Mon Espace account"
    assert "the mobile authenticator app (6-digit code)" in removed.text_body
    assert '<html lang="en">' in (removed.html_body or "")


def test_the_dutch_password_change_notice(db: Session) -> None:
    account = add_account(db)
    account.language = "nl"
    db.add(account)
    db.commit()
    for password in ("tulipe cartable horizon", "horizon tulipe cartable"):
        set_credentials(
            db,
            national_number=PERSON.national_number,
            username="marie.d",
            password=password,
            now=NOW,
            settings=FAST,
        )
        db.commit()
    changed = outbox(db)[-1]
    assert changed.subject == "Het wachtwoord van uw Mon Espace-account is gewijzigd"
    assert "gewijzigd op 22/11/2026 om 10:00." in changed.text_body
