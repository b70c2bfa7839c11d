"""The message catalogues: every language has every text the pages use."""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path

import pytest

from foundation.i18n.catalog import CATALOG_DIR, catalog, text
from foundation.settings import PROJECT_ROOT, SUPPORTED_LANGUAGES
from identity.email_code import service as email_code_service
from identity.itsme import errors as itsme_errors
from identity.keys import errors as key_errors
from identity.one_time_code import errors as one_time_code_errors
from identity.paper_token import errors as paper_token_errors
from identity.password import errors as password_errors
from identity.sms_code import phone as sms_phone
from identity.sms_code import sender as sms_sender
from identity.totp import errors as totp_errors

SOURCE_DIRS = ("components", "monespace_app", "state")
# Keys written literally in the code, e.g. I18nState.t["home.title"] or page_title("help.title").
LITERAL_KEY = re.compile(
    r'(?:\.t\[|page_title\(|paragraph\(|primary_link_button\()f?"([a-z_.{}]+)"'
)
TRANSLATIONS = [language for language in SUPPORTED_LANGUAGES if language != "fr"]
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
# The digital key errors (each carries a user_message); a page shows one through
# foundation.i18n.error_messages as the catalogue text ``error.<ClassName>``.
KEY_ERROR_MODULES = (
    key_errors,
    password_errors,
    totp_errors,
    one_time_code_errors,
    paper_token_errors,
    itsme_errors,
    email_code_service,
    sms_phone,
    sms_sender,
)
# Errors about one field of a form have a text per field: error.<ClassName>.<field>.
PER_FIELD = {"RegistrationFieldError": paper_token_errors.RegistrationFieldError.MESSAGES}


def _raw(language: str) -> dict[str, str]:
    data: dict[str, str] = json.loads((CATALOG_DIR / f"{language}.json").read_text("utf-8"))
    return data


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_each_language_has_exactly_the_french_keys(language: str) -> None:
    assert set(_raw(language)) == set(_raw("fr"))


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_no_text_is_empty(language: str) -> None:
    assert all(value.strip() for value in _raw(language).values())


def test_texts_are_translated_not_copied() -> None:
    french = _raw("fr")
    for language in ("nl", "de", "en"):
        assert _raw(language)["home.title"] != french["home.title"]


def _key_error_classes() -> list[type[key_errors.DigitalKeyError]]:
    return [
        value
        for module in KEY_ERROR_MODULES
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, key_errors.DigitalKeyError)
        and value.__module__ == module.__name__
    ]


def _message_values(error_class: type[key_errors.DigitalKeyError]) -> set[str]:
    """What the constructor takes besides the free ``detail`` (the message may be built from it).

    ``key_kind`` chooses a variant of the text (``error.<Class>.<kind>``); it is not in it.
    """
    return set(inspect.signature(error_class.__init__).parameters) - {"self", "detail", "key_kind"}


def _placeholder(value: str) -> str:
    return "{n}" if value == "tries_left" else "{" + value + "}"


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_every_key_error_has_a_text(language: str) -> None:
    texts = _raw(language)
    expected = [f"error.{cls.__name__}" for cls in _key_error_classes()]
    expected += [f"error.{name}.{field}" for name, fields in PER_FIELD.items() for field in fields]
    assert [key for key in expected if key not in texts] == []


def test_french_error_texts_are_the_user_messages() -> None:
    french = _raw("fr")
    for cls in _key_error_classes():
        entry = french[f"error.{cls.__name__}"]
        values = _message_values(cls)
        if cls.__name__ in PER_FIELD:
            continue
        if values:  # built from the values: the text names each of them
            assert set(PLACEHOLDER.findall(entry)) == {_placeholder(v) for v in values}, cls
        else:
            assert entry == cls.user_message, cls.__name__
    for name, fields in PER_FIELD.items():
        for field, message in fields.items():
            assert french[f"error.{name}.{field}"] == message


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_error_texts_are_translated_not_copied(language: str) -> None:
    french = _raw("fr")
    copied = [
        key
        for key, value in _raw(language).items()
        if key.startswith("error.") and value == french[key]
    ]
    assert copied == []


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_translations_keep_the_placeholders(language: str) -> None:
    french = _raw("fr")
    changed = [
        key
        for key, value in _raw(language).items()
        if set(PLACEHOLDER.findall(value)) != set(PLACEHOLDER.findall(french[key]))
    ]
    assert changed == []


def test_every_key_the_code_uses_exists() -> None:
    french = _raw("fr")
    used: set[str] = set()
    for folder in SOURCE_DIRS:
        for path in Path(PROJECT_ROOT / folder).rglob("*.py"):
            used.update(LITERAL_KEY.findall(path.read_text("utf-8")))
    assert used, "the pattern found no key at all: it no longer matches the code"
    concrete = {key for key in used if "{" not in key}
    assert concrete - set(french) == set()


def test_unknown_language_and_key_are_refused() -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        catalog("es")
    with pytest.raises(KeyError, match="no text 'nope' in the fr catalogue"):
        text("fr", "nope")


def test_an_error_reads_in_the_language_with_its_values_and_field() -> None:
    from foundation.i18n.error_messages import error_text

    assert "nr. 7 van uw token" in error_text("nl", paper_token_errors.WrongTokenCodeError(7))
    assert "Il vous reste 2 essai(s)" in error_text(
        "fr", paper_token_errors.WrongActivationCodeError(2)
    )
    assert error_text("de", paper_token_errors.RegistrationFieldError("email")).startswith(
        "Diese E-Mail-Adresse ist ungültig"
    )
    assert error_text("en", paper_token_errors.RegistrationFieldError("unknown")) == (
        "A detail in the form is not valid. Please check it."
    )


def test_a_locked_paper_token_sends_its_holder_to_the_office_not_to_the_eid() -> None:
    from foundation.i18n.error_messages import error_text
    from identity.keys.errors import KeyLockedError

    token = error_text("fr", KeyLockedError("locked", key_kind="paper_token"))
    assert "bureau d'enregistrement" in token
    assert "eID" not in token
    assert "registratiekantoor" in error_text("nl", KeyLockedError(key_kind="paper_token"))
    assert "eID" in error_text("fr", KeyLockedError("locked", key_kind="totp"))
