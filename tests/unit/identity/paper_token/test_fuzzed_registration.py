"""The registration office's form with what bench/fuzz_inputs.py typed: names with a lone
surrogate (a forged event) are kept with U+FFFD, which SQLite stores; an address that mail would
send to another mailbox is refused."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from identity.paper_token.errors import RegistrationFieldError
from identity.paper_token.registration_form import checked_fields

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def _fields(**changed: str) -> dict[str, str]:
    typed = {
        "officer_id": "agent-007",
        "surname": "Dupont",
        "first_names": "Jean",
        "document_type": "passport",
        "document_number": "EM123456",
        "email": "jean@exemple.be",
    } | changed
    return checked_fields(birth_date=date(1980, 5, 1), now=NOW, **typed)


def test_names_keep_a_lone_surrogate_as_the_replacement_character() -> None:
    fields = _fields(surname="Dup\ud800nt", officer_id="agent\udfff")
    assert fields["surname"] == "Dup\ufffdnt"
    for value in fields.values():
        value.encode("utf-8")


def test_an_address_mail_would_read_as_another_is_refused() -> None:
    with pytest.raises(RegistrationFieldError):
        _fields(email="x:jean@exemple.be")
