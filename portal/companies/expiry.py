"""Assignments stop on their own at their end date (the hourly job): "Expiré(e)" by
"Automatique" in their history, and an e-mail to the person who loses the role. Fourteen days
before that last day, the person is warned by e-mail, once per end date."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, col, select, update

from foundation import routes
from foundation.mail_outbox import enqueue
from foundation.models.companies import AssignmentStatus, Company, RoleAssignment
from portal.companies import assignment_mails, history, mails
from portal.companies.dates import shown, today
from portal.companies.decisions import role_label
from portal.companies.mail_language import recipient_language

# A request never approved expires too: it could no longer be granted for its period.
ENDING = (
    AssignmentStatus.REQUESTED,
    AssignmentStatus.ACTIVE,
    AssignmentStatus.SUSPENDED,
    AssignmentStatus.DEACTIVATED,
)
HELD = (AssignmentStatus.ACTIVE, AssignmentStatus.SUSPENDED, AssignmentStatus.DEACTIVATED)
# Warned before the end: those who hold the role, even deactivated for a while, not a stopped one.
WARNED = (AssignmentStatus.ACTIVE, AssignmentStatus.DEACTIVATED)
NOTICE = timedelta(days=14)


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
                    language=recipient_language(db, national_number=assignment.national_number),
                    role=role_label(assignment.role_code),
                    company=company.name if company is not None else assignment.company_number,
                    ended_on=shown(assignment.ends_on),
                ),
                now=now,
            )
    return stopped


def warn_ending_assignments(db: Session, now: datetime, *, public_origin: str) -> int:
    """E-mails each person whose assignment ends within 14 days (its last day from today to 14
    days ahead); returns how many. Once per end date: ``ending_notice_for`` is set by a
    conditional UPDATE in the same transaction as the e-mail, so a second run sends nothing,
    and a new end date set later gets its own notice."""
    on = today(now)
    due = db.exec(
        select(RoleAssignment).where(
            col(RoleAssignment.status).in_(WARNED),
            col(RoleAssignment.ends_on).is_not(None),
            col(RoleAssignment.ends_on) >= on,
            col(RoleAssignment.ends_on) <= on + NOTICE,
            (col(RoleAssignment.ending_notice_for).is_(None))
            | (col(RoleAssignment.ending_notice_for) != col(RoleAssignment.ends_on)),
        )
    ).all()
    warned = 0
    for assignment in due:
        assert assignment.ends_on is not None
        result = db.exec(
            update(RoleAssignment)
            .where(
                col(RoleAssignment.id) == assignment.id,
                col(RoleAssignment.ends_on) == assignment.ends_on,
                col(RoleAssignment.status).in_(WARNED),
                (col(RoleAssignment.ending_notice_for).is_(None))
                | (col(RoleAssignment.ending_notice_for) != assignment.ends_on),
            )
            .values(ending_notice_for=assignment.ends_on)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:
            continue
        warned += 1
        company = db.get(Company, assignment.company_number)
        enqueue(
            db,
            assignment_mails.role_ending(
                to=assignment.email,
                language=recipient_language(db, national_number=assignment.national_number),
                role=role_label(assignment.role_code),
                company=company.name if company is not None else assignment.company_number,
                ends_on=shown(assignment.ends_on),
                assignments_url=f"{public_origin}{routes.MY_ROLE_ASSIGNMENTS}",
            ),
            now=now,
        )
    return warned
