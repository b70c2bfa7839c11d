"""Login steps throttled per client address and overall, through the services the pages call:
failures count, successes do not, a refused attempt checks nothing, and racing threads cannot
pass the limit."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from sqlalchemy.engine import Engine

from foundation.i18n.error_messages import error_text
from foundation.settings import get_settings
from identity.assurance import LevelOfAssurance
from identity.eid.errors import WrongPinError
from identity.eid.login import CertificateToConfirm, EidLoginResult
from identity.keys.errors import InvalidCodeError
from identity.password.errors import InvalidCredentialsError
from identity.throttling import ThrottledError
from portal.login.code_login import submit_code, submit_password
from portal.login.eid_login import begin_eid_login, finish_eid_login
from tests.unit.identity.key_holder import FAST
from tests.unit.identity.totp.helpers import code_at
from tests.unit.portal.login.test_code_login import (
    BINDING,
    LATER,
    PASSWORD,
    engine,  # noqa: F401 - the fixture: Marie's account, password and app on a SQLite file
)
from tests.unit.portal.visitors import NAIMA

GUESSER = "192.0.2.66"
MARIE = "198.51.100.7"
LIMIT = 3


@pytest.fixture(autouse=True)
def _low_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MONESPACE_LOGIN_FAILURES_PER_ADDRESS", str(LIMIT))
    monkeypatch.setenv("MONESPACE_LOGIN_FAILURES_OVERALL", "8")
    get_settings.cache_clear()


def password(
    engine: Engine,  # noqa: F811
    address: str,
    *,
    typed: str = PASSWORD,
    username: str = "marie.dupont",
    minutes: int = 0,
) -> str:
    return submit_password(
        kind="totp",
        username=username,
        password=typed,
        now=LATER + timedelta(minutes=minutes),
        settings=FAST,
        browser_binding=BINDING,
        address=address,
        bind=engine,
    ).attempt_id


def test_wrong_passwords_from_one_address_shut_it_out_even_with_the_right_one(
    engine: Engine,  # noqa: F811
) -> None:
    for _ in range(LIMIT):
        with pytest.raises(InvalidCredentialsError):
            password(engine, GUESSER, typed="wrong password!")
    with pytest.raises(ThrottledError) as refused:
        password(engine, GUESSER)
    assert error_text("fr", refused.value) == "Trop de tentatives. Réessayez dans 15 minutes."
    assert error_text("de", refused.value) == (
        "Zu viele Versuche. Versuchen Sie es in 15 Minuten erneut."
    )
    # Marie, from her own address, logs in; the guesser's address is free again 15 minutes on.
    assert password(engine, MARIE)
    assert password(engine, GUESSER, minutes=15)


def test_unknown_usernames_count_like_wrong_passwords(engine: Engine) -> None:  # noqa: F811
    """A password spray over many usernames is held by the address, whoever they belong to."""
    for number in range(LIMIT):
        with pytest.raises(InvalidCredentialsError):
            password(engine, GUESSER, username=f"someone.{number}", typed="Summer2026!")
    with pytest.raises(ThrottledError):
        password(engine, GUESSER, username="someone.else", typed="Summer2026!")


def test_successful_logins_do_not_count(engine: Engine) -> None:  # noqa: F811
    for _ in range(LIMIT * 3):
        password(engine, MARIE)
    with pytest.raises(InvalidCredentialsError):
        password(engine, MARIE, typed="wrong password!")


def test_the_whole_portal_has_a_ceiling(engine: Engine) -> None:  # noqa: F811
    for number in range(8):
        with pytest.raises(InvalidCredentialsError):
            password(engine, f"203.0.113.{number}", typed="wrong password!")
    with pytest.raises(ThrottledError):
        password(engine, MARIE)


def test_wrong_codes_from_one_address_shut_it_out_before_the_code_is_looked_at(
    engine: Engine,  # noqa: F811
) -> None:
    def code(attempt_id: str, typed: str, address: str) -> str:
        return submit_code(
            kind="totp",
            attempt_id=attempt_id,
            code=typed,
            now=LATER,
            browser_binding=BINDING,
            address=address,
            bind=engine,
        )

    attempt_id = password(engine, MARIE)
    for _ in range(LIMIT):
        with pytest.raises(InvalidCodeError):
            code(attempt_id, "000000", GUESSER)
    with pytest.raises(ThrottledError):
        code(attempt_id, code_at(LATER), GUESSER)
    # The right code was not spent by the refusal: from Marie's address it opens her session.
    assert code(attempt_id, code_at(LATER), MARIE)


def test_racing_threads_cannot_pass_the_limit(engine: Engine) -> None:  # noqa: F811
    outcomes: list[str] = []
    start = threading.Barrier(8)

    def guess() -> None:
        start.wait()
        try:
            password(engine, GUESSER, typed="wrong password!")
        except InvalidCredentialsError:
            outcomes.append("checked")
        except ThrottledError:
            outcomes.append("refused")

    threads = [threading.Thread(target=guess) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["checked"] * LIMIT + ["refused"] * (8 - LIMIT)


class PinCard:
    """An eID login whose card signs when the PIN is 1234; it notes the readers given back."""

    def __init__(self) -> None:
        self.cancelled: list[str | None] = []

    def begin(
        self, *, now: object, browser_binding: str | None
    ) -> tuple[str, CertificateToConfirm]:
        certificate = CertificateToConfirm(
            reader="Reader 0",
            issuer="Citizen CA",
            valid_from=date(2024, 1, 1),
            valid_until=date(2034, 1, 1),
            fingerprint="ab" * 32,
            pin_tries_left=3,
        )
        return "nonce-1", certificate

    def cancel(self, *, browser_binding: str | None) -> None:
        self.cancelled.append(browser_binding)

    def complete(self, *, pin: str, **_: object) -> EidLoginResult:
        if pin != "1234":
            raise WrongPinError(2)
        return EidLoginResult(
            identity=NAIMA,
            photo_jpeg=b"",
            level=LevelOfAssurance.HIGH,
            certificate=None,  # type: ignore[arg-type]  # the page never reads it
        )


def test_wrong_pins_from_one_address_shut_out_its_next_eid_logins(
    engine: Engine,  # noqa: F811
) -> None:
    def pin(typed: str, address: str) -> str:
        return finish_eid_login(
            nonce="nonce-1",
            reader="Reader 0",
            confirmed_fingerprint="ab" * 32,
            pin=typed,
            now=LATER,
            browser_binding=BINDING,
            address=address,
            card_login=PinCard(),
            bind=engine,
        )

    for _ in range(5):  # logins that open a session do not count
        begin_eid_login(
            now=LATER, browser_binding=BINDING, address=MARIE, card_login=PinCard(), bind=engine
        )
        pin("1234", MARIE)
    for _ in range(LIMIT):
        begin_eid_login(
            now=LATER, browser_binding=BINDING, address=GUESSER, card_login=PinCard(), bind=engine
        )
        with pytest.raises(WrongPinError):
            pin("0000", GUESSER)
    with pytest.raises(ThrottledError):
        begin_eid_login(
            now=LATER, browser_binding=BINDING, address=GUESSER, card_login=PinCard(), bind=engine
        )
    with pytest.raises(ThrottledError):  # a forged event skipping the start gets no PIN try
        pin("1234", GUESSER)
    assert pin("1234", MARIE)


def test_a_pin_step_refused_by_the_throttle_frees_the_reader(engine: Engine) -> None:  # noqa: F811
    """The refusal comes before the card: the reader this browser held is not kept for minutes
    against everyone else."""
    card = PinCard()

    def wrong_pin() -> None:
        finish_eid_login(
            nonce="nonce-1",
            reader="Reader 0",
            confirmed_fingerprint="ab" * 32,
            pin="0000",
            now=LATER,
            browser_binding=BINDING,
            address=GUESSER,
            card_login=card,
            bind=engine,
        )

    for _ in range(LIMIT):
        with pytest.raises(WrongPinError):
            wrong_pin()
    assert card.cancelled == []
    with pytest.raises(ThrottledError):
        wrong_pin()
    assert card.cancelled == [BINDING]


def test_a_right_password_whose_code_cannot_be_sent_is_not_counted(
    engine: Engine,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The SMS gateway down: every right password whose code fails to go out must not fill the
    address's (and the portal's) failures, or the outage would shut out every password login."""
    from types import SimpleNamespace

    from identity.sms_code.sender import SmsDeliveryError
    from portal.login import code_login

    class GatewayDown:
        def prepare(self, *_: object, **__: object) -> None:
            raise SmsDeliveryError("gateway down")

    monkeypatch.setattr(
        code_login,
        "code_page_key",
        lambda kind, registry=None: SimpleNamespace(second_step=GatewayDown()),
    )
    for _ in range(LIMIT * 2):
        with pytest.raises(SmsDeliveryError):
            password(engine, MARIE)
    with pytest.raises(InvalidCredentialsError):  # counted and refused, not throttled
        password(engine, MARIE, typed="wrong password!")
