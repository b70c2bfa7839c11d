"""Migration 0007 on a SQLite file: TOTP secrets in clear are encrypted, former code hashes are
wrapped, and everything issued before keeps working through the portal's own paths."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from foundation.db import make_engine
from foundation.models.digital_keys import DigitalKeyRecord, LoginAttempt
from foundation.models.migrate import alembic_config
from foundation.models.one_time_code import OneTimeCode
from foundation.models.paper_token import (
    ActivationCode,
    PaperTokenCard,
    PaperTokenCode,
    RegisteredPerson,
)
from foundation.secrets_at_rest import UnreadableSecretError, derive_keys
from foundation.settings import get_settings
from identity import paper_token, totp
from identity.one_time_code import check_code
from identity.one_time_code.hashing import legacy_hash
from identity.paper_token import errors as paper_errors

NOW = datetime(2026, 11, 22, 7, 0, tzinfo=UTC)
MARIE = "85073003328"
ANNA = "90451712320"  # a BIS number
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
SALT = "00112233445566778899aabbccddeeff"
ACTIVATION = "ABCDEFGHJKLMNPQRSTUV"
PAPER_ATTEMPT = "attempt-paper"


def database(tmp_path: Path) -> tuple[str, Engine]:
    url = f"sqlite:///{tmp_path / 'monespace.db'}"
    return url, make_engine(url)


def rows_as_0006_left_them(engine: Engine) -> None:
    """A TOTP key with its secret in clear, and codes hashed with salted SHA-256."""
    with Session(engine) as db:
        db.add(
            DigitalKeyRecord(
                national_number=MARIE, kind="totp", created_at=NOW, secret=SECRET.lower()
            )
        )
        db.add(DigitalKeyRecord(national_number=MARIE, kind="email_code", created_at=NOW))
        db.add(DigitalKeyRecord(national_number=ANNA, kind="paper_token", created_at=NOW))
        db.add(
            LoginAttempt(
                id=PAPER_ATTEMPT,
                national_number=ANNA,
                key_kind="paper_token",
                created_at=NOW,
                expires_at=NOW + timedelta(minutes=10),
            )
        )
        person = RegisteredPerson(
            bis_number=ANNA,
            surname="Kowalska",
            first_names="Anna",
            birth_date=date(1990, 5, 17),
            document_type="passport",
            document_number="EA1234567",
            email="anna@example.pl",
            officer_id="agent-07",
            created_at=NOW,
        )
        db.add(person)
        card = PaperTokenCard(national_number=ANNA, created_at=NOW, pending_number=2)
        db.add(card)
        db.flush()
        assert card.id is not None
        assert person.id is not None
        for number, code in ((1, "111111"), (2, "222222")):
            db.add(
                PaperTokenCode(
                    card_id=card.id, number=number, salt=SALT, code_hash=legacy_hash(SALT, code)
                )
            )
        db.add(
            ActivationCode(
                person_id=person.id,
                reference="ref-1",
                salt=SALT,
                code_hash=legacy_hash(SALT, ACTIVATION),
                created_at=NOW,
                expires_at=NOW + timedelta(days=7),
            )
        )
        db.add(
            OneTimeCode(
                purpose="email_code.login",
                national_number=MARIE,
                attempt_id="attempt-1",
                channel="email",
                destination="m@example.be",
                salt=SALT,
                code_hash=legacy_hash(SALT, "424242"),
                created_at=NOW,
                expires_at=NOW + timedelta(minutes=10),
            )
        )
        db.commit()


def stored_secret(engine: Engine) -> str:
    with engine.connect() as connection:
        value = connection.execute(
            text("SELECT secret FROM digital_key WHERE kind = 'totp'")
        ).scalar_one()
    assert isinstance(value, str)
    return value


def code_hashes(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        return [
            row[0]
            for table in ("paper_token_code", "activation_code", "one_time_code")
            for row in connection.execute(text(f"SELECT code_hash FROM {table}"))
        ]


@pytest.fixture
def migrated(tmp_path: Path) -> Engine:
    """Upgraded to 0006, rows added, then to the head with the portal's key (the settings')."""
    url, engine = database(tmp_path)
    command.upgrade(alembic_config(url), "0006")
    rows_as_0006_left_them(engine)
    command.upgrade(alembic_config(url), "head")
    return engine


def test_the_totp_secret_is_encrypted_and_bound_to_its_row(migrated: Engine) -> None:
    stored = stored_secret(migrated)
    assert stored.startswith("v1:")
    assert SECRET not in stored.upper()
    assert totp.opened_secret(stored, national_number=MARIE) == totp.secret_bytes(SECRET)
    with pytest.raises(UnreadableSecretError):
        totp.opened_secret(stored, national_number=ANNA)


def test_the_app_logs_in_with_the_encrypted_secret(migrated: Engine) -> None:
    later = NOW + timedelta(minutes=5)
    code = totp.totp(totp.secret_bytes(SECRET), later)
    with Session(migrated) as db:
        assert totp.verify(db, national_number=MARIE, code=code, now=later) == totp.time_step(later)


def test_former_code_hashes_are_wrapped_and_none_stays_unkeyed(migrated: Engine) -> None:
    hashes = code_hashes(migrated)
    assert len(hashes) == 4
    assert all(h.startswith("h1w:") for h in hashes)
    assert legacy_hash(SALT, "111111") not in hashes


def test_a_paper_token_card_issued_before_still_works_and_each_code_once(
    migrated: Engine,
) -> None:
    with Session(migrated) as db:
        attempt = PAPER_ATTEMPT  # the password step passed
        number = paper_token.pick_code_number(db, attempt_id=attempt, national_number=ANNA, now=NOW)
        assert number == 2
        with pytest.raises(paper_errors.WrongTokenCodeError):
            paper_token.verify_token_code(
                db, attempt_id=attempt, national_number=ANNA, code="111111", now=NOW
            )
        db.rollback()
        paper_token.verify_token_code(
            db, attempt_id=attempt, national_number=ANNA, code="222222", now=NOW
        )
        db.commit()
        used = db.exec(select(PaperTokenCode).where(PaperTokenCode.number == 2)).one()
        assert used.used_at is not None
        # The code is spent: asked again (as a stale request would), it is refused.
        card = db.exec(select(PaperTokenCard)).one()
        card.pending_number = 2
        db.add(card)
        db.commit()
        with pytest.raises(paper_errors.TokenCodeUsedError):
            paper_token.verify_token_code(
                db, attempt_id=attempt, national_number=ANNA, code="222222", now=NOW
            )


def test_an_activation_code_and_an_email_code_issued_before_still_work(migrated: Engine) -> None:
    with Session(migrated) as db:
        assert (
            paper_token.redeem_activation_code(db, reference="ref-1", code=ACTIVATION, now=NOW)
            == ANNA
        )
        row = check_code(
            db,
            purpose="email_code.login",
            national_number=MARIE,
            attempt_id="attempt-1",
            code="424242",
            now=NOW,
        )
        assert row.used_at is not None


def test_the_key_can_be_given_to_the_migration(tmp_path: Path) -> None:
    url, engine = database(tmp_path)
    command.upgrade(alembic_config(url), "0006")
    rows_as_0006_left_them(engine)
    command.upgrade(alembic_config(url, server_secret="the production key"), "head")
    stored = stored_secret(engine)
    keys = derive_keys("the production key")
    assert totp.opened_secret(stored, national_number=MARIE, keys=keys) == totp.secret_bytes(SECRET)
    with pytest.raises(UnreadableSecretError):  # not the key of this process's settings
        totp.opened_secret(stored, national_number=MARIE)


def test_downgrade_gives_the_secret_back_and_upgrading_again_changes_only_that(
    migrated: Engine, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'monespace.db'}"
    wrapped = code_hashes(migrated)
    command.downgrade(alembic_config(url), "0006")
    assert stored_secret(migrated) == SECRET
    assert code_hashes(migrated) == wrapped  # an HMAC is not undone
    command.upgrade(alembic_config(url), "head")
    assert totp.opened_secret(stored_secret(migrated), national_number=MARIE) == (
        totp.secret_bytes(SECRET)
    )
    assert code_hashes(migrated) == wrapped  # not wrapped twice


def test_a_new_database_is_migrated_without_reading_any_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "data"
    monkeypatch.delenv("MONESPACE_SECRET_KEY")
    monkeypatch.setenv("MONESPACE_DATA_DIR", str(data_dir))
    get_settings.cache_clear()
    url, engine = database(tmp_path)
    command.upgrade(alembic_config(url), "head")
    with Session(engine) as db:
        assert db.exec(select(DigitalKeyRecord)).all() == []
    assert not (data_dir / "secret_key").exists()  # no key made for nothing to encrypt
