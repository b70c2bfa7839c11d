"""Assignments stop on their own at their end date (the hourly job): "Expiré(e)" by
"Automatique" in their history, and an e-mail to the person who loses the role."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select, update

from foundation.mail_outbox import enqueue
from foundation.models.companies import AssignmentStatus, Company, RoleAssignment
from portal.companies import history, mails
from portal.companies.dates import shown, today
from portal.companies.decisions import role_label

# A request never approved expires too: it could no longer be granted for its period.
ENDING = (AssignmentStatus.REQUESTED, AssignmentStatus.ACTIVE, AssignmentStatus.SUSPENDED)
HELD = (AssignmentStatus.ACTIVE, AssignmentStatus.SUSPENDED)


def stop_ended_assignments(db: Session, now: datetime) -> int:
    """Marks expired every assignment whose last day (``ends_on``) is over in Belgium; returns
    how many. Each change is conditional on the status read, so a decision taken meanwhile is
    not overwritten and a second run finds nothing."""
    ended = db.exec(
        select(RoleAssignment).where(
            col(RoleAssignment.status).in_(ENDING),
            col(RoleAssignment.ends_on).is_not(None),
            col(RoleAssignment.ends_on) < today(now),
        )
    ).all()
    stopped = 0
    for assignment in ended:
        assert assignment.id is not None
        assert assignment.ends_on is not None
        was = assignment.status
        result = db.exec(
            update(RoleAssignment)
            .where(col(RoleAssignment.id) == assignment.id, col(RoleAssignment.status) == was)
            .values(status=AssignmentStatus.EXPIRED)
        )
        if result.rowcount != 1:
            continue
        stopped += 1
        history.record(db, assignment.id, history.EXPIRED, by=None, at=now)
        if was in HELD:
            company = db.get(Company, assignment.company_number)
            enqueue(
                db,
                mails.role_expired(
                    to=assignment.email,
                    role=role_label(assignment.role_code),
                    company=company.name if company is not None else assignment.company_number,
                    ended_on=shown(assignment.ends_on),
                ),
                now=now,
            )
    return stopped
