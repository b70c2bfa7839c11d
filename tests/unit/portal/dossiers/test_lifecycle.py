"""The life of a dossier (seed 003, DESIGN §1.1), written out here once more by hand: every action
from every state is allowed exactly where this table says, and leads where it says."""

from __future__ import annotations

import pytest

from foundation.models.dossiers import DossierStatus as S
from portal.companies.roles import Permission
from portal.dossiers.errors import WrongStatusError
from portal.dossiers.lifecycle import TRANSITIONS, Action, next_status

# (action, from) → to; None: the dossier is deleted. Every pair not listed is refused.
EXPECTED: dict[tuple[Action, S], S | None] = {
    (Action.SAVE, S.DRAFT): S.DRAFT,
    (Action.SAVE, S.SIGNED): S.DRAFT,  # a change after signing drops the signature
    (Action.ATTACH, S.DRAFT): S.DRAFT,
    (Action.ATTACH, S.SIGNED): S.DRAFT,
    (Action.DELETE, S.DRAFT): None,
    (Action.DELETE, S.SIGNED): None,
    (Action.SIGN, S.DRAFT): S.SIGNED,
    (Action.SUBMIT, S.SIGNED): S.SUBMITTED,
    (Action.TAKE, S.SUBMITTED): S.IN_PROGRESS,
    (Action.REQUEST_COMPLEMENT, S.IN_PROGRESS): S.COMPLEMENT_REQUESTED,
    (Action.ANSWER_COMPLEMENT, S.COMPLEMENT_REQUESTED): S.SUBMITTED,
    (Action.CLOSE, S.IN_PROGRESS): S.CLOSED,
}
PERMISSIONS = {
    Action.SAVE: Permission.MODIFY,
    Action.ATTACH: Permission.MODIFY,
    Action.DELETE: Permission.DELETE,
    Action.SIGN: Permission.SIGN,
    Action.SUBMIT: Permission.SUBMIT,
    Action.ANSWER_COMPLEMENT: Permission.SUBMIT,
    Action.TAKE: None,  # the administration's
    Action.REQUEST_COMPLEMENT: None,
    Action.CLOSE: None,
}


@pytest.mark.parametrize("action", [a for a in Action if a is not Action.CREATE])
@pytest.mark.parametrize("status", list(S))
def test_each_action_from_each_state(action: Action, status: S) -> None:
    if (action, status) in EXPECTED:
        assert next_status(action, status) == EXPECTED[(action, status)]
    else:
        with pytest.raises(WrongStatusError) as refused:
            next_status(action, status)
        assert refused.value.field == action.value


@pytest.mark.parametrize("action", list(PERMISSIONS))
def test_who_may_do_each_action(action: Action) -> None:
    assert TRANSITIONS[action].permission == PERMISSIONS[action]


def test_a_closed_dossier_never_moves_again() -> None:
    assert not any(S.CLOSED in rule.origins for rule in TRANSITIONS.values())
