"""The step-up as a tab runs it: a page whose level the session's key does not reach (its row of
``portal.levels``) sends the browser to the key chooser of that level, which comes back to the
same page, with nothing of the page left; the chooser reads the level it is asked for."""

from __future__ import annotations

import re
from datetime import timedelta

from reflex_base.event import EventSpec
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from foundation import routes
from foundation.clock import utc_now
from foundation.models.account import Account, AccountStatus
from foundation.models.dossiers import TeachingStaffMember
from identity.assurance import LevelOfAssurance
from state.account_settings_state import AccountSettingsState
from state.dossiers.dossier_list_state import DossierListState
from state.key_chooser_state import KeyChooserState
from state.roles.my_assignments_state import MyAssignmentsState
from state.space_state import SpacePageState, SpacesState
from tests.unit.portal.visitors import NAIMA, log_in, open_account
from tests.unit.state.conftest import Tab, fire

LOW, SUBSTANTIAL = LevelOfAssurance.LOW, LevelOfAssurance.SUBSTANTIAL


def loaded(outcome: object) -> str:
    """Where a full page load (``load_page``) a handler returned leads ("" for anything else)."""
    if not isinstance(outcome, EventSpec) or outcome.handler.fn.__qualname__ != "_call_script":
        return ""
    found = re.search(r'window\.location\.assign\("([^"]*)"\)', str(outcome.args))
    return found.group(1) if found else ""


def step_up(back: str) -> str:
    return routes.login_then(back, level="substantiel")


def tab_at(engine: Engine, level: LevelOfAssurance, path: str, **query: str) -> Tab:
    kind = {LOW: "password", SUBSTANTIAL: "totp"}.get(level, "eid")
    tab = Tab(log_in(engine, level, at=utc_now(), key_kind=kind))
    tab.open(path, **query)
    return tab


def account_status(engine: Engine) -> AccountStatus:
    with Session(engine) as db:
        account = db.exec(select(Account)).one()
        return AccountStatus(account.status)


def test_a_password_alone_opens_mes_espaces_and_is_stepped_up_from_the_dashboard(
    engine: Engine,
) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    tab = tab_at(engine, LOW, routes.MY_SPACES)
    spaces = tab.page(SpacesState)
    assert fire(spaces, "load") is None
    assert [link.href for link in spaces.spaces] == [routes.dashboard("citoyen")]
    tab.open(routes.dashboard("citoyen"))
    page = tab.page(SpacePageState)
    page.national_number = "left by an earlier page"
    assert loaded(fire(page, "load_dashboard", "citoyen")) == step_up("/citoyen/tableau-de-bord")
    assert (page.space, page.national_number, page.dossiers) == ("", "", [])


def test_every_page_of_the_space_steps_up_to_itself(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    for path, handler, arguments in (
        ("/citoyen/documents", "load_items", ("citoyen", "document")),
        ("/citoyen/communications", "load_items", ("citoyen", "communication")),
        ("/citoyen/profil", "load_profile", ("citoyen",)),
    ):
        page = tab_at(engine, LOW, path).page(SpacePageState)
        assert loaded(fire(page, handler, *arguments)) == step_up(path)
        assert (page.national_number, page.items) == ("", [])
    listing = tab_at(engine, LOW, "/citoyen/dossiers").page(DossierListState)
    assert loaded(fire(listing, "load_personal", "citoyen")) == step_up("/citoyen/dossiers")
    assert (listing.lines, listing.listed) == ([], False)


def test_a_key_of_the_substantial_level_sees_the_national_number(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    page = tab_at(engine, SUBSTANTIAL, "/citoyen/profil").page(SpacePageState)
    assert fire(page, "load_profile", "citoyen") is None
    assert page.national_number == NAIMA.national_number


def test_the_account_page_steps_up_with_its_query(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    settings = tab_at(engine, LOW, routes.ACCOUNT, onglet="info").page(AccountSettingsState)
    assert loaded(fire(settings, "load")) == step_up(f"{routes.ACCOUNT}?onglet=info")
    assert settings.email == ""
    # A forged "Supprimer votre compte" from that tab is refused the same way.
    assert loaded(fire(settings, "delete_account")) == step_up(f"{routes.ACCOUNT}?onglet=info")
    assert account_status(engine) is AccountStatus.ACTIVE


def test_a_pending_deletion_is_shown_but_withdrawn_only_after_a_recent_eid_login(
    engine: Engine,
) -> None:
    open_account(
        engine,
        AccountStatus.DELETION_REQUESTED,
        deletion_requested_at=utc_now() - timedelta(days=2),
    )
    page = tab_at(engine, LOW, routes.ACCOUNT_DELETED).page(AccountSettingsState)
    assert fire(page, "load_deleted") is None
    assert (page.withdraw_until != "", page.strong_login) == (True, False)
    for forged in ("cancel_deletion", "delete_definitively"):
        assert fire(page, forged) is None
        assert page.error_key == "error.StrongLoginRequiredError"
    assert account_status(engine) is AccountStatus.DELETION_REQUESTED
    eid = tab_at(engine, LevelOfAssurance.HIGH, routes.ACCOUNT_DELETED).page(AccountSettingsState)
    fire(eid, "load_deleted")
    assert eid.strong_login
    fire(eid, "cancel_deletion")
    assert eid.restored
    assert account_status(engine) is AccountStatus.ACTIVE


def test_the_teaching_address_is_changed_only_after_a_recent_eid_login(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    with Session(engine) as db:
        db.add(TeachingStaffMember(national_number=NAIMA.national_number, employer="École"))
        account = db.exec(select(Account)).one()
        account.teaching_email = "naima@school.be"
        db.add(account)
        db.commit()
    page = tab_at(engine, SUBSTANTIAL, "/enseignement/profil").page(SpacePageState)
    assert fire(page, "load_profile", "enseignement") is None
    assert (page.teaching_email, page.strong_login) == ("naima@school.be", False)
    typed = {"choice": "other", "email": "x@school.be", "email_confirmation": "x@school.be"}
    assert fire(page, "choose_teaching_email", typed) is None
    assert page.teaching_error_key == "error.StrongLoginRequiredError"
    assert not page.teaching_sent


def test_ones_own_roles_send_a_lower_session_to_the_eid(engine: Engine) -> None:
    open_account(engine, AccountStatus.ACTIVE)
    mine = tab_at(engine, SUBSTANTIAL, routes.MY_ROLE_ASSIGNMENTS).page(MyAssignmentsState)
    assert loaded(fire(mine, "load")) == routes.login_then(routes.MY_ROLE_ASSIGNMENTS, key="eid")
    assert mine.rows == []


def test_the_key_chooser_reads_the_level_it_is_asked_for() -> None:
    for asked, level in (
        ("substantiel", 2),
        ("eleve", 3),
        ("faible", 0),  # any key: a plain login
        ("maximal", 0),
        ("", 0),
    ):
        tab = Tab()
        tab.open(routes.KEY_CHOOSER, suite="/citoyen/tableau-de-bord", niveau=asked)
        chooser = tab.page(KeyChooserState)
        fire(chooser, "read_level")
        assert chooser.required_level == level, asked
