"""What bench/fuzz_inputs.py typed into the companies' forms: texts with a lone surrogate (a
forged event) were accepted as they were, then could not be stored; addresses that mail would
send elsewhere were accepted."""

from __future__ import annotations

import pytest

from portal.companies import errors
from portal.companies.checks import checked_email, checked_message, required_text
from portal.companies.invitations import Invitee, check_persons


def test_names_and_messages_keep_a_lone_surrogate_as_the_replacement_character() -> None:
    assert required_text(" Mr\ud800emi ", "surname") == "Mr\ufffdemi"
    assert checked_message("Bienvenue\udbff") == "Bienvenue\ufffd"
    invitee = check_persons((Invitee("Dup\udc00nt", "Jean", "jean@exemple.be"),))[0]
    assert invitee.surname == "Dup\ufffdnt"


@pytest.mark.parametrize("typed", ["a,b@x.be", "x+:tag@mail.fr", "NAIMA.MREM\x00I@EXAMPLE.BE"])
def test_an_address_mail_would_send_elsewhere_is_refused(typed: str) -> None:
    with pytest.raises(errors.ContactEmailInvalidError):
        checked_email(typed)
