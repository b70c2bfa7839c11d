"""The pages' own handlers, without a browser: what they show after a service answered, the
messages of a refusal, and the steps they keep."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlsplit

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from foundation import routes
from foundation.clock import utc_now
from foundation.i18n.catalog import catalog
from foundation.models.account import Account, AccountStatus
from foundation.models.outbox import OutboxMessage
from identity import paper_token
from identity.assurance import LevelOfAssurance
from identity.paper_token.officers import appoint_officer
from state.account_form_state import AccountFormState
from state.account_link_state import AccountLinkState
from state.account_settings_state import AccountSettingsState
from state.space_state import SpacePageState, SpacesState
from state.token_activation_state import TokenActivationState, card_layout
from tests.unit.portal.visitors import NAIMA, log_in, open_account
from tests.unit.state.conftest import Tab, fire, redirect_path

FRENCH = catalog("fr")


def account_status(engine: Engine) -> AccountStatus | None:
    with Session(engine) as db:
        account = db.exec(select(Account)).first()
        return None if account is None else AccountStatus(account.status)


def test_the_first_login_form_shows_the_identity_then_opens_the_account(engine: Engine) -> None:
    form = Tab(log_in(engine, at=utc_now())).page(AccountFormState)
    fire(form, "load")
    assert (form.surname, form.first_names, form.birth_date) == (
        "Mremi",
        "Naïma Fatima",
        "01/01/1985",
    )
    typed = {"email": "naima@example.be", "email_confirmation": "naima@example.org"}
    assert fire(form, "submit", typed) is None
    assert (form.error_key, form.email_value) == ("error.EmailMismatchError", "naima@example.be")
    typed["email_confirmation"] = "naima@example.be"
    assert redirect_path(fire(form, "submit", typed)) == routes.ACCOUNT_PENDING
    assert form.error_key == ""
    assert account_status(engine) is AccountStatus.PENDING


def test_deleting_the_account_after_a_lower_key_shows_why_and_keeps_it(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    app_login = log_in(engine, LevelOfAssurance.SUBSTANTIAL, at=utc_now(), key_kind="totp")
    settings = Tab(app_login).page(AccountSettingsState)
    fire(settings, "load")
    assert (settings.email, settings.strong_login) == ("naima@example.be", False)
    assert fire(settings, "delete_account") is None
    assert settings.error_key == "error.StrongLoginRequiredError"
    assert account_status(engine) is AccountStatus.ACTIVE


def test_deleting_withdrawing_and_the_withdrawal_date(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    settings = Tab(log_in(engine, at=utc_now())).page(AccountSettingsState)
    assert redirect_path(fire(settings, "delete_account")) == routes.ACCOUNT_DELETED
    assert fire(settings, "load_deleted") is None
    assert settings.withdraw_until  # dd/mm/yyyy, thirty days on
    fire(settings, "cancel_deletion")
    assert settings.restored
    assert account_status(engine) is AccountStatus.ACTIVE


def test_a_citizen_sees_one_space_and_is_sent_back_from_another(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    tab = Tab(log_in(engine, at=utc_now()))
    spaces = tab.page(SpacesState)
    fire(spaces, "load")
    assert [link.href for link in spaces.spaces] == [routes.dashboard("citoyen")]
    page = tab.page(SpacePageState)
    assert redirect_path(fire(page, "load_dashboard", "enseignement")) == routes.MY_SPACES
    assert fire(page, "load_profile", "citoyen") is None
    assert (page.space_title_key, page.national_number) == (
        "spaces.citoyen",
        NAIMA.national_number,
    )


def activation_reference(engine: Engine) -> tuple[str, str]:
    officer = "83041204706"
    with Session(engine) as db:
        appoint_officer(db, national_number=officer, office="Namur")
        registration = paper_token.register_person(
            db,
            officer_id=officer,
            officer_level=LevelOfAssurance.HIGH,
            surname="Kowalska",
            first_names="Anna",
            birth_date=date(1990, 5, 17),
            document_type="passport",
            document_number="EA1234567",
            email="anna@example.pl",
            link=paper_token.ActivationLink("https://monespace.test", routes.TOKEN_ACTIVATION),
            now=utc_now(),
        )
        db.commit()
    query = parse_qs(urlsplit(registration.activation_url).query)
    return query["activation"][0], registration.activation_code


def test_a_forged_last_step_without_the_terms_spends_no_activation_code(engine: Engine) -> None:
    reference, code = activation_reference(engine)
    tab = Tab()
    tab.open(routes.TOKEN_ACTIVATION, activation=reference)
    page = tab.page(TokenActivationState)
    fire(page, "load")
    fire(page, "submit_code", {"code": code})
    assert (page.step, page.full_name) == ("choose", "Anna Kowalska")
    typed = {"username": "anna.k", "password": "Zomer-2026-Wars!", "first_code": ""}
    fire(page, "activate", {**typed, "password_confirmation": "other"})
    assert page.error_text == FRENCH["credentials.mismatch"]
    fire(page, "activate", {**typed, "password_confirmation": typed["password"]})  # no "choose"
    assert page.error_text == FRENCH["error.TermsNotAcceptedError"]
    assert page.step == "choose"
    fire(page, "choose", {"language": "fr", "key": "paper_token", "terms": "on"})
    assert page.step == "activate"
    fire(page, "back")
    assert page.step == "choose"


def test_a_link_without_its_reference_says_so_at_once(engine: Engine) -> None:
    tab = Tab()
    tab.open(routes.TOKEN_ACTIVATION)
    page = tab.page(TokenActivationState)
    fire(page, "load")
    assert not page.link_ok
    assert page.error_text == FRENCH["error.ActivationLinkError"]


def test_the_card_reads_down_each_column_as_printed() -> None:
    codes = [(number, f"{number:06d}") for number in range(1, 25)]
    rows = card_layout(codes)
    assert len(rows) == 8
    assert rows[0] == ["1", "000001", "9", "000009", "17", "000017"]
    assert rows[7] == ["8", "000008", "16", "000016", "24", "000024"]


def test_the_activation_link_opened_twice_by_its_page_still_says_activated(
    engine: Engine,
) -> None:
    form = Tab(log_in(engine, at=utc_now())).page(AccountFormState)
    fire(form, "load")
    typed = {"email": "naima@example.be", "email_confirmation": "naima@example.be"}
    fire(form, "submit", typed)
    with Session(engine) as db:
        mail = db.exec(select(OutboxMessage)).one()
    link = next(
        word for word in mail.text_body.split() if routes.ACTIVATE_ACCOUNT + "?jeton=" in word
    )
    tab = Tab()
    tab.open(routes.ACTIVATE_ACCOUNT, jeton=parse_qs(urlsplit(link).query)["jeton"][0])
    page = tab.page(AccountLinkState)
    fire(page, "follow", "activate")
    fire(page, "follow", "activate")  # the page's on_load may run twice for one visit
    assert (page.done, page.error_key) == (True, "")
    assert account_status(engine) is AccountStatus.ACTIVE
    other = Tab()
    other.open(routes.ACTIVATE_ACCOUNT, jeton=parse_qs(urlsplit(link).query)["jeton"][0])
    again = other.page(AccountLinkState)
    fire(again, "follow", "activate")  # another visit of the used link is refused
    assert (again.done, again.error_key) == (False, "error.LinkUsedError")
