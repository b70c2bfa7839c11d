"""Secrets a page shows once leave nothing in the Reflex state: the state is what the server
keeps of a tab between events (the ``.states`` files or Redis), for as long as the tab lives,
whatever page it moves on to. A new app's seed, a paper token's card and a person's activation
code go to the browser in the answer of the event that made them (``state.shown_once``); what the
server needs between two steps (the seed until the app's first code) is a backend-only var,
cleared when the step is over."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from reflex.state import BaseState
from sqlalchemy.engine import Engine
from sqlmodel import Session

from foundation import routes
from foundation.clock import utc_now
from foundation.models.account import AccountStatus
from identity.keys.records import find_key
from identity.paper_token.officers import appoint_officer
from identity.sessions import LoginIdentity
from identity.totp import secret_bytes, totp
from identity.totp.secret import grouped
from state.key_activation_state import KeyActivationState
from state.registration_office_state import RegistrationOfficeState
from state.token_activation_state import TokenActivationState
from tests.unit.portal.visitors import NAIMA, log_in, open_account
from tests.unit.state.conftest import Tab, fire
from tests.unit.state.test_pages import activation_reference

HELENE = LoginIdentity("83041204706", "Lambert", "Hélène", date(1983, 4, 12))
ANNA = {
    "surname": "Kowalska",
    "first_names": "Anna",
    "birth_date": "1990-05-17",
    "document_type": "passport",
    "document_number": "EA1234567",
    "email": "anna@example.pl",
}
CREDENTIALS = {
    "username": "anna.k",
    "password": "Zomer-2026-Wars!",
    "password_confirmation": "Zomer-2026-Wars!",
}


def _tree(state: BaseState) -> Iterator[BaseState]:
    yield state
    for substate in state.substates.values():
        yield from _tree(substate)


def kept(tab: Tab) -> str:
    """Everything the state manager stores of the tab, as it stores it (each state pickled)."""
    return b"".join(state._serialize() for state in _tree(tab.root)).decode("latin-1")


def sent(outcome: object) -> str:
    """What an event's answer sends the browser, besides the state's changes."""
    return str(outcome)


def test_the_app_seed_is_sent_once_and_forgotten_when_the_app_proves_it(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    tab = Tab(log_in(engine, at=utc_now()))
    wizard = tab.page(KeyActivationState)
    shown = sent(fire(wizard, "load", "totp"))
    seed = wizard._secret
    assert grouped(seed) in shown  # the text typed into the app, with its QR code
    assert grouped(seed) not in kept(tab)  # never a field the page's state sends or keeps
    assert "data:image/png" not in kept(tab)
    code = totp(secret_bytes(seed), utc_now())
    cleared = sent(fire(wizard, "confirm_code", {"code": code}))
    assert wizard.error_text == ""
    with Session(engine) as db:
        assert find_key(db, national_number=NAIMA.national_number, kind="totp") is not None
    assert seed not in kept(tab)
    assert wizard._secret == ""
    assert "shown_app_qr" in cleared  # the browser's copy is emptied too


def test_leaving_the_wizard_forgets_the_seed(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    tab = Tab(log_in(engine, at=utc_now()))
    wizard = tab.page(KeyActivationState)
    fire(wizard, "load", "totp")
    seed = wizard._secret
    assert seed
    left = sent(fire(wizard, "cancel"))
    assert routes.MY_KEYS in left
    assert seed not in kept(tab)


def test_the_token_card_is_sent_once_and_never_kept(engine: Engine) -> None:
    reference, code = activation_reference(engine)
    tab = Tab()
    tab.open(routes.TOKEN_ACTIVATION, activation=reference)
    page = tab.page(TokenActivationState)
    fire(page, "load")
    fire(page, "submit_code", {"code": code})
    fire(page, "choose", {"language": "fr", "key": "paper_token", "terms": "on"})
    shown = sent(fire(page, "activate", CREDENTIALS))
    assert page.step == "done"
    card = re.findall(r"\b\d{6}\b", shown)
    assert len(card) >= 24  # the 24 codes of the card, for this page to print
    state = kept(tab)
    assert not [number for number in card if number in state]
    assert code not in state  # the activation code, spent, is gone too


def test_the_app_seed_of_a_first_key_is_forgotten_once_activated(engine: Engine) -> None:
    reference, code = activation_reference(engine)
    tab = Tab()
    tab.open(routes.TOKEN_ACTIVATION, activation=reference)
    page = tab.page(TokenActivationState)
    fire(page, "load")
    fire(page, "submit_code", {"code": code})
    shown = sent(fire(page, "choose", {"language": "fr", "key": "totp", "terms": "on"}))
    seed = page._secret
    assert grouped(seed) in shown
    assert grouped(seed) not in kept(tab)
    first_code = totp(secret_bytes(seed), utc_now())
    fire(page, "activate", {**CREDENTIALS, "first_code": first_code})
    assert (page.step, page.error_text) == ("done", "")
    assert seed not in kept(tab)


def test_the_activation_code_is_on_the_slip_only(engine: Engine) -> None:
    with Session(engine) as db:
        appoint_officer(db, national_number=HELENE.national_number, office="Namur")
        db.commit()
    tab = Tab(log_in(engine, at=utc_now(), identity=HELENE))
    office = tab.page(RegistrationOfficeState)
    fire(office, "load")
    shown = sent(fire(office, "register", ANNA))
    assert office.issued
    found = re.search(r"\b[A-Z0-9]{5}(?: [A-Z0-9]{5}){3}\b", shown)
    assert found, shown
    assert found.group(0) not in kept(tab)
    cleared = sent(fire(office, "another"))
    assert "shown_activation_code" in cleared
    assert (office.issued, office.issued_name) == (False, "")
