"""eID logins finish as the code keys do: one completion opens the session, records the key and
its level, and names the person's first page; a failure opens nothing (itsme's login:
test_itsme_login.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from foundation import routes
from foundation.models.session import UserSession
from identity.assurance import LevelOfAssurance
from identity.eid.errors import WrongPinError
from identity.eid.login import CertificateToConfirm, EidLoginResult
from identity.sessions import redeem_ticket
from portal.login.eid_login import begin_eid_login, finish_eid_login
from tests.unit.portal.visitors import NAIMA, NOW

BINDING = "b" * 64  # the hash of the pre-login cookie of the browser logging in
CERTIFICATE = CertificateToConfirm(
    reader="Reader 0",
    issuer="Citizen CA",
    valid_from=date(2024, 1, 1),
    valid_until=date(2034, 1, 1),
    fingerprint="ab" * 32,
    pin_tries_left=3,
)


@dataclass
class FakeCard:
    """An eID login whose card signs when the PIN is 1234."""

    def begin(
        self, *, now: object, browser_binding: str | None
    ) -> tuple[str, CertificateToConfirm]:
        return "nonce-1", CERTIFICATE

    def cancel(self, *, browser_binding: str | None) -> None:
        pass

    def complete(
        self,
        *,
        nonce: str,
        reader: str,
        confirmed_fingerprint: str,
        pin: str,
        now: object,
        browser_binding: str | None,
    ) -> EidLoginResult:
        assert (nonce, reader, confirmed_fingerprint) == ("nonce-1", "Reader 0", "ab" * 32)
        if pin != "1234":
            raise WrongPinError(2)
        return EidLoginResult(
            identity=NAIMA,
            photo_jpeg=b"\xff\xd8jpeg",
            level=LevelOfAssurance.HIGH,
            certificate=None,  # type: ignore[arg-type]  # the page never reads it
        )


def sessions(engine: Engine) -> list[UserSession]:
    with Session(engine) as db:
        return list(db.exec(select(UserSession)).all())


def opened_by(engine: Engine, url: str) -> tuple[UserSession, str]:
    """The session the URL's ticket opens, and the page it then goes to."""
    parts = urlsplit(url)
    assert parts.path == routes.SESSION_START
    query = parse_qs(parts.query)
    with Session(engine) as db:
        row = redeem_ticket(db, query["ticket"][0], browser_binding=BINDING, now=NOW)
        assert row is not None
        db.commit()
        db.refresh(row)
        return row, query["suite"][0]


def test_the_eid_login_opens_a_high_session_with_the_photo(engine: Engine) -> None:
    nonce, certificate = begin_eid_login(now=NOW, browser_binding=BINDING, card_login=FakeCard())
    url = finish_eid_login(
        nonce=nonce,
        reader=certificate.reader,
        confirmed_fingerprint=certificate.fingerprint,
        pin="1234",
        now=NOW,
        browser_binding=BINDING,
        card_login=FakeCard(),
        bind=engine,
    )
    row, home = opened_by(engine, url)
    assert (row.national_number, row.key_kind, row.level) == (NAIMA.national_number, "eid", 3)
    assert row.photo_jpeg_b64
    assert home == routes.ACCOUNT_FORM  # no account yet: the first-login form


def test_a_wrong_pin_opens_no_session(engine: Engine) -> None:
    with pytest.raises(WrongPinError):
        finish_eid_login(
            nonce="nonce-1",
            reader="Reader 0",
            confirmed_fingerprint="ab" * 32,
            pin="0000",
            now=NOW,
            browser_binding=BINDING,
            card_login=FakeCard(),
            bind=engine,
        )
    assert sessions(engine) == []
