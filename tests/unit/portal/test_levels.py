"""The one table of minimum levels (DESIGN §2), what each key reaches with it, and the services
that read it: the dossiers' permissions and role management follow the table, not a copy."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from foundation import routes
from foundation.models.session import UserSession
from identity.assurance import LevelOfAssurance
from identity.registry import default_registry
from portal import levels
from portal.companies import access
from portal.companies.errors import HighAssuranceRequiredError
from portal.companies.roles import Permission
from portal.dossiers import permissions
from portal.dossiers.errors import EidRequiredError, SubstantialLevelRequiredError
from portal.levels import Gate, LevelTooLowError
from tests.unit.portal.visitors import NOW

LOW, SUBSTANTIAL, HIGH = LevelOfAssurance.LOW, LevelOfAssurance.SUBSTANTIAL, LevelOfAssurance.HIGH


def session_at(level: LevelOfAssurance) -> UserSession:
    return UserSession(
        id="s",
        national_number="85010112345",
        surname="Mremi",
        first_names="Naïma",
        birth_date="1985-01-01",
        key_kind="test",
        level=int(level),
        created_at=NOW,
        authenticated_at=NOW,
        last_seen_at=NOW,
        expires_at=NOW + timedelta(hours=8),
    )


def test_every_gate_has_its_row() -> None:
    assert set(levels.MINIMUM_LEVEL) == set(Gate)


def test_the_table_says_what_the_issue_asks() -> None:
    needs = levels.minimum_level
    # Spaces with personal data: substantial.
    for gate in (Gate.CITIZEN_SPACE, Gate.TEACHING_SPACE, Gate.ACCOUNT, Gate.DOSSIER_READ):
        assert needs(gate) is SUBSTANTIAL, gate
    # Initiating, signing, submitting a dossier and role management: high.
    for gate in (Gate.DOSSIER_CREATE, Gate.DOSSIER_SIGN, Gate.DOSSIER_SUBMIT):
        assert needs(gate) is HIGH, gate
    assert needs(Gate.ROLE_MANAGEMENT) is HIGH
    # Where every login lands, and where a weak key learns how to reach a higher level.
    assert needs(Gate.MY_SPACES) is LOW
    assert needs(Gate.MY_KEYS) is LOW


def test_which_keys_open_the_spaces_with_personal_data() -> None:
    reaching = {
        d.kind
        for _, group in default_registry().grouped()
        for d in group
        if levels.reaches(d.level, Gate.CITIZEN_SPACE)
    }
    # eIDAS at the level its node asserts: at least substantial is asked of the node.
    assert reaching == {"eid", "itsme", "totp", "sms_code", "paper_token", "eidas"}
    assert not levels.reaches(LOW, Gate.CITIZEN_SPACE)  # username + password, the e-mail code


def test_a_level_below_the_gates_is_refused_with_the_level_it_needs() -> None:
    levels.require_level(SUBSTANTIAL, Gate.TEACHING_SPACE)
    levels.require_level(LOW, Gate.MY_SPACES)
    with pytest.raises(LevelTooLowError) as refused:
        levels.require_level(LOW, Gate.TEACHING_SPACE)
    assert (refused.value.gate, refused.value.required) == (Gate.TEACHING_SPACE, SUBSTANTIAL)
    with pytest.raises(LevelTooLowError) as refused:
        levels.require_level(SUBSTANTIAL, Gate.ROLE_MANAGEMENT)
    assert refused.value.required is HIGH


def test_a_space_is_read_by_its_name_and_an_unknown_name_as_the_citizens() -> None:
    assert levels.space_gate("enseignement") is Gate.TEACHING_SPACE
    assert levels.space_gate("citoyen") is Gate.CITIZEN_SPACE
    assert levels.space_gate("../roles") is Gate.CITIZEN_SPACE


def test_the_step_up_names_the_level_and_the_page_to_come_back_to() -> None:
    back = "/dossier?reference=ME-2026-000001"
    url = urlsplit(levels.step_up(back, SUBSTANTIAL))
    assert url.path == routes.LOGIN_THEN
    assert parse_qs(url.query) == {"suite": [back], routes.LEVEL_PARAMETER: ["substantiel"]}
    for level in LevelOfAssurance:
        assert levels.level_named(levels.LEVEL_WORDS[level]) is level
    assert levels.level_named("maximal") is None


def test_the_dossiers_permissions_follow_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    for permission in Permission:
        needed = levels.minimum_level(permissions.gate_of(permission))
        permissions.require_level(session_at(needed), permission, NOW)
        if needed is LOW:
            continue
        below = LevelOfAssurance(needed - 1)
        refusal = EidRequiredError if needed is HIGH else SubstantialLevelRequiredError
        with pytest.raises(refusal):
            permissions.require_level(session_at(below), permission, NOW)
    # One table: lowering a row there is what lets a lower session read.
    lowered = dict(levels.MINIMUM_LEVEL) | {Gate.DOSSIER_READ: LOW}
    monkeypatch.setattr(levels, "MINIMUM_LEVEL", lowered)
    permissions.require_level(session_at(LOW), Permission.READ, NOW)


def test_role_management_follows_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    access.require_high_assurance(session_at(HIGH), NOW)
    with pytest.raises(HighAssuranceRequiredError):
        access.require_high_assurance(session_at(SUBSTANTIAL), NOW)
    lowered = dict(levels.MINIMUM_LEVEL) | {Gate.ROLE_MANAGEMENT: SUBSTANTIAL}
    monkeypatch.setattr(levels, "MINIMUM_LEVEL", lowered)
    access.require_high_assurance(session_at(SUBSTANTIAL), NOW)
