"""The dossier pages without a browser: a démarche's page, a dossier's form and a dossier's page,
as their handlers answer (a forged websocket message calls them the same way).

"Entreprise de test" has Rita as "Relecteur de dossiers" and Edith as "Editeur de dossiers", a
complete draft and a signed dossier; Naïma has her own student-grant draft; Chloé has an
account and no role. The card and the register are fixed: the card signer records what it was
asked to sign, the authentic sources who they were asked about.
"""

from __future__ import annotations

import asyncio
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
import reflex as rx
from reflex_base.event import EventSpec
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

import state.dossiers.dossier_state
import state.dossiers.procedure_state
from foundation import routes
from foundation.clock import utc_now
from foundation.i18n.catalog import catalog, text
from foundation.i18n.error_messages import error_text
from foundation.models.dossiers import (
    Dossier,
    DossierEvent,
    DossierReceipt,
    DossierStatus,
    PersonalItem,
)
from foundation.models.outbox import OutboxMessage
from identity.assurance import LevelOfAssurance
from identity.sessions import LoginIdentity
from portal.companies.roles import Permission
from portal.dossiers import drafting
from portal.dossiers.errors import RoleRequiredError
from portal.dossiers.forms import problems
from portal.dossiers.forms.problems import FieldProblem
from portal.dossiers.permissions import roles_allowing
from portal.dossiers.places import Place
from portal.dossiers.records import by_reference, values_of
from state.dossiers.dossier_state import DossierState
from state.dossiers.form_state import DossierFormState
from state.dossiers.procedure_state import ProcedureState
from tests.unit.portal.dossiers.dossier_world import (
    OTHER_COMPANY,
    PEOPLE,
    TEST_COMPANY,
    FixedSources,
    Person,
    add_account,
    add_company,
    eid_session,
    give_role,
    make_teacher,
    sources_for,
)
from tests.unit.portal.dossiers.filed_dossiers import file_dossier
from tests.unit.portal.dossiers.life_steps import GRANT, CardSigner
from tests.unit.portal.visitors import log_in
from tests.unit.state.conftest import Tab, fire, redirect_path

FRENCH = catalog("fr")
# Naïma as tests.unit.portal.visitors logs her in.
NAIMA = Person("85010112345", "Mremi", "Naïma Fatima", "naima@example.be")
CHLOE = Person("79110221605", "Ducoeur", "Chloé Anne", "cdc@ewbs.be")
RITA, EDITH = PEOPLE["reader"], PEOPLE["editor"]
PIN = {"pin": "1234"}


@dataclass(frozen=True)
class World:
    grant: str  # Naïma's own student grant: a draft, identity from her card
    draft: str  # the company's complete draft, which an editor could sign
    signed: str  # the company's signed dossier, which an editor could submit


@pytest.fixture
def world(engine: Engine) -> World:
    now = utc_now()
    with Session(engine) as db:
        for person in (NAIMA, CHLOE, RITA, EDITH):
            add_account(db, person)
        add_company(db)
        starts = now.date() - timedelta(days=30)
        give_role(db, RITA, "reader", starts_on=starts)
        give_role(db, EDITH, "editor", starts_on=starts)
        grant = drafting.start(
            db,
            eid_session(NAIMA, at=now),
            procedure_key=GRANT,
            place=Place.personal("citoyen"),
            sources=sources_for(NAIMA),
            now=now,
        )
        draft = file_dossier(db, EDITH, company=TEST_COMPANY, status=DossierStatus.DRAFT)
        db.delete(db.get(DossierReceipt, draft.id))  # a draft is not signed yet
        draft.signed_at = draft.signed_by = draft.submitted_at = None
        signed = file_dossier(db, EDITH, company=TEST_COMPANY, status=DossierStatus.SIGNED)
        signed.submitted_at = None
        db.commit()
        return World(reference_of(grant), reference_of(draft), reference_of(signed))


def reference_of(dossier: Dossier) -> str:
    assert dossier.reference is not None
    return dossier.reference


@pytest.fixture
def card(monkeypatch: pytest.MonkeyPatch) -> CardSigner:
    """The card in the reader: records each receipt it signs (the PIN is not its business)."""
    signer = CardSigner()
    monkeypatch.setattr(state.dossiers.dossier_state, "card_signer", lambda pin, *, now: signer)
    return signer


@pytest.fixture
def sources(monkeypatch: pytest.MonkeyPatch) -> FixedSources:
    found = sources_for(NAIMA)
    monkeypatch.setattr(state.dossiers.procedure_state, "authentic_sources", lambda: found)
    return found


def tab_of(engine: Engine, person: Person, level: LevelOfAssurance = LevelOfAssurance.HIGH) -> Tab:
    identity = LoginIdentity(
        person.national_number, person.surname, person.first_names, date(1980, 1, 1)
    )
    kind = "eid" if level is LevelOfAssurance.HIGH else "totp"
    return Tab(log_in(engine, level, at=utc_now(), identity=identity, key_kind=kind))


def fire_background(page: rx.State, handler: str, *payload: object) -> Any:
    """A background handler (``@rx.event(background=True)``) run as the backend runs it, which
    Reflex refuses to let ``fire`` call directly; outside the state manager, its
    ``async with self`` blocks hold no lock."""
    task = type(page).event_handlers[handler].fn(page, *payload)
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(asyncio.run, task).result()


def loaded(outcome: object) -> str:
    """Where a full page load (``load_page``) a handler returned leads ("" for anything else)."""
    if not isinstance(outcome, EventSpec) or outcome.handler.fn.__qualname__ != "_call_script":
        return ""
    found = re.search(r'window\.location\.assign\("([^"]*)"\)', str(outcome.args))
    return found.group(1) if found else ""


def what_is_kept(engine: Engine, reference: str) -> tuple[object, ...]:
    """Everything an action on the dossier would change, as the database holds it."""
    with Session(engine) as db:
        dossier = by_reference(db, reference)
        assert dossier is not None
        events = select(func.count()).where(col(DossierEvent.dossier_id) == dossier.id)
        return (
            dossier.status,
            dossier.version,
            dossier.data,
            db.exec(events).one(),
            db.get(DossierReceipt, dossier.id) is not None,
            len(db.exec(select(PersonalItem)).all()),
            len(db.exec(select(OutboxMessage)).all()),
        )


def dossier_page(tab: Tab, reference: str) -> DossierState:
    tab.open(routes.DOSSIER, reference=reference)
    page = tab.page(DossierState)
    assert fire(page, "load") is None
    return page


def refusal(field: Permission) -> str:
    return error_text("fr", RoleRequiredError(field.value, roles_allowing(field)))


# -- the dossier's page: Signer, Soumettre, Supprimer -------------------------------------


def test_a_relecteur_sees_no_action_and_her_forged_ones_change_nothing(
    engine: Engine, world: World, card: CardSigner
) -> None:
    tab = tab_of(engine, RITA)
    page = dossier_page(tab, world.draft)
    assert page.loaded
    assert page.offers == []  # she reads the dossier, and no button is shown
    before = what_is_kept(engine, world.draft)

    assert fire_background(page, "sign", PIN) is None
    assert page.error_text == refusal(Permission.SIGN)
    assert "Editeur de dossiers ou Propriétaire de l'espace" in page.error_text
    assert card.signed == []  # the card was never asked
    assert fire(page, "delete") is None
    assert page.error_text == refusal(Permission.DELETE)
    assert what_is_kept(engine, world.draft) == before

    page = dossier_page(tab, world.signed)
    before = what_is_kept(engine, world.signed)
    assert fire(page, "submit") is None
    assert page.error_text == refusal(Permission.SUBMIT)
    assert (page.status, page.notice) == (DossierStatus.SIGNED, "")
    assert what_is_kept(engine, world.signed) == before  # no e-mail, no document, no history


def test_someone_without_a_role_is_refused_even_with_the_reference_in_the_tab(
    engine: Engine, world: World, card: CardSigner
) -> None:
    page = dossier_page(tab_of(engine, CHLOE), world.draft)
    assert not page.loaded
    assert page.error_text == FRENCH["error.SpaceNotAllowedError"]
    assert (page.title, page.sections, page.files, page.events) == ("", [], [], [])
    # Even a tab whose state held the company's references (a crafted state) acts on nothing.
    before = {ref: what_is_kept(engine, ref) for ref in (world.draft, world.signed)}
    for reference, handler, payload in (
        (world.draft, "sign", (PIN,)),
        (world.draft, "delete", ()),
        (world.signed, "submit", ()),
        (world.signed, "delete", ()),
    ):
        page.error_text = ""
        page.reference = reference
        forge = fire_background if handler == "sign" else fire
        assert forge(page, handler, *payload) is None
        assert page.error_text == FRENCH["error.SpaceNotAllowedError"], handler
    assert card.signed == []
    assert {ref: what_is_kept(engine, ref) for ref in before} == before


def test_another_citizen_neither_sees_nor_touches_a_persons_own_dossier(
    engine: Engine, world: World, card: CardSigner
) -> None:
    page = dossier_page(tab_of(engine, CHLOE), world.grant)
    assert page.error_text == FRENCH["error.DossierNotFoundError"]
    assert (page.loaded, page.title, page.sections) == (False, "", [])
    before = what_is_kept(engine, world.grant)
    for handler, payload in (("sign", (PIN,)), ("submit", ()), ("delete", ())):
        page.error_text = ""
        page.reference = world.grant  # as if the tab held it
        forge = fire_background if handler == "sign" else fire
        assert forge(page, handler, *payload) is None
        assert page.error_text == FRENCH["error.DossierNotFoundError"], handler
    assert card.signed == []
    assert what_is_kept(engine, world.grant) == before


def test_the_editor_signs_with_the_card_then_submits_through_the_same_handlers(
    engine: Engine, world: World, card: CardSigner
) -> None:
    page = dossier_page(tab_of(engine, EDITH), world.draft)
    assert page.offers == ["delete", "modify", "sign"]
    assert fire_background(page, "sign", PIN) is None
    assert page.error_text == ""
    assert (page.status, page.notice) == (DossierStatus.SIGNED, "dossier.notice.signed")
    assert [number for _, number in card.signed] == [EDITH.national_number]
    assert page.offers == ["delete", "modify", "submit"]
    assert fire(page, "submit") is None
    assert (page.status, page.notice) == (DossierStatus.SUBMITTED, "dossier.notice.submitted")
    assert page.receipt_href.endswith("&document=accuse")


# -- the dossier's form ------------------------------------------------------------------


def form_page(tab: Tab, reference: str, step: str) -> DossierFormState:
    tab.open(routes.DOSSIER_FORM, reference=reference, etape=step)
    page = tab.page(DossierFormState)
    fire(page, "load")  # None, or the focus put on the step's heading
    assert page.loaded
    return page


def field(page: DossierFormState, key: str) -> tuple[str, str]:
    """What the page shows in the field, and beside it."""
    (row,) = [f for f in page.fields if f.key == key]
    return row.value, row.error


def kept_values(engine: Engine, reference: str) -> dict[str, str]:
    with Session(engine) as db:
        dossier = by_reference(db, reference)
        assert dossier is not None
        return values_of(dossier)


def test_a_step_with_wrong_values_keeps_them_and_shows_each_problem(
    engine: Engine, world: World
) -> None:
    page = form_page(tab_of(engine, NAIMA), world.grant, "household")
    fire(page, "going", "next")
    wrong = {"household_income": "beaucoup", "dependants": "-3"}
    assert fire(page, "submit_step", wrong) is None  # the page stays on the step
    assert page.step == "household"
    assert page.problems == 2
    assert field(page, "household_income") == (
        "beaucoup",
        FieldProblem(problems.AMOUNT).message("fr"),
    )
    assert field(page, "dependants") == (
        "-3",
        FieldProblem(problems.TOO_SMALL, {"min": "0"}).message("fr"),
    )
    assert page.saved_at != ""
    kept = kept_values(engine, world.grant)
    assert (kept["household_income"], kept["dependants"]) == ("beaucoup", "-3")


def test_leaving_a_field_keeps_that_field_alone(engine: Engine, world: World) -> None:
    tab = tab_of(engine, NAIMA)
    page = form_page(tab, world.grant, "identity")
    before = kept_values(engine, world.grant)
    assert fire(page, "keep", "phone", "+32 470 99 88 77") is None
    assert page.error_text == ""
    assert page.saved_at != ""
    after = kept_values(engine, world.grant)
    assert after.pop("phone") == "+32470998877"  # as the form engine writes a phone number
    before.pop("phone", None)
    # Nothing else holds another value (the first save writes the form's empty fields out).
    assert {k: v for k, v in after.items() if v} == {k: v for k, v in before.items() if v}
    assert after["surname"] == "Mremi"  # the card's identity stays
    # The page knows the version it just made: moving on is not taken for a stale page.
    values = {"email": "nmr@ewbs.be", "phone": "+32 470 99 88 77"}
    assert redirect_path(fire(page, "submit_step", values)) == routes.dossier_form(
        world.grant, "studies"
    )


def test_a_stale_page_shows_the_refusal_and_the_latest_values(engine: Engine, world: World) -> None:
    tab = tab_of(engine, NAIMA)
    stale = form_page(tab, world.grant, "studies")
    # The same dossier changed in another window since.
    other = form_page(tab_of(engine, NAIMA), world.grant, "studies")
    assert fire(other, "keep", "establishment", "Université de Liège") is None

    typed = {"establishment": "UCLouvain", "study_programme": "Master en droit"}
    assert fire(stale, "submit_step", typed) is None
    assert stale.error_text == FRENCH["error.StaleDossierError"]
    assert field(stale, "establishment")[0] == "Université de Liège"
    assert field(stale, "study_programme")[0] == ""
    kept = kept_values(engine, world.grant)
    assert kept["establishment"] == "Université de Liège"
    assert kept.get("study_programme", "") == ""
    # Now up to date, the page saves again.
    assert fire(stale, "keep", "study_programme", "Master en droit") is None
    assert kept_values(engine, world.grant)["study_programme"] == "Master en droit"


# -- a démarche's page -------------------------------------------------------------------


def procedure_page(tab: Tab, key: str) -> ProcedureState:
    tab.open(routes.PROCEDURE, cle=key)
    page = tab.page(ProcedureState)
    assert fire(page, "load") is None
    assert page.found
    return page


def dossiers_of(engine: Engine, person: Person) -> int:
    with Session(engine) as db:
        mine = select(Dossier).where(Dossier.national_number == person.national_number)
        return len(db.exec(mine).all())


def test_starting_after_a_login_below_the_eid_goes_to_the_eid_login_and_creates_nothing(
    engine: Engine, world: World, sources: FixedSources
) -> None:
    tab = tab_of(engine, NAIMA, LevelOfAssurance.SUBSTANTIAL)
    page = procedure_page(tab, GRANT)
    assert [p.key for p in page.places] == ["citoyen"]
    mine = dossiers_of(engine, NAIMA)
    outcome = fire_background(page, "start", {"place": "citoyen"})
    assert loaded(outcome) == routes.login_then(routes.procedure(GRANT), key="eid")
    assert page.login_url == routes.login_then(routes.procedure(GRANT), key="eid")
    assert dossiers_of(engine, NAIMA) == mine
    assert sources.asked == []  # the card was not read
    assert not page.starting


def test_the_page_offers_only_the_spaces_where_the_person_may_create(
    engine: Engine, world: World
) -> None:
    now = utc_now()
    with Session(engine) as db:
        add_company(db, OTHER_COMPANY, "BLA")
        starts = now.date() - timedelta(days=30)
        give_role(db, NAIMA, "writer", starts_on=starts)  # may create
        give_role(db, NAIMA, "reader", company=OTHER_COMPANY, starts_on=starts)  # may not
        db.commit()
    tab = tab_of(engine, NAIMA)
    company_only = procedure_page(tab, "prime-investissement")
    assert [(p.key, p.label) for p in company_only.places] == [
        (
            f"entreprise:{TEST_COMPANY}",
            text("fr", "dossier.place.company").format(company="Entreprise de test"),
        )
    ]
    diploma = "equivalence-diplome"  # citizens and teaching staff
    assert [p.label for p in procedure_page(tab, diploma).places] == [FRENCH["spaces.citoyen"]]
    with Session(engine) as db:
        make_teacher(db, NAIMA)
        db.commit()
    assert [p.key for p in procedure_page(tab, diploma).places] == ["citoyen", "enseignement"]
    # Chloé, with no role anywhere, may start the company's démarche from nowhere.
    assert procedure_page(tab_of(engine, CHLOE), "prime-investissement").places == []
