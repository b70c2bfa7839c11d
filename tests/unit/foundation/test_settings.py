"""Settings: embedded defaults, environment overrides, clear errors, a secret never committed."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from pydantic import ValidationError

from foundation.settings import Settings, SmtpSecurity


@pytest.fixture(autouse=True)
def _no_outside_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in list(__import__("os").environ):
        if name.startswith("MONESPACE_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)  # no .env file from the developer's checkout


def test_defaults_run_the_demo_on_one_machine(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    assert settings.effective_database_url == f"sqlite:///{tmp_path / 'monespace.db'}"
    assert settings.public_origin == "http://localhost:3000"
    assert (settings.smtp_host, settings.smtp_port) == ("127.0.0.1", 8025)
    assert settings.smtp_security is SmtpSecurity.NONE
    assert settings.default_language == "fr"


def test_environment_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MONESPACE_DATABASE_URL", "postgresql+psycopg://u:p@db/monespace")
    monkeypatch.setenv("MONESPACE_SMTP_HOST", "smtp.example.org")
    monkeypatch.setenv("MONESPACE_SMTP_PORT", "587")
    monkeypatch.setenv("MONESPACE_SMTP_SECURITY", "starttls")
    monkeypatch.setenv("MONESPACE_DEFAULT_LANGUAGE", "nl")
    monkeypatch.setenv("MONESPACE_PUBLIC_ORIGIN", "https://monespace.example.org/")
    settings = Settings()
    assert settings.effective_database_url == "postgresql+psycopg://u:p@db/monespace"
    assert (settings.smtp_host, settings.smtp_port) == ("smtp.example.org", 587)
    assert settings.smtp_security is SmtpSecurity.STARTTLS
    assert settings.default_language == "nl"
    assert settings.public_origin == "https://monespace.example.org"


def test_dotenv_file_is_read(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("MONESPACE_SMTP_PORT=2525\n", encoding="utf-8")
    assert Settings().smtp_port == 2525


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("default_language", "es", "default_language must be one of fr, nl, de, en"),
        ("public_origin", "monespace.example.org", "public_origin must look like"),
        ("public_origin", "https://example.org/portal", "public_origin must look like"),
        ("smtp_port", 0, "greater than or equal to 1"),
    ],
)
def test_bad_values_are_refused_with_a_clear_message(
    field: str, value: object, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        Settings.model_validate({field: value})


def test_secret_key_is_generated_once_and_kept_private(tmp_path: Path) -> None:
    first = Settings(data_dir=tmp_path).resolved_secret_key()
    second = Settings(data_dir=tmp_path).resolved_secret_key()
    assert first == second
    assert len(first) >= 48
    key_file = tmp_path / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_given_secret_key_wins_over_the_stored_one(tmp_path: Path) -> None:
    Settings(data_dir=tmp_path).resolved_secret_key()
    settings = Settings(data_dir=tmp_path, secret_key="configured-by-the-operator")
    assert settings.resolved_secret_key() == "configured-by-the-operator"


def test_a_key_stored_by_another_process_is_used(tmp_path: Path) -> None:
    (tmp_path / "secret_key").write_text("made-by-the-other-process", encoding="utf-8")
    assert Settings(data_dir=tmp_path).resolved_secret_key() == "made-by-the-other-process"


def test_the_back_office_token_is_the_configured_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MONESPACE_BACK_OFFICE_TOKEN", "token-of-the-administration")
    assert Settings().resolved_back_office_token() == "token-of-the-administration"
    assert "token-of-the-administration" not in repr(Settings())


def test_unset_the_back_office_token_comes_from_the_secret_key(tmp_path: Path) -> None:
    key = "first-secret-key-of-this-portal"
    token = Settings(data_dir=tmp_path, secret_key=key).resolved_back_office_token()
    assert len(token) == 64
    assert Settings(data_dir=tmp_path, secret_key=key).resolved_back_office_token() == token
    assert "first-secret" not in token
    other = Settings(data_dir=tmp_path, secret_key="another-secret-key")
    assert other.resolved_back_office_token() != token
