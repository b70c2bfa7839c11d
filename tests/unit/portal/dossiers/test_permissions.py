"""The role matrix of seeds 001/002, cell by cell, through the service that guards every
dossier action; and the levels of assurance."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session

from foundation.models.companies import AssignmentStatus
from identity.assurance import LevelOfAssurance
from portal.companies.roles import Permission
from portal.dossiers import permissions
from portal.dossiers.errors import (
    EidRequiredError,
    RoleRequiredError,
    SpaceNotAllowedError,
    SubstantialLevelRequiredError,
)
from portal.dossiers.places import Place
from tests.unit.portal.dossiers.dossier_world import (
    NAIMA,
    NOW,
    PEOPLE,
    TEST_COMPANY,
    TODAY,
    add_company,
    eid_session,
    give_role,
    make_teacher,
    session_of,
)

P = Permission
# DESIGN §1.1, read straight from the seeds' table.
MATRIX = {
    "reader": {P.READ},
    "writer": {P.READ, P.MODIFY, P.CREATE, P.DELETE},
    "editor": {P.READ, P.MODIFY, P.CREATE, P.DELETE, P.SIGN, P.SUBMIT},
    "space_manager": {P.READ, P.MANAGE_SPACE},
    "space_owner": set(P),
}
COMPANY = Place.company(TEST_COMPANY)


@pytest.fixture
def company_db(db: Session) -> Session:
    add_company(db)
    for role, person in PEOPLE.items():
        give_role(db, person, role)
    return db


@pytest.mark.parametrize("role", MATRIX)
@pytest.mark.parametrize("permission", list(P))
def test_each_cell_of_the_matrix(company_db: Session, role: str, permission: Permission) -> None:
    session = eid_session(PEOPLE[role])
    if permission in MATRIX[role]:
        permissions.require(company_db, session, COMPANY, permission, NOW)
    else:
        with pytest.raises(RoleRequiredError) as refused:
            permissions.require(company_db, session, COMPANY, permission, NOW)
        assert refused.value.field == permission.value
        # The refusal names the roles that would allow it.
        assert "Propriétaire de l'espace" in refused.value.roles


def test_a_refusal_names_exactly_the_roles_that_allow_it() -> None:
    assert permissions.roles_allowing(P.SIGN) == "Editeur de dossiers ou Propriétaire de l'espace"
    assert permissions.roles_allowing(P.MANAGE_SPACE) == (
        "Gestionnaire de l'espace ou Propriétaire de l'espace"
    )


@pytest.mark.parametrize("permission", list(P))
def test_no_role_no_entry(company_db: Session, permission: Permission) -> None:
    with pytest.raises(SpaceNotAllowedError):
        permissions.require(company_db, eid_session(NAIMA), COMPANY, permission, NOW)


@pytest.mark.parametrize(
    "status", [AssignmentStatus.SUSPENDED, AssignmentStatus.DEACTIVATED, AssignmentStatus.EXPIRED]
)
@pytest.mark.parametrize("permission", list(P))
def test_a_suspended_or_expired_role_allows_nothing(
    db: Session, status: AssignmentStatus, permission: Permission
) -> None:
    add_company(db)
    give_role(db, PEOPLE["space_owner"], "space_owner", status=status)
    with pytest.raises(SpaceNotAllowedError):
        permissions.require(db, eid_session(PEOPLE["space_owner"]), COMPANY, permission, NOW)


def test_a_role_past_its_end_date_stops_before_the_hourly_job(db: Session) -> None:
    add_company(db)
    give_role(db, PEOPLE["editor"], "editor", ends_on=TODAY - timedelta(days=1))
    with pytest.raises(SpaceNotAllowedError):
        permissions.require(db, eid_session(PEOPLE["editor"]), COMPANY, P.READ, NOW)


def test_a_role_not_started_yet_allows_nothing(db: Session) -> None:
    add_company(db)
    give_role(db, PEOPLE["editor"], "editor", starts_on=TODAY + timedelta(days=1))
    assert permissions.permissions_in(db, eid_session(PEOPLE["editor"]), COMPANY, NOW) == set()


def test_stopping_a_role_counts_at_the_next_action(company_db: Session) -> None:
    writer = eid_session(PEOPLE["writer"])
    permissions.require(company_db, writer, COMPANY, P.MODIFY, NOW)
    row = permissions.assignments_of(company_db, PEOPLE["writer"].national_number, TEST_COMPANY)[0]
    row.status = AssignmentStatus.SUSPENDED
    company_db.add(row)
    company_db.flush()
    with pytest.raises(SpaceNotAllowedError):
        permissions.require(company_db, writer, COMPANY, P.MODIFY, NOW)


def test_roles_of_another_company_do_not_count(company_db: Session) -> None:
    add_company(company_db, "0845059050", "BLA")
    other = Place.company("0845059050")
    with pytest.raises(SpaceNotAllowedError):
        permissions.require(company_db, eid_session(PEOPLE["space_owner"]), other, P.READ, NOW)


@pytest.mark.parametrize("permission", [P.CREATE, P.SIGN, P.SUBMIT])
def test_initiating_signing_submitting_need_the_eid(
    company_db: Session, permission: Permission
) -> None:
    session = session_of(PEOPLE["space_owner"], level=LevelOfAssurance.SUBSTANTIAL)
    with pytest.raises(EidRequiredError):
        permissions.require(company_db, session, COMPANY, permission, NOW)


def test_reading_with_a_substantial_key_is_allowed(company_db: Session) -> None:
    session = session_of(PEOPLE["reader"], level=LevelOfAssurance.SUBSTANTIAL)
    permissions.require(company_db, session, COMPANY, P.READ, NOW)


def test_a_low_key_reads_no_dossier(db: Session) -> None:
    session = session_of(NAIMA, level=LevelOfAssurance.LOW)
    with pytest.raises(SubstantialLevelRequiredError):
        permissions.require(db, session, Place.personal("citoyen"), P.READ, NOW)


def test_own_space_everything_but_managing(db: Session) -> None:
    session = eid_session(NAIMA)
    place = Place.personal("citoyen")
    assert permissions.permissions_in(db, session, place, NOW) == set(P) - {P.MANAGE_SPACE}
    with pytest.raises(SpaceNotAllowedError):
        permissions.require(db, session, place, P.MANAGE_SPACE, NOW)


def test_the_teaching_space_is_for_teaching_staff_only(db: Session) -> None:
    place = Place.personal("enseignement")
    with pytest.raises(SpaceNotAllowedError):
        permissions.require(db, eid_session(NAIMA), place, P.READ, NOW)
    make_teacher(db, NAIMA)
    permissions.require(db, eid_session(NAIMA), place, P.READ, NOW)


def test_an_ended_session_is_refused(company_db: Session) -> None:
    from portal.dossiers.errors import DossierSessionEndedError

    session = eid_session(PEOPLE["reader"])
    with pytest.raises(DossierSessionEndedError):
        permissions.require(company_db, session, COMPANY, P.READ, NOW + timedelta(hours=9))
