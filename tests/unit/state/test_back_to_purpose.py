"""Back to where you were (#18, seed 004 §2e/§2f option A): a person who chose a code key not yet
activated is sent to the eID login, and that login opens the key's activation wizard, whose
"Retour à l'application" leads where the login was first asked from; a page closed for want of a
recent eID login offers an eID login that comes back to that page."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from sqlalchemy.engine import Engine

from foundation import routes
from foundation.clock import utc_now
from foundation.models.account import AccountStatus
from identity.assurance import LevelOfAssurance
from state.code_login_state import CodeLoginState, activation_login
from state.key_activation_state import KeyActivationState
from state.login_return_state import LoginReturnState
from tests.unit.portal.visitors import log_in, open_account
from tests.unit.state.conftest import Tab, fire

DASHBOARD = routes.dashboard("citoyen")


def comes_back_to(login: str) -> str:
    """The page the login (``/_auth/connexion?suite=...&cle=eid``) comes back to."""
    parts = urlsplit(login)
    assert parts.path == routes.LOGIN_THEN
    query = parse_qs(parts.query)
    assert query["cle"] == ["eid"]
    [back] = query["suite"]
    return back


def test_a_code_key_not_activated_leads_to_its_activation_through_the_eid() -> None:
    for kind in ("totp", "email_code", "sms_code"):
        login = activation_login(kind, "")
        assert comes_back_to(login) == routes.key_activation(kind)


def test_the_activation_then_leads_where_the_login_was_asked_from() -> None:
    back = comes_back_to(activation_login("totp", DASHBOARD))
    assert back == routes.key_activation("totp", back=DASHBOARD)
    assert urlsplit(back).path == routes.key_activation("totp")
    assert parse_qs(urlsplit(back).query)[routes.RETURN_PARAMETER] == [DASHBOARD]


def test_no_path_of_another_site_rides_along() -> None:
    for elsewhere in ("https://evil.example/", "//evil.example/x", "/\\evil.example"):
        back = comes_back_to(activation_login("totp", elsewhere))
        assert back == routes.key_activation("totp")


def test_a_key_without_a_wizard_or_unknown_keeps_the_plain_eid_login() -> None:
    # The paper token is activated from the registration office's e-mail, not in Mes clés.
    assert activation_login("paper_token", DASHBOARD) == routes.key_login("eid")
    assert activation_login("no-such-key", DASHBOARD) == routes.key_login("eid")


def test_the_code_login_page_builds_the_link_from_the_remembered_page(engine: Engine) -> None:
    tab = Tab()
    tab.open(routes.key_login("email_code"))
    tab.page(LoginReturnState).came_from = DASHBOARD
    page = tab.page(CodeLoginState)
    fire(page, "load", "email_code")
    back = comes_back_to(page.activation_login)
    assert back == routes.key_activation("email_code", back=DASHBOARD)


def test_the_wizard_goes_back_to_the_page_named_and_only_of_this_site(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    session_id = log_in(engine, at=utc_now())
    for asked, expected in (
        (DASHBOARD, DASHBOARD),
        ("", routes.MY_SPACES),
        ("https://evil.example/", routes.MY_SPACES),
        ("//evil.example", routes.MY_SPACES),
    ):
        tab = Tab(session_id)
        query = {routes.RETURN_PARAMETER: asked} if asked else {}
        tab.open(routes.key_activation("totp"), **query)
        wizard = tab.page(KeyActivationState)
        fire(wizard, "load", "totp")
        assert wizard.allowed
        assert wizard.back_to == expected


def test_a_wizard_closed_for_a_weaker_login_offers_an_eid_login_back_to_it(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    # Her mobile app's login: live, but not the recent eID login adding a key asks for.
    tab = Tab(log_in(engine, LevelOfAssurance.SUBSTANTIAL, at=utc_now(), key_kind="totp"))
    tab.open(routes.key_activation("totp"), **{routes.RETURN_PARAMETER: DASHBOARD})
    wizard = tab.page(KeyActivationState)
    fire(wizard, "load", "totp")
    assert not wizard.allowed
    assert comes_back_to(wizard.eid_login) == routes.key_activation("totp", back=DASHBOARD)


def test_the_account_activation_resumes_only_a_path_of_this_site() -> None:
    remembered = Tab().page(LoginReturnState)
    remembered.came_from = "/roleinvitation/accept?invitation=abc"
    assert remembered.resume_path == "/roleinvitation/accept?invitation=abc"
    for elsewhere in ("", "https://evil.example/", "//evil.example"):
        remembered.came_from = elsewhere
        assert remembered.resume_path == ""
