"""A dossier's life (seed 003, DESIGN §1.1), one rule per action: the states it may start from,
the state it leads to, and who may do it (a permission of the role matrix, or the
administration).

Brouillon → Signé → Introduit → En cours de traitement → (Complément demandé → Introduit) →
Clôturé. Changing a signed dossier brings it back to Brouillon: the signature covered what was
there, not what comes after.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from foundation.models.dossiers import DossierStatus
from portal.companies.roles import Permission
from portal.dossiers.errors import WrongStatusError

S = DossierStatus


class Action(StrEnum):
    CREATE = "create"
    SAVE = "save"
    ATTACH = "attach"
    DELETE = "delete"
    SIGN = "sign"
    SUBMIT = "submit"
    ANSWER_COMPLEMENT = "answer_complement"
    TAKE = "take"
    REQUEST_COMPLEMENT = "request_complement"
    CLOSE = "close"


@dataclass(frozen=True, slots=True)
class Rule:
    origins: frozenset[DossierStatus]
    target: DossierStatus | None  # None: the dossier is gone (deleted)
    permission: Permission | None  # None: the administration's own action


TRANSITIONS: dict[Action, Rule] = {
    Action.SAVE: Rule(frozenset({S.DRAFT, S.SIGNED}), S.DRAFT, Permission.MODIFY),
    Action.ATTACH: Rule(frozenset({S.DRAFT, S.SIGNED}), S.DRAFT, Permission.MODIFY),
    Action.DELETE: Rule(frozenset({S.DRAFT, S.SIGNED}), None, Permission.DELETE),
    Action.SIGN: Rule(frozenset({S.DRAFT}), S.SIGNED, Permission.SIGN),
    Action.SUBMIT: Rule(frozenset({S.SIGNED}), S.SUBMITTED, Permission.SUBMIT),
    Action.ANSWER_COMPLEMENT: Rule(
        frozenset({S.COMPLEMENT_REQUESTED}), S.SUBMITTED, Permission.SUBMIT
    ),
    Action.TAKE: Rule(frozenset({S.SUBMITTED}), S.IN_PROGRESS, None),
    Action.REQUEST_COMPLEMENT: Rule(frozenset({S.IN_PROGRESS}), S.COMPLEMENT_REQUESTED, None),
    Action.CLOSE: Rule(frozenset({S.IN_PROGRESS}), S.CLOSED, None),
}
# Creating has no origin: its permission and its first state.
CREATE_PERMISSION = Permission.CREATE
FIRST_STATUS = S.DRAFT


def rule(action: Action) -> Rule:
    return TRANSITIONS[action]


def next_status(action: Action, status: str) -> DossierStatus | None:
    """The state ``action`` leads to from ``status``; ``WrongStatusError`` when it cannot."""
    found = TRANSITIONS[action]
    if status not in found.origins:
        raise WrongStatusError(f"{action.value} from {status}", field=action.value)
    return found.target


def possible(action: Action, status: str) -> bool:
    return status in TRANSITIONS[action].origins
