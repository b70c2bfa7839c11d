"""The activation code's two steps are throttled per client address: wrong codes from one
address shut it out for a while (even with the right code), other addresses go on."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine

from foundation.i18n.error_messages import error_text
from foundation.settings import get_settings
from identity.paper_token.errors import WrongActivationCodeError
from identity.throttling import ThrottledError
from portal.keys import first_key
from tests.unit.portal.keys.test_first_key import form, registered
from tests.unit.portal.visitors import NOW

GUESSER = "192.0.2.66"
ANNA = "198.51.100.7"


@pytest.fixture(autouse=True)
def _two_failures_per_address(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MONESPACE_LOGIN_FAILURES_PER_ADDRESS", "2")
    get_settings.cache_clear()


def test_wrong_codes_from_one_address_shut_it_out_not_the_others(engine: Engine) -> None:
    reference, code = registered(engine)
    for _ in range(2):
        with pytest.raises(WrongActivationCodeError):
            first_key.person_for_code(
                reference, "22222 22222 22222 22222", now=NOW, address=GUESSER, bind=engine
            )
    with pytest.raises(ThrottledError) as refused:
        first_key.person_for_code(reference, code, now=NOW, address=GUESSER, bind=engine)
    assert error_text("fr", refused.value) == "Trop de tentatives. Réessayez dans 15 minutes."
    # The refusal spent none of the code's tries: Anna, elsewhere, uses it.
    assert first_key.person_for_code(reference, code, now=NOW, address=ANNA, bind=engine)


def test_the_last_step_is_throttled_too(engine: Engine) -> None:
    """A forged event could guess codes through the last step: it counts the same way."""
    reference, code = registered(engine)
    for _ in range(2):
        with pytest.raises(WrongActivationCodeError):
            first_key.activate_first_key(
                None,
                form(reference, "22222 22222 22222 22222"),
                key="paper_token",
                secret="",
                first_code="",
                now=NOW,
                address=GUESSER,
                bind=engine,
            )
    with pytest.raises(ThrottledError):
        first_key.person_for_code(reference, code, now=NOW, address=GUESSER, bind=engine)


def test_successes_do_not_count(engine: Engine) -> None:
    reference, code = registered(engine)
    for _ in range(5):
        first_key.person_for_code(reference, code, now=NOW, address=ANNA, bind=engine)
    first_key.activate_first_key(
        None,
        form(reference, code),
        key="paper_token",
        secret="",
        first_code="",
        now=NOW,
        address=ANNA,
        bind=engine,
    )


def test_a_right_code_with_a_number_the_sms_cannot_reach_is_not_counted(engine: Engine) -> None:
    """Anna mistypes her mobile number twice (a landline): her code was right, so her address
    is not shut out, and the third time, with her real number, the SMS goes."""
    from identity.sms_code.phone import InvalidMobileNumberError
    from tests.unit.identity.paper_token.test_sms_first_key import FakeSender

    reference, code = registered(engine)
    sender = FakeSender()
    for _ in range(3):
        with pytest.raises(InvalidMobileNumberError):
            first_key.send_sms_code(
                reference, code, "02 413 25 10", now=NOW, address=ANNA, sender=sender, bind=engine
            )
    assert first_key.send_sms_code(
        reference, code, "0470 12 34 56", now=NOW, address=ANNA, sender=sender, bind=engine
    )
    assert len(sender.sent) == 1
