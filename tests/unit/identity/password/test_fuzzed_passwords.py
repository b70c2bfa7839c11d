"""Usernames and passwords that crashed the login or the password change under
bench/fuzz_inputs.py: a lone surrogate, which only a forged websocket event carries (argon2 and
SQLite take UTF-8), and a newline after digits (zxcvbn's date matcher raised ValueError)."""

from __future__ import annotations

import contextlib

import pytest
from sqlmodel import Session

from identity.password import check_credentials, set_credentials
from identity.password.errors import InvalidCredentialsError, WeakPasswordError
from identity.password.policy import check_password
from tests.unit.identity.key_holder import FAST, NATIONAL_NUMBER, NOW


@pytest.mark.usefixtures("account")
def test_a_lone_surrogate_in_a_login_is_a_wrong_password_or_an_unknown_username(
    db: Session,
) -> None:
    set_credentials(
        db,
        national_number=NATIONAL_NUMBER,
        username="marie.dupont",
        password="correct horse battery",
        now=NOW,
        settings=FAST,
    )
    db.commit()
    for username, password in (
        ("marie.dupont", "correct horse\ud800"),  # was UnicodeEncodeError in argon2
        ("marie\udfff", "correct horse battery"),  # was UnicodeEncodeError in SQLite
    ):
        with pytest.raises(InvalidCredentialsError):
            check_credentials(db, username=username, password=password, now=NOW, settings=FAST)


@pytest.mark.usefixtures("account")
def test_a_password_with_a_lone_surrogate_is_kept_and_opens_as_typed(db: Session) -> None:
    password = "Un mot de passe \ud800 assez long et rare 4815"
    set_credentials(
        db,
        national_number=NATIONAL_NUMBER,
        username="marie.dupont",
        password=password,
        now=NOW,
        settings=FAST,
    )
    db.commit()
    found = check_credentials(
        db, username="marie.dupont", password=password, now=NOW, settings=FAST
    )
    assert found == NATIONAL_NUMBER


@pytest.mark.parametrize("password", ["\t '\n3+934815\n_\n1", "3+934815\n_\n1"])
def test_a_newline_after_digits_gets_the_policy_s_answer(password: str) -> None:
    # A refusal the page shows, or none; before, zxcvbn raised ValueError.
    with contextlib.suppress(WeakPasswordError):
        check_password(password, username="jp_o-neil")
