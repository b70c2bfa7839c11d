"""What the invitation wizard's pages run, as units of work on a SQLite file: the entry, each
step's check, the preview, "Terminer l'invitation", and the saved invitations' page. A refusal
writes nothing; "Terminer" checks every step again whatever the page showed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from foundation.models.companies import RoleInvitation, RoleInvitationTemplate
from identity.assurance import LevelOfAssurance
from portal.companies import errors, invitation_wizard, saved_invitations
from portal.companies.invitation_form import Step, WizardForm, draft_of, form_of, parse_day
from portal.companies.invitations import Invitee
from portal.visits import NotLoggedInError
from tests.unit.portal.companies.conftest import (
    BLA,
    CHLOE,
    JEAN_PIERRE,
    NAIMA,
    NOW,
    ORIGIN,
    TEST_COMPANY,
    TODAY,
    FakeRegister,
    mails_to,
    make_gap,
)
from tests.unit.portal.companies.page_sessions import database_file, log_in

WRITER = "monespace.writer"
NAIMA_INVITED = Invitee("Mremi", "Naïma", NAIMA.email)


@pytest.fixture
def bound(tmp_path: Path, register: FakeRegister) -> Iterator[Engine]:
    """Chloé is the GAP of "Entreprise de test"."""
    with database_file(tmp_path) as engine:
        with Session(engine) as db:
            make_gap(db, register, gap=CHLOE)
        yield engine


def complete(**changes: object) -> WizardForm:
    form = WizardForm(
        company_number=TEST_COMPANY,
        role_codes=(WRITER,),
        valid_from=TODAY.isoformat(),
        persons=(NAIMA_INVITED,),
        message="Bienvenue",
        expires_on=(TODAY + timedelta(days=30)).isoformat(),
    )
    return replace(form, **changes)  # type: ignore[arg-type]


def invitations(engine: Engine) -> list[RoleInvitation]:
    with Session(engine) as db:
        return list(db.exec(select(RoleInvitation)).all())


def check(engine: Engine, step: Step, form: WizardForm, session: str | None = None) -> WizardForm:
    session = session or log_in(engine, CHLOE)
    return invitation_wizard.check_step(session, step, form, now=NOW, bind=engine)


def test_the_entry_lists_the_companies_managed_and_a_new_form_with_the_defaults(
    bound: Engine,
) -> None:
    start = invitation_wizard.open_wizard(log_in(bound, CHLOE), now=NOW, bind=bound)
    assert [(c.display_number, c.name) for c in start.companies] == [
        ("0712.345.630", "Entreprise de test")
    ]
    assert start.form == WizardForm(
        company_number=TEST_COMPANY,  # the only one: already chosen
        valid_from="02/03/2026",  # as the seeds show dates
        unlimited=True,
        expires_on="02/03/2027",  # one year ahead, the seed's default
    )


def test_the_entry_wants_the_eid_and_a_login(bound: Engine) -> None:
    lower = log_in(bound, CHLOE, LevelOfAssurance.SUBSTANTIAL)
    with pytest.raises(errors.HighAssuranceRequiredError):
        invitation_wizard.open_wizard(lower, now=NOW, bind=bound)
    with pytest.raises(NotLoggedInError):
        invitation_wizard.open_wizard(None, now=NOW, bind=bound)


def test_someone_who_manages_no_company_gets_an_empty_list(bound: Engine) -> None:
    start = invitation_wizard.open_wizard(log_in(bound, NAIMA), now=NOW, bind=bound)
    assert start.companies == ()
    assert start.form.company_number == ""


@pytest.mark.parametrize(
    ("step", "form", "refusal", "field"),
    [
        (Step.COMPANY, WizardForm(), errors.NoCompanyChosenError, "company"),
        (Step.ROLES, complete(role_codes=()), errors.NoRoleChosenError, "roles"),
        (Step.ROLES, complete(role_codes=("nope",)), errors.UnknownRoleError, "roles"),
        (Step.VALIDITY, complete(valid_from=""), errors.RequiredFieldMissingError, "valid_from"),
        (Step.VALIDITY, complete(valid_from="31/02/2026"), errors.DateInvalidError, "valid_from"),
        (Step.VALIDITY, complete(valid_from="demain"), errors.DateInvalidError, "valid_from"),
        (
            Step.VALIDITY,
            complete(valid_from="2026-03-01"),
            errors.ValidityStartInPastError,
            "valid_from",
        ),
        (
            Step.VALIDITY,
            complete(unlimited=False, valid_until="2026-03-02"),
            errors.ValidityEndBeforeStartError,
            "valid_until",
        ),
        (
            Step.VALIDITY,
            complete(unlimited=False, valid_until=""),
            errors.RequiredFieldMissingError,
            "valid_until",
        ),
        (
            Step.PERSONS,
            complete(persons=(Invitee("Mremi", "Naïma", "naima@"),)),
            errors.InviteeEmailInvalidError,
            "email",
        ),
        (
            Step.DETAILS,
            complete(expires_on="2027-03-03"),
            errors.InvitationExpiryOutOfRangeError,
            "expires_on",
        ),
        (
            Step.DETAILS,
            complete(save=True, template_name="Rédacteurs"),
            errors.RequiredFieldMissingError,
            "template_description",
        ),
    ],
)
def test_each_step_refuses_what_its_rule_refuses_beside_the_field(
    bound: Engine, step: Step, form: WizardForm, refusal: type[Exception], field: str
) -> None:
    with pytest.raises(refusal) as raised:
        check(bound, step, form)
    assert getattr(raised.value, "field", None) == field


def test_steps_give_back_the_values_trimmed_and_the_expiry_filled_in(bound: Engine) -> None:
    assert check(bound, Step.ROLES, complete(role_codes=(WRITER, WRITER))).role_codes == (WRITER,)
    persons = check(
        bound, Step.PERSONS, complete(persons=(Invitee(" Mremi ", "Naïma", NAIMA.email),))
    )
    assert persons.persons == (NAIMA_INVITED,)
    details = check(bound, Step.DETAILS, complete(expires_on="", message="  Bonjour  "))
    assert (details.message, details.expires_on) == ("Bonjour", "02/03/2027")
    assert check(bound, Step.PERSONS, complete(persons=())).persons == ()  # the link alone


def test_only_a_company_one_manages_passes_the_first_step(bound: Engine) -> None:
    with pytest.raises(errors.NotMainAccessManagerError):
        check(bound, Step.COMPANY, complete(company_number=BLA))
    with pytest.raises(errors.NotMainAccessManagerError):
        check(bound, Step.COMPANY, complete(), session=log_in(bound, JEAN_PIERRE))
    assert check(bound, Step.COMPANY, complete()).company_number == TEST_COMPANY


def test_the_preview_shows_the_checked_invitation(bound: Engine) -> None:
    form = complete(save=True, template_name="Rédacteurs", template_description="Pour l'équipe")
    shown = invitation_wizard.preview(log_in(bound, CHLOE), form, now=NOW, bind=bound)
    assert shown == invitation_wizard.InvitationPreview(
        company="Entreprise de test",
        roles=("Rédacteur de dossiers",),
        valid_from="02/03/2026",
        valid_until="",
        persons=(NAIMA_INVITED,),
        message="Bienvenue",
        template_name="Rédacteurs",
        expires_on="01/04/2026",
    )
    assert invitations(bound) == []


def test_terminer_creates_the_invitation_mails_the_person_and_saves_the_template(
    bound: Engine,
) -> None:
    form = complete(save=True, template_name="Rédacteurs", template_description="Pour l'équipe")
    created = invitation_wizard.finish(
        log_in(bound, CHLOE), form, now=NOW, public_origin=ORIGIN, bind=bound
    )
    assert created.link == f"{ORIGIN}/roleinvitation/accept?invitation={created.id}"
    assert [i.id for i in invitations(bound)] == [created.id]
    with Session(bound) as db:
        assert len(mails_to(db, NAIMA.email)) == 1
        assert [t.name for t in db.exec(select(RoleInvitationTemplate)).all()] == ["Rédacteurs"]


@pytest.mark.parametrize(
    "forged",
    [
        complete(role_codes=()),  # step 2 skipped
        complete(valid_from="2026-02-01"),  # step 3 skipped
        complete(expires_on="2028-01-01"),  # step 5 skipped
        complete(company_number=BLA),  # a company Chloé does not manage
    ],
)
def test_a_forged_terminer_that_skips_a_step_is_refused_and_writes_nothing(
    bound: Engine, forged: WizardForm
) -> None:
    with pytest.raises(errors.CompanyError):
        invitation_wizard.finish(
            log_in(bound, CHLOE), forged, now=NOW, public_origin=ORIGIN, bind=bound
        )
    assert invitations(bound) == []


def test_terminer_below_the_eid_level_is_refused(bound: Engine) -> None:
    lower = log_in(bound, CHLOE, LevelOfAssurance.SUBSTANTIAL)
    with pytest.raises(errors.HighAssuranceRequiredError):
        invitation_wizard.finish(lower, complete(), now=NOW, public_origin=ORIGIN, bind=bound)
    assert invitations(bound) == []


def test_a_saved_invitation_starts_a_new_form_dated_from_today(bound: Engine) -> None:
    form = complete(
        unlimited=False,
        valid_until=(TODAY + timedelta(days=10)).isoformat(),
        save=True,
        template_name="Rédacteurs",
        template_description="Pour l'équipe",
    )
    chloe = log_in(bound, CHLOE)
    invitation_wizard.finish(chloe, form, now=NOW, public_origin=ORIGIN, bind=bound)
    later = NOW + timedelta(days=7)
    [saved] = saved_invitations.open_saved(
        log_in(bound, CHLOE, at=later), now=later, bind=bound
    ).saved
    assert (saved.name, saved.company, saved.roles) == (
        "Rédacteurs",
        "Entreprise de test",
        "Rédacteur de dossiers",
    )
    start = invitation_wizard.open_wizard(
        log_in(bound, CHLOE, at=later), now=later, template_id=saved.id, bind=bound
    )
    assert start.form == WizardForm(
        company_number=TEST_COMPANY,
        role_codes=(WRITER,),
        valid_from="09/03/2026",
        valid_until="19/03/2026",
        unlimited=False,
        persons=(NAIMA_INVITED,),
        message="Bienvenue",
        expires_on="09/03/2027",
    )


def test_someone_elses_saved_invitation_is_not_found(bound: Engine) -> None:
    form = complete(save=True, template_name="Rédacteurs", template_description="Pour l'équipe")
    invitation_wizard.finish(log_in(bound, CHLOE), form, now=NOW, public_origin=ORIGIN, bind=bound)
    [saved] = saved_invitations.open_saved(log_in(bound, CHLOE), now=NOW, bind=bound).saved
    naima = log_in(bound, NAIMA)
    with pytest.raises(errors.TemplateNotFoundError):
        invitation_wizard.open_wizard(naima, now=NOW, template_id=saved.id, bind=bound)
    with pytest.raises(errors.TemplateNotFoundError):
        saved_invitations.delete_saved(naima, saved.id, now=NOW, bind=bound)
    assert saved_invitations.delete_saved(log_in(bound, CHLOE), saved.id, now=NOW, bind=bound) == ()


def test_the_form_reads_back_from_its_draft() -> None:
    form = complete(
        valid_from="02/03/2026",
        unlimited=False,
        valid_until="01/04/2026",
        expires_on="01/04/2026",
        save=True,
        template_name="N",
    )
    assert form_of(draft_of(form)) == form
    assert draft_of(complete()).valid_until is None  # "Illimité"


@pytest.mark.parametrize(
    "typed", ["2/3/2026", "02/03/2026", "02.03.2026", "02-03-2026", "2026-03-02"]
)
def test_a_day_is_typed_as_the_seeds_show_it(typed: str) -> None:
    assert parse_day(typed, "valid_from", required=True) == TODAY
