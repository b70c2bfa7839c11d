"""Forged events in a real browser: from a logged-in page, a message crafted on the page's own
Reflex websocket calls a handler that the page never offered. The service behind the handler
refuses, the refusal shows, and the database is left as it was.

The three gates: only a registration officer registers a person; removing a key, and adding
one, need a recent strong login. The person here logged in with username + password alone.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Page, WebSocketRoute, expect
from sqlmodel import Session, select

from e2e.database import portal_engine
from e2e.steps import credentials_step
from foundation import routes
from foundation.models.account import Account, AccountStatus
from foundation.models.digital_keys import Credential
from foundation.models.outbox import OutboxMessage
from foundation.models.paper_token import RegisteredPerson
from identity.password import set_credentials
from state.key_activation_state import KeyActivationState
from state.keys_state import KeysState
from state.registration_office_state import RegistrationOfficeState

NATIONAL_NUMBER = "71020300146"  # Luc Forgeron: an account and a password, no officer
USERNAME, PASSWORD = "luc.forgeron", "Forge-les-2-events!"
EMAIL = "luc.forgeron@example.be"
OTHER_EMAIL = "luc.elsewhere@example.be"  # where a registration code would go
ANNA = {
    "surname": "Kowalska",
    "first_names": "Anna",
    "birth_date": "1990-05-17",
    "document_type": "passport",
    "document_number": "FORGED-0001",
    "email": "anna.forged@example.pl",
}


class PageSocket:
    """The page's own Reflex websocket, relayed by Playwright, on which a test sends frames the
    page's code never wrote (the socket.io prefix is read from the page's connect frame)."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self._server: WebSocketRoute | None = None
        self._prefix = ""
        page.route_web_socket(re.compile(r"/_event"), self._relay)

    def _relay(self, socket: WebSocketRoute) -> None:
        server = socket.connect_to_server()

        def from_page(message: str | bytes) -> None:
            text = message if isinstance(message, str) else ""
            if text.startswith("40"):  # CONNECT to the namespace: "40/_event,{...}"
                self._prefix = "42" + text[2 : text.index(",") + 1] if "," in text else "42"
            server.send(message)

        socket.on_message(from_page)
        self._server = server  # each page load opens a socket of its own: keep the last one

    def forge(self, state: type, handler: str, **payload: object) -> None:
        """Sends ``state.handler(**payload)`` as the page would send an event it offered."""
        self.page.wait_for_function("() => document.readyState === 'complete'")
        deadline = 50
        while (self._server is None or not self._prefix) and deadline:
            self.page.wait_for_timeout(100)
            deadline -= 1
        assert self._server is not None, "the page opened no socket"
        assert self._prefix, "the page's socket never connected"
        path = re.sub(r"^https?://[^/]+", "", self.page.url)
        event = {
            "name": f"{state.get_full_name()}.{handler}",  # type: ignore[attr-defined]
            "payload": payload,
            "router_data": {"pathname": path.split("?")[0], "asPath": path},
        }
        self._server.send(self._prefix + json.dumps(["event", event]))


def database(data_dir: Path) -> Session:
    return Session(portal_engine(data_dir))


@pytest.fixture
def luc(e2e_data_dir: Path) -> str:
    """An active account with username + password: a login of a low level of assurance."""
    now = datetime.now(UTC)
    with database(e2e_data_dir) as db:
        if db.get(Credential, NATIONAL_NUMBER) is None:
            db.add(
                Account(
                    national_number=NATIONAL_NUMBER,
                    surname="Forgeron",
                    first_names="Luc",
                    birth_date=date(1971, 2, 3),
                    email=EMAIL,
                    status=AccountStatus.ACTIVE,
                    created_at=now,
                    activated_at=now,
                )
            )
            set_credentials(
                db, national_number=NATIONAL_NUMBER, username=USERNAME, password=PASSWORD, now=now
            )
            db.commit()
    return NATIONAL_NUMBER


def log_in_with_password(page: Page, base_url: str) -> PageSocket:
    socket = PageSocket(page)
    credentials_step(page, base_url, "password", USERNAME, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("MES ESPACES")
    return socket


def test_a_forged_registration_at_the_office_is_refused(
    page: Page, base_url: str, e2e_data_dir: Path, luc: str
) -> None:
    socket = log_in_with_password(page, base_url)
    page.goto(base_url + routes.REGISTRATION_OFFICE)
    expect(page.get_by_text("Cette page est réservée aux agents")).to_be_visible()
    expect(page.get_by_role("button", name="Enregistrer et délivrer")).to_have_count(0)

    socket.forge(RegistrationOfficeState, "register", form=ANNA)

    expect(page.get_by_role("alert")).to_have_text(
        re.compile("Seuls les agents d'un bureau d'enregistrement local peuvent enregistrer")
    )
    with database(e2e_data_dir) as db:
        assert (
            db.exec(
                select(RegisteredPerson).where(RegisteredPerson.document_number == "FORGED-0001")
            ).all()
            == []
        )
        assert (
            db.exec(select(OutboxMessage).where(OutboxMessage.recipient == ANNA["email"])).all()
            == []
        )


def test_forged_key_removal_and_key_enrolment_are_refused(
    page: Page, base_url: str, e2e_data_dir: Path, luc: str
) -> None:
    socket = log_in_with_password(page, base_url)
    page.goto(base_url + routes.MY_KEYS)
    expect(page.get_by_role("button", name="Supprimer")).to_have_count(0)  # not offered

    socket.forge(KeysState, "ask_remove", kind="password")
    socket.forge(KeysState, "remove")

    expect(page.get_by_role("status")).to_have_text(
        re.compile("Pour ajouter ou supprimer une clé numérique, identifiez-vous d'abord")
    )
    with database(e2e_data_dir) as db:
        assert db.get(Credential, luc) is not None  # the password key is still there

    page.goto(base_url + routes.key_activation("email_code"))
    expect(page.get_by_text("identifiez-vous d'abord avec votre carte eID").first).to_be_visible()
    socket.forge(KeyActivationState, "send_registration_code", form={"destination": OTHER_EMAIL})
    # Events of a tab are handled in order: once the forged "cancel" has moved the page, the
    # forged registration code before it was handled too.
    socket.forge(KeyActivationState, "cancel")
    expect(page).to_have_url(re.compile(routes.MY_KEYS + "$"))
    with database(e2e_data_dir) as db:
        sent = db.exec(select(OutboxMessage).where(OutboxMessage.recipient == OTHER_EMAIL))
        assert sent.all() == []
