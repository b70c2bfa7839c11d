"""What the testers' fixtures read out of mails and SMS: codes, links, subjects."""

from __future__ import annotations

import re

import pytest

from monespace_testing.codes import NoCodeError, code_in
from monespace_testing.mailbox import Mail, _subject_matches
from monespace_testing.sms import Sms


def mail(**changes: object) -> Mail:
    data: dict[str, object] = {
        "id": "1",
        "from": "Mon Espace <no-reply@monespace.localhost>",
        "to": ["naima.mremi@example.be"],
        "subject": "Activez votre compte Mon Espace",
        "date": "Mon, 30 Nov 2026 10:00:00 +0000",
        "text": "Bonjour,\nVotre code : 042917. Il est valable 10 minutes.",
        "html": '<a href="http://localhost:3000/mon-compte/activer?jeton=abc">Activer</a>',
        "links": [
            "http://localhost:3000/aide",
            "http://localhost:3000/mon-compte/activer?jeton=abc",
        ],
    }
    data.update(changes)
    return Mail.from_json(data)


def test_a_six_digit_code_standing_alone_is_read() -> None:
    assert mail().code() == "042917"
    assert code_in("Code: 123 456, valable 5 minutes") == "123456"
    assert code_in("Référence 2026-1234567 ; code 654321") == "654321"


def test_another_form_of_code_is_read_with_its_pattern() -> None:
    assert code_in("Votre code d'activation : AB12-CD34", r"[A-Z0-9]{4}-[A-Z0-9]{4}") == (
        "AB12-CD34"
    )


def test_no_code_is_an_assertion_that_shows_the_text() -> None:
    with pytest.raises(NoCodeError, match="Bonjour sans code"):
        code_in("Bonjour sans code")
    assert issubclass(NoCodeError, AssertionError)


def test_a_link_is_found_by_what_its_address_contains() -> None:
    assert mail().link("/mon-compte/activer") == (
        "http://localhost:3000/mon-compte/activer?jeton=abc"
    )
    assert mail().link() == "http://localhost:3000/aide"
    with pytest.raises(AssertionError, match="/aide"):
        mail().link("/mes-espaces")


def test_a_subject_matches_by_its_words_or_a_pattern() -> None:
    assert _subject_matches(mail(), None)
    assert _subject_matches(mail(), "Activez votre compte")
    assert not _subject_matches(mail(), "Votre code")
    assert _subject_matches(mail(), re.compile(r"^Activez .* Mon Espace$"))


def test_an_sms_code() -> None:
    sms = Sms.from_json(
        {
            "id": "s1",
            "to": "+32470123456",
            "text": "Mon Espace : votre code est 918273.",
            "received_at": "2026-11-30T10:00:00+00:00",
        }
    )
    assert sms.code() == "918273"
