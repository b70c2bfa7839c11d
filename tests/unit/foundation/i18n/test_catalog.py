"""The message catalogues: every language has every text the pages use."""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import re
from pathlib import Path

import pytest

from foundation.i18n.catalog import catalog, catalog_files, text
from foundation.settings import PROJECT_ROOT, SUPPORTED_LANGUAGES
from identity.paper_token import errors as paper_token_errors

SOURCE_DIRS = ("components", "monespace_app", "state")
# Keys written literally in the code, e.g. I18nState.t["home.title"] or page_title("help.title").
LITERAL_KEY = re.compile(
    r'(?:\.t\[|page_title\(|paragraph\(|primary_link_button\()f?"([a-z_.{}]+)"'
)
TRANSLATIONS = [language for language in SUPPORTED_LANGUAGES if language != "fr"]
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
# Every error class below the pages reads its text from the catalogue (error.<ClassName>), in the
# layers whose errors a page can show; these never reach a page, each for the reason given.
ERROR_PACKAGES = ("foundation", "identity", "portal")
NEVER_SHOWN = {
    "DuplicateKeyError": "a programming error: two keys registered under one kind",
    "UnknownKeyError": "a programming error: a kind that is not registered",
    "CodeNotResendableError": "a resend the code page offers only for keys that send codes",
    "ExpiredLinkError": "signed links: the account service turns it into LinkExpiredError",
    "InvalidLinkError": "signed links: the account service turns it into LinkInvalidError",
    "NoIdentityError": "code login: a login attempt without its person, a programming error",
    "UnknownSpaceError": "a space name that no route has, a programming error",
    "VisitRefusedError": "a refused visit sends the browser elsewhere; it shows no text",
    "NotLoggedInError": "a refused visit: the page redirects to the key chooser",
    "NotHereError": "a refused visit: the page redirects to the person's own page",
    "LevelTooLowError": "a refused visit: the page opens the key chooser of the level it needs",
    "StatusWordError": "an unexpected card answer: the page shows its parent EidError's text",
    "FileSignatureError": "a forged card file: the page shows its parent CardDataError's text",
    "_UnreliableResponseError": "private to the OCSP check, turned into RevocationUnknownError",
    "LocalTestRootError": "stops the portal's start-up, for the operator's log, before any page",
    "LimitReachedError": "a throttle store's refusal, turned into ThrottledError by its caller",
    "DemoClockError": "the demo clock's refusal, for the trainers' page and testers' suites",
}
# Errors about one field of a form have a text per field: error.<ClassName>.<field>.
PER_FIELD = {"RegistrationFieldError": paper_token_errors.RegistrationFieldError.FIELDS}


def _raw(language: str) -> dict[str, str]:
    data: dict[str, str] = {}
    for path in catalog_files(language):
        data.update(json.loads(path.read_text("utf-8")))
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


def _error_classes() -> list[type[BaseException]]:
    found: dict[str, type[BaseException]] = {}
    for package_name in ERROR_PACKAGES:
        package = importlib.import_module(package_name)
        for module_info in pkgutil.walk_packages(package.__path__, f"{package_name}."):
            if ".migrations" in module_info.name:
                continue
            module = importlib.import_module(module_info.name)
            for value in vars(module).values():
                if (
                    isinstance(value, type)
                    and issubclass(value, BaseException)
                    and value.__module__ == module.__name__
                ):
                    found[value.__name__] = value
    return sorted(found.values(), key=lambda cls: cls.__name__)


def _message_values(error_class: type[BaseException]) -> set[str]:
    """What the constructor takes besides the free ``detail`` (the text may show it).

    ``key_kind`` and ``field`` choose a variant of the text (``error.<Class>.<variant>``) and
    ``typed`` is what the person typed, shown beside the field already: none is in the text.
    """
    parameters = set(inspect.signature(error_class.__init__).parameters)
    return parameters - {"self", "detail", "key_kind", "field", "typed", "args", "kwargs"}


def _placeholder(value: str) -> str:
    return "{n}" if value == "tries_left" else "{" + value + "}"


def test_the_error_list_finds_the_errors_of_every_layer() -> None:
    names = {cls.__name__ for cls in _error_classes()}
    assert {"WrongPinError", "WrongCodeError", "EmailInvalidError", "CardDataError"} <= names
    assert set(NEVER_SHOWN) <= names, "an exception listed as never shown no longer exists"


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_every_error_a_page_can_show_has_a_text_of_its_own(language: str) -> None:
    texts = _raw(language)
    missing = [
        cls.__name__
        for cls in _error_classes()
        if cls.__name__ not in NEVER_SHOWN and f"error.{cls.__name__}" not in texts
    ]
    missing += [
        f"{name}.{field}"
        for name, fields in PER_FIELD.items()
        for field in fields
        if f"error.{name}.{field}" not in texts
    ]
    assert missing == []


def test_texts_built_from_values_name_each_value() -> None:
    french = _raw("fr")
    for cls in _error_classes():
        values = _message_values(cls)
        if cls.__name__ in NEVER_SHOWN or not values:
            continue
        entry = french[f"error.{cls.__name__}"]
        assert set(PLACEHOLDER.findall(entry)) >= {_placeholder(v) for v in values}, cls


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


def test_an_area_file_may_not_define_a_key_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from foundation.i18n import catalog as catalog_module

    (tmp_path / "fr.json").write_text('{"home.title": "Mon Espace"}', "utf-8")
    (tmp_path / "dossiers.fr.json").write_text('{"home.title": "Autre"}', "utf-8")
    monkeypatch.setattr(catalog_module, "CATALOG_DIR", tmp_path)
    with pytest.raises(ValueError, match=r"dossiers\.fr\.json defines again: home\.title"):
        catalog_module._load("fr")


def test_area_files_join_their_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from foundation.i18n import catalog as catalog_module

    (tmp_path / "fr.json").write_text('{"home.title": "Mon Espace"}', "utf-8")
    (tmp_path / "dossiers.fr.json").write_text('{"dossiers.title": "Mes dossiers"}', "utf-8")
    monkeypatch.setattr(catalog_module, "CATALOG_DIR", tmp_path)
    assert catalog_module._load("fr") == {
        "home.title": "Mon Espace",
        "dossiers.title": "Mes dossiers",
    }
