"""The changes of an assignment's status on its detail page (seed 001 "Suspendre l'ancien rôle"):
"Modifier la date d'expiration", "Arrêter", "Désactiver temporairement", "Recommencer".

``TABLE`` is the whole rule, as data: for each action and each status, the status it leads to or
the refusal that says why not. Each action is one conditional UPDATE on the status (and the end
date) read before, so of two managers acting at once on one assignment only one succeeds; the
other is told why, from the status it finds. Each success writes the history lines of the seed
and sends the person the seed's e-mail (role, validity, company, approver).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from sqlmodel import Session, col, update

from foundation import routes
from foundation.i18n.catalog import text
from foundation.mail_outbox import enqueue
from foundation.models.companies import AssignmentStatus, Company, RoleAssignment
from foundation.models.session import UserSession
from portal.companies import assignment_errors as e
from portal.companies import assignment_mails, history
from portal.companies.access import caller_name, require_high_assurance, require_role_manager
from portal.companies.dates import shown, today
from portal.companies.decisions import role_label
from portal.companies.mail_language import recipient_language


class Action(StrEnum):
    MODIFY_END = "modify_end"  # "Modifier la date d'expiration"
    STOP = "stop"  # "Arrêter"
    DEACTIVATE = "deactivate"  # "Désactiver temporairement"
    RESTART = "restart"  # "Recommencer"


S = AssignmentStatus
Outcome = AssignmentStatus | type[e.AssignmentStateError]
# Why nothing can be done, whatever the action, from the statuses no action leaves.
_CLOSED: Mapping[AssignmentStatus, Outcome] = {
    S.REQUESTED: e.AssignmentStillRequestedError,
    S.REJECTED: e.AssignmentRejectedError,
    S.EXPIRED: e.AssignmentExpiredError,
    S.STOPPED: e.AssignmentEndedError,
}
TABLE: Mapping[Action, Mapping[AssignmentStatus, Outcome]] = {
    Action.MODIFY_END: {
        **_CLOSED,
        S.ACTIVE: S.ACTIVE,
        S.DEACTIVATED: S.DEACTIVATED,
        S.SUSPENDED: e.AssignmentSuspendedError,
    },
    Action.STOP: {
        **_CLOSED,
        S.ACTIVE: S.SUSPENDED,
        S.DEACTIVATED: S.SUSPENDED,
        S.SUSPENDED: e.AssignmentSuspendedError,
    },
    Action.DEACTIVATE: {
        **_CLOSED,
        S.ACTIVE: S.DEACTIVATED,
        S.DEACTIVATED: e.AssignmentAlreadyDeactivatedError,
        S.SUSPENDED: e.AssignmentSuspendedError,
    },
    Action.RESTART: {
        **_CLOSED,
        S.ACTIVE: e.AssignmentAlreadyActiveError,
        S.DEACTIVATED: S.ACTIVE,
        S.SUSPENDED: S.ACTIVE,
    },
}


@dataclass(frozen=True, slots=True)
class Wording:
    """The history lines (by the manager, then by "Automatique" if any); the e-mail's line is
    ``mail.role_change.<action>`` in the text catalogues, in the person's language."""

    asked: str
    approved: str
    automatic: str | None


WORDING: Mapping[Action, Wording] = {
    Action.MODIFY_END: Wording(
        "Modification de la date d'expiration demandée",
        "Modification de la date d'expiration approuvée",
        None,
    ),
    Action.STOP: Wording("Suspension demandée", "Suspension approuvée", "Archivé(e)"),
    Action.DEACTIVATE: Wording(
        "Désactivation temporaire demandée", "Désactivation temporaire approuvée", None
    ),
    Action.RESTART: Wording("Réactivation demandée", "Réactivation approuvée", None),
}


def outcome(action: Action, status: str) -> AssignmentStatus:
    """The status ``action`` leads to from ``status``; raises the refusal of the table."""
    result = TABLE[action][AssignmentStatus(status)]
    if isinstance(result, AssignmentStatus):
        return result
    raise result(f"{action.value} from {status}")


def allowed_actions(status: str) -> tuple[Action, ...]:
    """The actions the detail page offers for an assignment in ``status``, in the seed's order."""
    return tuple(a for a in Action if isinstance(TABLE[a][AssignmentStatus(status)], S))


def _checked_end(assignment: RoleAssignment, ends_on: date | None, on: date) -> date | None:
    if ends_on == assignment.ends_on:
        raise e.EndDateUnchangedError(str(ends_on))
    if ends_on is not None and ends_on < on:
        raise e.EndDateInPastError(ends_on.isoformat())
    if ends_on is not None and ends_on <= assignment.starts_on:
        raise e.EndDateBeforeStartError(ends_on.isoformat())
    return ends_on


def _apply(
    db: Session,
    session: UserSession,
    assignment_id: int,
    action: Action,
    now: datetime,
    public_origin: str,
    new_end: date | None = None,
) -> RoleAssignment:
    require_high_assurance(session, now)
    assignment = db.get(RoleAssignment, assignment_id)
    if assignment is None:
        raise e.AssignmentNotFoundError(str(assignment_id))
    require_role_manager(db, session, assignment.company_number, now)
    read_status, read_end = assignment.status, assignment.ends_on
    target = outcome(action, read_status)
    ends_on = read_end
    details = ""
    if action is Action.MODIFY_END:
        ends_on = _checked_end(assignment, new_end, today(now))
        details = f"Date de fin : {shown(ends_on)} (auparavant : {shown(read_end)})"
    elif action is Action.RESTART and read_end is not None and read_end < today(now):
        raise e.AssignmentEndDatePassedError(str(assignment_id))
    same_end = (
        col(RoleAssignment.ends_on).is_(None)
        if read_end is None
        else col(RoleAssignment.ends_on) == read_end
    )
    result = db.exec(
        update(RoleAssignment)
        .where(
            col(RoleAssignment.id) == assignment_id,
            col(RoleAssignment.status) == read_status,
            same_end,
        )
        .values(status=target, ends_on=ends_on)
        .execution_options(synchronize_session=False)
    )
    db.refresh(assignment)
    if result.rowcount != 1:
        outcome(action, assignment.status)  # the refusal of the status found, if it has one
        raise e.AssignmentChangedMeanwhileError(str(assignment_id))
    _announce(db, session, assignment, action, details, now, public_origin)
    return assignment


def _announce(
    db: Session,
    session: UserSession,
    assignment: RoleAssignment,
    action: Action,
    details: str,
    now: datetime,
    public_origin: str,
) -> None:
    assert assignment.id is not None
    wording = WORDING[action]
    history.record(db, assignment.id, wording.asked, by=session, at=now)
    history.record(db, assignment.id, wording.approved, by=session, at=now, details=details)
    if wording.automatic is not None:
        history.record(db, assignment.id, wording.automatic, by=None, at=now)
    company = db.get(Company, assignment.company_number)
    language = recipient_language(db, national_number=assignment.national_number, actor=session)
    end = (
        text(language, "mail.role_change.permanent")
        if assignment.ends_on is None
        else shown(assignment.ends_on)
    )
    enqueue(
        db,
        assignment_mails.role_changed(
            to=assignment.email,
            language=language,
            role=role_label(assignment.role_code),
            change=text(language, f"mail.role_change.{action.value}"),
            validity=f"{shown(assignment.starts_on)} - {end}",
            company=company.name if company is not None else assignment.company_number,
            company_number=assignment.company_number,
            approver=caller_name(session),
            assignments_url=f"{public_origin}{routes.MY_ROLE_ASSIGNMENTS}",
        ),
        now=now,
    )


def modify_end_date(
    db: Session,
    session: UserSession,
    assignment_id: int,
    ends_on: date | None,
    now: datetime,
    *,
    public_origin: str,
) -> RoleAssignment:
    """ "Modifier la date d'expiration": a last day from today on, after the start, or None
    ("Illimité"); the status stays."""
    return _apply(db, session, assignment_id, Action.MODIFY_END, now, public_origin, ends_on)


def stop(
    db: Session, session: UserSession, assignment_id: int, now: datetime, *, public_origin: str
) -> RoleAssignment:
    """ "Arrêter" (after the page's confirmation): "Suspendu(e)", archived by "Automatique"."""
    return _apply(db, session, assignment_id, Action.STOP, now, public_origin)


def deactivate(
    db: Session, session: UserSession, assignment_id: int, now: datetime, *, public_origin: str
) -> RoleAssignment:
    """ "Désactiver temporairement": no permission until "Recommencer"."""
    return _apply(db, session, assignment_id, Action.DEACTIVATE, now, public_origin)


def restart(
    db: Session, session: UserSession, assignment_id: int, now: datetime, *, public_origin: str
) -> RoleAssignment:
    """ "Recommencer": active again, unless its end date has passed meanwhile."""
    return _apply(db, session, assignment_id, Action.RESTART, now, public_origin)


ACTIONS = {
    Action.STOP: stop,
    Action.DEACTIVATE: deactivate,
    Action.RESTART: restart,
}
