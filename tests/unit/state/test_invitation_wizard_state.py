"""The invitation wizard as a tab runs it (seed 001 steps 11–18): the six steps with what was
typed kept, refusals beside their field, "Modifier" from the preview, "Terminer" and its link;
and forged events: a "Terminer" that skips the steps, or comes from someone who manages no
company, is refused by the service with nothing written."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from foundation import routes
from foundation.clock import utc_now
from foundation.i18n.catalog import catalog
from foundation.models.account import AccountStatus
from foundation.models.companies import RoleInvitation, RoleInvitationTemplate
from foundation.models.outbox import OutboxMessage
from identity.assurance import LevelOfAssurance
from identity.sessions import LoginIdentity
from portal.companies.dates import one_year_after, today
from portal.companies.invitation_form import shown_day
from portal.companies.invitations import Invitee
from state.roles.invitation_wizard_state import InvitationWizardState
from state.roles.saved_invitations_state import SavedInvitationsState
from tests.unit.portal.companies.conftest import CHLOE as CHLOE_PERSON
from tests.unit.portal.companies.conftest import JEAN_PIERRE as JP
from tests.unit.portal.companies.conftest import FakeRegister, company, make_gap
from tests.unit.portal.visitors import NAIMA, log_in, open_account
from tests.unit.state.conftest import Tab, fire

FRENCH = catalog("fr")
CHLOE = LoginIdentity(CHLOE_PERSON.national_number, "Ducoeur", "Chloé Anne", date(1979, 11, 2))
TEST_COMPANY = "0712345630"
WRITER = "monespace.writer"


@pytest.fixture
def chloe(engine: Engine) -> Tab:
    """Chloé, GAP of "Entreprise de test", logged in with her eID, on the wizard's page."""
    register = FakeRegister(
        {TEST_COMPANY: company(TEST_COMPANY, "Entreprise de test", representative=JP)}
    )
    with Session(engine) as db:
        make_gap(db, register, gap=CHLOE_PERSON, now=utc_now())
    return person(engine, CHLOE)


def person(
    engine: Engine, identity: LoginIdentity, level: LevelOfAssurance = LevelOfAssurance.HIGH
) -> Tab:
    open_account(engine, AccountStatus.ACTIVE, identity=identity)
    kind = "eid" if level is LevelOfAssurance.HIGH else "totp"
    tab = Tab(log_in(engine, level, at=utc_now(), identity=identity, key_kind=kind))
    tab.open(routes.ROLE_INVITATION_NEW)
    return tab


def written(engine: Engine) -> tuple[int, int, int]:
    """Invitations, saved invitations and e-mails in the database."""
    with Session(engine) as db:
        return (
            len(db.exec(select(RoleInvitation)).all()),
            len(db.exec(select(RoleInvitationTemplate)).all()),
            len(
                db.exec(select(OutboxMessage).where(OutboxMessage.recipient == "nmr@ewbs.be")).all()
            ),
        )


def wizard(tab: Tab) -> InvitationWizardState:
    page = tab.page(InvitationWizardState)
    assert fire(page, "load") is None
    return page


def to_persons(page: InvitationWizardState) -> None:
    fire(page, "next_step")  # the only company is chosen already
    fire(page, "tick_available", WRITER, True)
    fire(page, "add_ticked")
    fire(page, "next_step")
    fire(page, "next_step")  # from today, "Illimité"
    assert page.step == "persons"


def test_the_six_steps_keep_what_was_typed_and_finish_with_the_link(
    engine: Engine, chloe: Tab
) -> None:
    page = wizard(chloe)
    assert (page.step, page.company_number, page.company_name) == (
        "company",
        TEST_COMPANY,
        "Entreprise de test",
    )
    to_persons(page)
    for field, value in (("surname", "Mremi"), ("first_names", "Naïma"), ("email", "nmr@ewbs.be")):
        fire(page, "keep_person", field, value)
    fire(page, "next_step")  # the person typed but not added: added, then step 5
    assert page.persons == [Invitee("Mremi", "Naïma", "nmr@ewbs.be")]
    assert page.step == "details"
    assert page.expires_on == shown_day(one_year_after(today(utc_now())))
    fire(page, "keep", "message", "Bienvenue dans l'équipe")
    fire(page, "next_step")
    assert page.step == "preview"
    assert (page.preview.company, page.preview.roles) == (
        "Entreprise de test",
        ("Rédacteur de dossiers",),
    )

    fire(page, "edit_step", "roles")  # "Modifier": back to step 2, everything kept
    assert (page.step, page.role_codes) == ("roles", [WRITER])
    fire(page, "next_step")
    fire(page, "next_step")
    assert page.persons == [Invitee("Mremi", "Naïma", "nmr@ewbs.be")]
    fire(page, "next_step")
    assert page.message == "Bienvenue dans l'équipe"
    fire(page, "next_step")
    fire(page, "finish")
    assert page.step == "done"
    assert f"{routes.ROLE_INVITATION_ACCEPT}?invitation=" in page.link
    assert written(engine) == (1, 0, 1)


def test_a_refused_step_says_why_beside_its_field_and_keeps_the_values(
    engine: Engine, chloe: Tab
) -> None:
    page = wizard(chloe)
    fire(page, "next_step")
    fire(page, "next_step")  # no role chosen
    assert (page.step, page.error_field) == ("roles", "roles")
    assert page.error_text == FRENCH["error.NoRoleChosenError"]
    fire(page, "tick_available", WRITER, True)
    fire(page, "add_ticked")
    assert (page.role_codes, page.error_text) == ([WRITER], "")  # the refusal is answered
    fire(page, "next_step")
    fire(page, "next_step")
    fire(page, "next_step")  # nobody: the link alone will be shared
    assert page.step == "details"
    too_late = shown_day(today(utc_now()) + timedelta(days=400))
    fire(page, "keep", "expires_on", too_late)
    fire(page, "set_save", True)
    fire(page, "keep", "template_name", "Rédacteurs")
    fire(page, "next_step")
    assert (page.step, page.error_field) == ("details", "expires_on")
    assert page.error_text == FRENCH["error.InvitationExpiryOutOfRangeError"]
    assert (page.expires_on, page.template_name) == (too_late, "Rédacteurs")
    fire(page, "keep", "expires_on", "")  # the default: one year
    fire(page, "next_step")
    assert page.error_field == "template_description"
    assert page.error_text == FRENCH["error.RequiredFieldMissingError.template_description"]


def test_a_person_refused_by_the_rule_is_named_beside_the_row(engine: Engine, chloe: Tab) -> None:
    page = wizard(chloe)
    to_persons(page)
    fire(page, "keep_person", "surname", "Mremi")
    fire(page, "keep_person", "first_names", "Naïma")
    fire(page, "keep_person", "email", "nmr@")
    fire(page, "add_person")
    assert (page.error_field, page.persons, page.person_email) == ("person_email", [], "nmr@")
    assert page.error_text == FRENCH["error.InviteeEmailInvalidError"].replace("{row}", "1")
    fire(page, "keep_person", "email", "nmr@ewbs.be")
    fire(page, "add_person")
    fire(page, "edit_person", 0)
    assert (page.editing_row, page.person_surname) == (0, "Mremi")
    fire(page, "keep_person", "surname", "Mremi-Ducoeur")
    fire(page, "add_person")
    assert page.persons == [Invitee("Mremi-Ducoeur", "Naïma", "nmr@ewbs.be")]
    fire(page, "delete_person", 0)
    assert page.persons == []


def test_a_forged_terminer_that_skips_the_steps_is_refused_with_nothing_written(
    engine: Engine, chloe: Tab
) -> None:
    page = wizard(chloe)
    assert fire(page, "finish") is None  # no role chosen: the service checks every step
    assert page.step == "company"
    assert page.error_text == FRENCH["error.NoRoleChosenError"]
    assert written(engine) == (0, 0, 0)


def test_a_forged_terminer_from_someone_who_manages_no_company_is_refused(
    engine: Engine, chloe: Tab
) -> None:
    naima = wizard(person(engine, NAIMA))
    assert naima.manages_a_company is False
    naima.company_number, naima.role_codes = TEST_COMPANY, [WRITER]  # as a forged state would
    fire(naima, "finish")
    assert naima.error_text == FRENCH["error.NotRoleManagerError"]
    assert written(engine) == (0, 0, 0)


def test_below_the_eid_level_the_wizard_sends_to_the_eid_login(engine: Engine, chloe: Tab) -> None:
    tab = person(engine, NAIMA, LevelOfAssurance.SUBSTANTIAL)
    page = tab.page(InvitationWizardState)
    outcome = fire(page, "load")
    assert "/_auth/connexion" in str(outcome)
    assert page.ready is False
    saved = tab.page(SavedInvitationsState)
    assert "/_auth/connexion" in str(fire(saved, "load"))


def test_a_saved_invitation_starts_the_wizard_again(engine: Engine, chloe: Tab) -> None:
    page = wizard(chloe)
    to_persons(page)
    fire(page, "next_step")
    fire(page, "set_save", True)
    fire(page, "keep", "template_name", "Rédacteurs")
    fire(page, "keep", "template_description", "Pour l'équipe")
    fire(page, "next_step")
    fire(page, "finish")
    assert written(engine) == (1, 1, 0)
    saved = chloe.page(SavedInvitationsState)
    fire(saved, "load")
    [template] = saved.saved
    chloe.open(routes.ROLE_INVITATION_NEW, modele=str(template.id))
    again = wizard(chloe)
    assert (again.role_codes, again.save, again.step) == ([WRITER], False, "company")
    fire(saved, "delete", template.id)
    assert (saved.saved, written(engine)[1]) == ([], 0)


def test_the_picker_moves_the_ticked_or_all_the_values_shown(engine: Engine, chloe: Tab) -> None:
    page = wizard(chloe)
    fire(page, "filter_available", "espace personnel")
    fire(page, "add_all")  # ">>": the values shown, not the whole catalogue
    assert [o.label for o in page.chosen_roles] == [
        "Espace Personnel Wallon - Editeur de dossiers",
        "Espace Personnel Wallon - Gestionnaire de l'espace",
        "Espace Personnel Wallon - Propriétaire de l'espace",
        "Espace Personnel Wallon - Rédacteur de dossiers",
        "Espace Personnel Wallon - Relecteur de dossiers",
    ]
    assert page.available_roles == []
    fire(page, "tick_chosen", WRITER, True)
    fire(page, "remove_ticked")  # "<"
    assert WRITER not in page.role_codes
    assert page.chosen_count == 4
    fire(page, "filter_chosen", "propriétaire")
    fire(page, "remove_all")  # "<<": the values shown in the chosen list
    assert page.chosen_count == 3
    fire(page, "filter_chosen", "")
    fire(page, "tick_available", "nope", True)  # a forged value is never added
    fire(page, "add_ticked")
    assert page.chosen_count == 3
