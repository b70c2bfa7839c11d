"""The itsme login as its page runs it: "envoyer" counts a push for the number (the same for any
number) and sends the browser to itsme; the return opens a high session only for the browser
that started the login, with the answer itsme's client accepted."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from foundation import routes
from foundation.i18n.error_messages import error_text
from foundation.models.account import AccountStatus
from foundation.models.session import UserSession
from identity import itsme
from identity.assurance import LevelOfAssurance
from identity.browser_binding import CookiesRequiredError, OtherBrowserError
from identity.itsme.authorization import new_pending
from identity.sessions import redeem_ticket
from identity.sms_code import InvalidMobileNumberError
from portal.login.itsme_login import (
    PUSHES_PER_PHONE,
    finish_itsme_login,
    start_itsme_login,
)
from tests.unit.portal.visitors import NAIMA, NOW, open_account

BINDING = "b" * 64  # the hash of the pre-login cookie of the browser logging in
OTHER_BROWSER = "c" * 64
RETURN = "http://localhost:3000" + routes.ITSME_RETURN


@dataclass
class FakeItsme:
    """itsme's client: records what it was asked, accepts any answer whose state is the login's
    unless told to fail."""

    failure: Exception | None = None
    begun: list[str | None] = field(default_factory=list)
    finished: list[Mapping[str, str]] = field(default_factory=list)

    def begin(
        self, *, phone: str | None, language: str, now: datetime
    ) -> tuple[str, itsme.PendingAuthorization]:
        self.begun.append(phone)
        pending = new_pending(RETURN, now)
        return f"http://127.0.0.1:8028/authorize?state={pending.state}", pending

    def finish(
        self, pending: itsme.PendingAuthorization, answer: Mapping[str, str], *, now: datetime
    ) -> itsme.ItsmeIdentity:
        self.finished.append(answer)
        if self.failure is not None:
            raise self.failure
        assert answer["state"] == pending.state
        return itsme.ItsmeIdentity("pairwise-subject", NAIMA)


def start(
    engine: Engine, fake: FakeItsme, phone: str = "0470 12 34 56", **changes: object
) -> tuple[str, dict[str, str]]:
    arguments: dict[str, object] = {
        "now": NOW,
        "language": "fr",
        "browser_binding": BINDING,
        "client": fake,
        "bind": engine,
    }
    arguments.update(changes)
    started = start_itsme_login(phone, **arguments)  # type: ignore[arg-type]
    return started.url, started.kept


def test_an_approved_itsme_login_opens_a_high_session_for_this_browser(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    fake = FakeItsme()
    url, kept = start(engine, fake)
    assert fake.begun == ["+32470123456"]
    assert url.startswith("http://127.0.0.1:8028/authorize?")
    assert kept["browser_binding"] == BINDING
    state = parse_qs(urlsplit(url).query)["state"][0]
    assert kept["state"] == state
    assert {"nonce", "code_verifier"} <= set(kept)

    session_url = finish_itsme_login(
        kept,
        {"code": "c", "state": state},
        now=NOW,
        browser_binding=BINDING,
        client=fake,
        bind=engine,
    )
    assert urlsplit(session_url).path == routes.SESSION_START
    ticket = parse_qs(urlsplit(session_url).query)["ticket"][0]
    with Session(engine) as db:
        row = redeem_ticket(db, ticket, browser_binding=BINDING, now=NOW)
        assert row is not None
        assert (row.key_kind, LevelOfAssurance(row.level)) == ("itsme", LevelOfAssurance.HIGH)
        assert row.national_number == NAIMA.national_number


def test_no_login_without_the_pre_login_cookie_nor_with_a_wrong_number(engine: Engine) -> None:
    fake = FakeItsme()
    with pytest.raises(CookiesRequiredError):
        start(engine, fake, browser_binding=None)
    with pytest.raises(InvalidMobileNumberError):
        start(engine, fake, "02 123 45 67")
    assert fake.begun == []


def test_pushes_to_one_number_are_limited_whoever_holds_it(engine: Engine) -> None:
    fake = FakeItsme()
    for number in ("0470 12 34 56", "0499 99 99 99"):  # an itsme user's, and nobody's
        for _ in range(PUSHES_PER_PHONE.events):
            start(engine, fake, number)
        with pytest.raises(itsme.ItsmePushesThrottledError) as held:
            start(engine, fake, number)
        assert error_text("fr", held.value) == (
            "Trop de demandes itsme ont été envoyées à ce numéro. Réessayez dans 15 minutes."
        )
    assert len(fake.begun) == 2 * PUSHES_PER_PHONE.events  # the refused ones never reach itsme
    start(engine, fake, "0472 00 00 02")  # another number is not held back
    later = NOW + PUSHES_PER_PHONE.window + timedelta(seconds=1)
    start(engine, fake, "0470 12 34 56", now=later)  # nor the same one a quarter later


def test_a_return_without_a_login_started_in_this_tab_is_refused(engine: Engine) -> None:
    fake = FakeItsme()
    with pytest.raises(itsme.ItsmeStateMismatchError) as refused:
        finish_itsme_login(
            {}, {"code": "c", "state": "s"}, now=NOW, browser_binding=BINDING, client=fake
        )
    assert "ce navigateur" in error_text("fr", refused.value)
    assert fake.finished == []


def test_a_login_finished_by_another_browser_opens_nothing(engine: Engine) -> None:
    fake = FakeItsme()
    url, kept = start(engine, fake)
    state = parse_qs(urlsplit(url).query)["state"][0]
    for binding in (OTHER_BROWSER, None):
        with pytest.raises(OtherBrowserError):
            finish_itsme_login(
                kept,
                {"code": "c", "state": state},
                now=NOW,
                browser_binding=binding,
                client=fake,
                bind=engine,
            )
    assert fake.finished == []
    with Session(engine) as db:
        assert db.exec(select(UserSession)).all() == []


@pytest.mark.parametrize(
    "failure",
    [
        itsme.ItsmeRefusedError(),
        itsme.ItsmeCancelledError(),
        itsme.ItsmeExpiredError(),
        itsme.ItsmeInvalidTokenError(),
    ],
)
def test_an_answer_itsme_client_refuses_opens_nothing(engine: Engine, failure: Exception) -> None:
    fake = FakeItsme(failure=failure)
    url, kept = start(engine, fake)
    state = parse_qs(urlsplit(url).query)["state"][0]
    with pytest.raises(type(failure)):
        finish_itsme_login(
            kept,
            {"code": "c", "state": state},
            now=NOW,
            browser_binding=BINDING,
            client=fake,
            bind=engine,
        )
    with Session(engine) as db:
        assert db.exec(select(UserSession)).all() == []
