"""The code-key login pages: each code key's field has its own label (seed 004 §2f: the e-mail
code asks for "votre mot de passe à usage unique"), in every language."""

from __future__ import annotations

import pytest

from foundation.i18n.catalog import catalog
from foundation.settings import SUPPORTED_LANGUAGES
from identity.key_protocol import LoginPage
from identity.registry import default_registry
from monespace_app.pages.code_login import code_field_key

CODE_KEYS = [
    key.descriptor.kind
    for key in default_registry().ordered()
    if key.descriptor.login_page is LoginPage.CODE and key.second_step is not None
]


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_every_code_key_has_its_field_label(language: str) -> None:
    texts = catalog(language)
    assert all(code_field_key(kind) in texts for kind in CODE_KEYS)


def test_the_email_code_asks_for_a_one_time_password() -> None:
    assert catalog("fr")[code_field_key("email_code")] == (
        "Saisissez votre mot de passe à usage unique"
    )
    assert catalog("fr")[code_field_key("totp")] == "Saisissez votre code unique"
