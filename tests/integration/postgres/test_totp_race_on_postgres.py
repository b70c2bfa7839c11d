"""Two backends given the same authenticator code at once (two browsers, or a code read over a
shoulder), each finishing its own pending login: one session opens, the other is a replay."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from foundation.models.account import Account, AccountStatus
from foundation.models.session import UserSession
from identity.keys.errors import ReplayedCodeError
from identity.password import set_credentials
from portal.login.code_login import submit_code, submit_password
from tests.integration.postgres.racing import each_backend_at_once, meeting_before
from tests.unit.identity.key_holder import FAST, NATIONAL_NUMBER, NOW
from tests.unit.identity.totp.helpers import code_at, enrol

pytestmark = pytest.mark.integration

PASSWORD = "correct horse battery"
LATER = NOW + timedelta(minutes=1)  # two steps after the enrolment's code
BINDINGS = ("a" * 64, "b" * 64)  # the two browsers' pre-login cookies


def marie_with_the_app(engine: Engine) -> None:
    with Session(engine) as db:
        db.add(
            Account(
                national_number=NATIONAL_NUMBER,
                surname="Dupont",
                first_names="Marie",
                birth_date=date(1985, 7, 30),
                email="marie.dupont@example.be",
                status=AccountStatus.ACTIVE,
                created_at=datetime(2026, 1, 5, 9, 0, tzinfo=UTC),
            )
        )
        set_credentials(
            db,
            national_number=NATIONAL_NUMBER,
            username="marie.dupont",
            password=PASSWORD,
            now=NOW,
            settings=FAST,
        )
        db.commit()
        enrol(db)


def password_step(engine: Engine, binding: str) -> str:
    passed = submit_password(
        kind="totp",
        username="marie.dupont",
        password=PASSWORD,
        now=LATER,
        settings=FAST,
        browser_binding=binding,
        bind=engine,
    )
    return passed.attempt_id


def test_the_same_code_in_two_backends_at_once_opens_one_session(
    postgres_engine: Engine, backends: list[Engine]
) -> None:
    marie_with_the_app(postgres_engine)
    attempts = {
        engine: (password_step(engine, b), b) for engine, b in zip(backends, BINDINGS, strict=True)
    }
    code = code_at(LATER)

    def code_step(engine: Engine) -> str:
        attempt_id, binding = attempts[engine]
        return submit_code(
            kind="totp",
            attempt_id=attempt_id,
            code=code,
            now=LATER,
            browser_binding=binding,
            bind=engine,
        )

    with meeting_before(backends, r"^UPDATE digital_key SET") as meeting:
        outcomes = each_backend_at_once(backends, code_step)

    assert meeting.together == 2, "both backends had read the key before either wrote"
    assert len(outcomes.results) == 1
    assert [type(error) for error in outcomes.errors] == [ReplayedCodeError]
    with Session(postgres_engine) as db:
        assert db.exec(select(func.count()).select_from(UserSession)).one() == 1
