"""A login's session keeps the User-Agent of the browser that logged in (Mes sessions names it
"Chrome sur Linux"), cut to the column's size: it is whatever the browser chose to send."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from sqlalchemy.engine import Engine
from sqlmodel import Session

from foundation.models.session import UserSession
from identity.assurance import LevelOfAssurance
from identity.eid.login import CertificateToConfirm, EidLoginResult
from identity.sessions import USER_AGENT_LENGTH, redeem_ticket
from portal.login.completion import complete_login
from portal.login.eid_login import finish_eid_login
from tests.unit.portal.visitors import NAIMA, NOW

BINDING = "b" * 64  # the hash of the pre-login cookie of the browser logging in

CHROME = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)


class CardSigning:
    """An eID login whose card signs."""

    def begin(self, **_: object) -> tuple[str, CertificateToConfirm]:
        raise AssertionError("not used here")

    def cancel(self, **_: object) -> None:
        pass

    def complete(self, **_: object) -> EidLoginResult:
        return EidLoginResult(
            identity=NAIMA,
            photo_jpeg=b"\xff\xd8jpeg",
            level=LevelOfAssurance.HIGH,
            certificate=None,  # type: ignore[arg-type]  # not read by the completion
        )


def redeemed(db: Session, url: str) -> UserSession:
    """The session the URL's ticket opens in the browser that logged in."""
    ticket = parse_qs(urlsplit(url).query)["ticket"][0]
    row = redeem_ticket(db, ticket, browser_binding=BINDING, now=NOW)
    assert isinstance(row, UserSession)
    return row


def test_the_eid_login_keeps_the_browsers_user_agent(engine: Engine) -> None:
    url = finish_eid_login(
        nonce="nonce-1",
        reader="Reader 0",
        confirmed_fingerprint="ab" * 32,
        pin="1234",
        now=NOW,
        browser_binding=BINDING,
        user_agent=CHROME,
        card_login=CardSigning(),
        bind=engine,
    )
    with Session(engine) as db:
        assert redeemed(db, url).user_agent == CHROME


def kept(engine: Engine, user_agent: str | None) -> str | None:
    with Session(engine) as db:
        url = complete_login(
            db,
            identity=NAIMA,
            key_kind="eid",
            level=LevelOfAssurance.HIGH,
            now=NOW,
            browser_binding=BINDING,
            user_agent=user_agent,
        )
        return redeemed(db, url).user_agent


def test_a_long_user_agent_is_cut_and_none_is_kept_as_none(engine: Engine) -> None:
    assert kept(engine, "x" * 5000) == "x" * USER_AGENT_LENGTH
    assert kept(engine, "  ") is None
    assert kept(engine, None) is None
