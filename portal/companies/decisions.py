"""What follows a GAP's decision on a request: the history lines and the e-mails."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from foundation import routes
from foundation.mail_outbox import enqueue
from foundation.models.companies import Company, RoleAssignment
from foundation.models.session import UserSession
from portal.companies import history, mails
from portal.companies.access import RoleManager, caller_name
from portal.companies.dates import validity
from portal.companies.mail_language import recipient_language
from portal.companies.roles import find_role


def role_label(code: str) -> str:
    role = find_role(code)
    return role.label if role is not None else code


def _company_name(db: Session, number: str) -> str:
    company = db.get(Company, number)
    return company.name if company is not None else number


def announce_approval(
    db: Session,
    session: UserSession,
    assignment: RoleAssignment,
    gap: RoleManager,
    now: datetime,
    public_origin: str,
) -> None:
    """The seed's two lines, "approuvée" by the approver then "octroyée" by the portal; the
    person and the approver (the GAP or a role administrator) are told."""
    assert assignment.id is not None
    history.record(db, assignment.id, history.APPROVED, by=session, at=now)
    history.record(db, assignment.id, history.GRANTED, by=None, at=now)
    label = role_label(assignment.role_code)
    company = _company_name(db, assignment.company_number)
    enqueue(
        db,
        mails.role_granted(
            to=assignment.email,
            language=recipient_language(
                db, national_number=assignment.national_number, actor=session
            ),
            role=label,
            company=company,
            assignments_url=f"{public_origin}{routes.MY_ROLE_ASSIGNMENTS}",
        ),
        now=now,
    )
    language = recipient_language(db, national_number=gap.national_number, actor=session)
    enqueue(
        db,
        mails.role_granted_to_gap(
            to=gap.email,
            language=language,
            role=label,
            person=f"{assignment.first_names} {assignment.surname}",
            company=company,
            validity=validity(language, assignment.starts_on, assignment.ends_on),
            management_url=f"{public_origin}{routes.ROLE_MANAGEMENT}",
        ),
        now=now,
    )


def announce_rejection(
    db: Session, session: UserSession, assignment: RoleAssignment, now: datetime, public_origin: str
) -> None:
    assert assignment.id is not None
    history.record(db, assignment.id, history.REJECTED, by=session, at=now)
    enqueue(
        db,
        mails.role_rejected(
            to=assignment.email,
            language=recipient_language(
                db, national_number=assignment.national_number, actor=session
            ),
            role=role_label(assignment.role_code),
            company=_company_name(db, assignment.company_number),
            reason=assignment.reject_reason or "",
            approver=caller_name(session),
            assignments_url=f"{public_origin}{routes.MY_ROLE_ASSIGNMENTS}",
        ),
        now=now,
    )
