"""Mes clés numériques lists the portal's keys by group: what each row offers (activate here,
remove) follows the key's registry entry and whether the person holds it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session

from foundation import routes
from foundation.models.digital_keys import Credential, DigitalKeyRecord
from identity.key_protocol import KeyView, KeyViewStatus
from identity.registry import default_registry
from portal.keys.my_keys import KeyRow, key_groups, my_keys
from tests.unit.identity.key_people import NOW, PERSON, add_account, fresh_eid_login, old_eid_login


def rows(views: list[KeyView]) -> dict[str, KeyRow]:
    return {
        row.kind: row
        for group in key_groups(default_registry(), views, now=NOW)
        for row in group.rows
    }


def test_the_groups_follow_the_key_chooser_without_the_european_login() -> None:
    groups = key_groups(default_registry(), [], now=NOW)
    assert [g.title_key for g in groups] == [
        "keys.group.eid",
        "keys.group.code",
        "keys.group.password",
    ]
    assert [r.kind for r in groups[1].rows] == ["email_code", "totp", "sms_code", "paper_token"]


def test_only_the_keys_with_a_wizard_are_activated_here() -> None:
    offered = {kind: row.activate_href for kind, row in rows([]).items()}
    assert offered == {
        "eid": "",
        "itsme": "",
        "email_code": routes.key_activation("email_code"),
        "totp": routes.key_activation("totp"),
        "sms_code": routes.key_activation("sms_code"),
        "paper_token": "",  # from a registration office's activation code
        "password": routes.key_activation("password"),
    }


def test_a_key_held_can_be_removed_except_the_eid_and_one_not_held_cannot() -> None:
    held = [
        KeyView("eid", KeyViewStatus.ACTIVE, NOW, None),
        KeyView("paper_token", KeyViewStatus.LOCKED, NOW, NOW.replace(year=2028)),
    ]
    listed = rows(held)
    assert not listed["eid"].removable
    assert listed["paper_token"].removable
    assert (listed["paper_token"].status, listed["paper_token"].expires) == ("LOCKED", "22/11/2028")
    assert not listed["totp"].removable
    assert listed["totp"].status == ""


def test_the_overview_reads_the_persons_keys_and_says_whether_keys_may_change(db: Session) -> None:
    add_account(db)
    db.add(
        DigitalKeyRecord(national_number=PERSON.national_number, kind="sms_code", created_at=NOW)
    )
    db.add(
        Credential(
            national_number=PERSON.national_number,
            username="marie.d",
            password_hash="-",
            created_at=NOW,
            expires_at=NOW + timedelta(days=730),
        )
    )
    db.commit()
    fresh = my_keys(db, session=fresh_eid_login(db), now=NOW)
    listed = {row.kind: row for group in fresh.groups for row in group.rows}
    assert fresh.strong_login
    assert (listed["eid"].status, listed["eid"].since) == ("ACTIVE", "05/01/2026")
    assert listed["sms_code"].status == "ACTIVE"
    assert (listed["password"].status, listed["password"].expires) == ("ACTIVE", "21/11/2028")
    assert not my_keys(db, session=old_eid_login(db), now=NOW).strong_login


CODE_KEYS = ["email_code", "totp", "sms_code", "paper_token"]


def held(kind: str, status: KeyViewStatus = KeyViewStatus.ACTIVE, expires: int = 0) -> KeyView:
    return KeyView(kind, status, NOW, NOW + timedelta(days=expires) if expires else None)


@pytest.mark.parametrize("code_key", CODE_KEYS)
def test_a_code_key_is_never_active_without_a_password_that_logs_in(code_key: str) -> None:
    # No username + password (an app activated, its wizard left before the credentials step).
    alone = rows([held(code_key)])[code_key]
    assert (alone.status, alone.note_key) == ("NO_PASSWORD", "keys.note.no_password")
    assert alone.removable
    locked = rows([held(code_key), held("password", KeyViewStatus.LOCKED)])[code_key]
    assert (locked.status, locked.note_key) == ("LOCKED", "keys.note.password_locked")
    past = rows([held(code_key), held("password", expires=-1)])
    assert past["password"].status == "EXPIRED"
    assert (past[code_key].status, past[code_key].note_key) == (
        "EXPIRED",
        "keys.note.password_expired",
    )
    usable = rows([held(code_key), held("password", expires=1)])[code_key]
    assert (usable.status, usable.note_key) == ("ACTIVE", "")


def test_a_locked_code_key_says_so_whatever_the_password() -> None:
    row = rows([held("totp", KeyViewStatus.LOCKED)])["totp"]
    assert (row.status, row.note_key) == ("LOCKED", "")


def test_the_password_row_names_the_code_keys_its_removal_takes() -> None:
    listed = rows([held("eid"), held("password"), held("totp"), held("email_code")])
    assert listed["password"].goes_with == ["email_code", "totp"]
    assert listed["password"].goes_with_names == ["keys.name.email_code", "keys.name.totp"]
    assert listed["totp"].goes_with == []
    assert rows([held("password")])["password"].goes_with == []
