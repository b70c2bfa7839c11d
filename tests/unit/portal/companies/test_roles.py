"""The role catalogue and the permission matrix of DESIGN §1.1."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from foundation.models.companies import AssignmentStatus, RoleAssignment
from portal.companies.roles import (
    APPLICATIONS,
    MON_ESPACE,
    PERMISSION_LABELS,
    ROLES,
    Permission,
    can,
    filter_roles,
    matrix,
    permissions_of,
    role,
)

P = Permission
EXPECTED_MATRIX = {
    "Relecteur de dossiers": {P.READ},
    "Rédacteur de dossiers": {P.READ, P.MODIFY, P.CREATE, P.DELETE},
    "Editeur de dossiers": {P.READ, P.MODIFY, P.CREATE, P.DELETE, P.SIGN, P.SUBMIT},
    "Gestionnaire de l'espace": {P.READ, P.MANAGE_SPACE},
    "Propriétaire de l'espace": set(P),
}


def assignment(code: str, *, company: str = "0712345630", **overrides: object) -> RoleAssignment:
    values: dict[str, object] = {
        "company_number": company,
        "role_code": code,
        "national_number": "86031414204",
        "surname": "Mremi",
        "first_names": "Naïma",
        "email": "nmr@ewbs.be",
        "starts_on": date(2026, 3, 1),
        "ends_on": None,
        "status": AssignmentStatus.ACTIVE,
        "requested_at": datetime(2026, 3, 1, tzinfo=UTC),
    }
    values.update(overrides)
    return RoleAssignment.model_validate(values)


def test_the_five_mon_espace_roles_follow_the_seed_matrix() -> None:
    mon_espace = {
        r.label: set(r.permissions) for r in ROLES.values() if r.application == MON_ESPACE
    }
    assert mon_espace == EXPECTED_MATRIX


def test_picker_names_carry_the_application_prefix_of_the_seed() -> None:
    names = {r.name for r in ROLES.values() if r.application == MON_ESPACE}
    assert "Espace Personnel Wallon - Rédacteur de dossiers" in names
    assert "Espace Personnel Wallon - Propriétaire de l'espace" in names


def test_writer_descriptions_are_the_seeds() -> None:
    writer = role("monespace.writer")
    assert writer.short_description == "Créer, lire, modifier et supprimer les dossiers."
    assert writer.long_description == (
        "Créer, lire, modifier et supprimer des dossiers ainsi que les éléments, formulaires et "
        "fichiers constituant ces dossiers."
    )


def test_other_applications_roles_have_no_mon_espace_permission() -> None:
    others = [r for r in ROLES.values() if r.application != MON_ESPACE]
    assert {"EMCS", "FATCA"} <= {r.name for r in others}
    assert all(permissions_of(r.code) == frozenset() for r in others)


def test_role_codes_are_unique_across_applications() -> None:
    codes = [r.code for a in APPLICATIONS for r in a.roles]
    assert len(codes) == len(set(codes))


def test_filter_espace_keeps_the_five_mon_espace_roles_sorted() -> None:
    assert [r.label for r in filter_roles("Espace")] == [
        "Editeur de dossiers",
        "Gestionnaire de l'espace",
        "Propriétaire de l'espace",
        "Rédacteur de dossiers",
        "Relecteur de dossiers",
    ]


def test_filter_ignores_accents_and_case() -> None:
    assert [r.code for r in filter_roles("redacteur")] == ["monespace.writer"]


def test_empty_filter_lists_every_role() -> None:
    assert len(filter_roles("")) == len(ROLES)


def test_unknown_role_code_has_no_permission() -> None:
    assert permissions_of("gone.role") == frozenset()
    with pytest.raises(KeyError):
        role("gone.role")


def test_matrix_has_one_column_per_seed_permission() -> None:
    assert list(PERMISSION_LABELS.values()) == [
        "Lire", "Modifier", "Créer", "Supprimer", "Signer", "Soumettre", "Gérer Espace",
    ]  # fmt: skip
    rows = {r.label: ticks for r, ticks in matrix()}
    assert rows["Relecteur de dossiers"] == (True, False, False, False, False, False, False)
    assert rows["Propriétaire de l'espace"] == (True,) * 7


def test_writer_can_modify_but_not_submit() -> None:
    mine = [assignment("monespace.writer")]
    assert can(mine, "0712345630", P.MODIFY, on=date(2026, 3, 2))
    assert not can(mine, "0712345630", P.SUBMIT, on=date(2026, 3, 2))


def test_role_in_one_company_gives_nothing_in_another() -> None:
    mine = [assignment("monespace.space_owner")]
    assert not can(mine, "0845059050", P.READ, on=date(2026, 3, 2))


@pytest.mark.parametrize(
    "status",
    [
        AssignmentStatus.REQUESTED,
        AssignmentStatus.REJECTED,
        AssignmentStatus.SUSPENDED,
        AssignmentStatus.STOPPED,
        AssignmentStatus.EXPIRED,
    ],
)
def test_assignment_not_active_gives_nothing(status: AssignmentStatus) -> None:
    mine = [assignment("monespace.space_owner", status=status)]
    assert not can(mine, "0712345630", P.READ, on=date(2026, 3, 2))


def test_approved_assignment_gives_nothing_before_its_start_date() -> None:
    mine = [assignment("monespace.reader", starts_on=date(2026, 4, 1))]
    assert not can(mine, "0712345630", P.READ, on=date(2026, 3, 31))
    assert can(mine, "0712345630", P.READ, on=date(2026, 4, 1))


def test_assignment_gives_nothing_after_its_end_date_even_before_the_job_runs() -> None:
    mine = [assignment("monespace.reader", ends_on=date(2026, 3, 10))]
    assert can(mine, "0712345630", P.READ, on=date(2026, 3, 10))
    assert not can(mine, "0712345630", P.READ, on=date(2026, 3, 11))
