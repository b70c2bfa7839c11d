""" "Mes tâches ouvertes" (seed 001 sub-step 3, seed 002 §3.2.2): the requests waiting for the
GAP of their company, and the GAP's decision on each one.

A decision is one conditional UPDATE (``status = 'requested'``, invitation not withdrawn) whose
row count says whether this caller made it: two GAP sessions approving the same request at once
give one assignment and one refusal, never two grants, whatever the database.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, col, select, update

from foundation.models.companies import (
    AssignmentStatus,
    Company,
    RoleAssignment,
    RoleInvitation,
)
from foundation.models.session import UserSession
from portal.companies import errors, history
from portal.companies.access import (
    RoleManager,
    managed_company_numbers,
    require_high_assurance,
    require_role_manager,
)
from portal.companies.checks import required_text
from portal.companies.decisions import announce_approval, announce_rejection
from portal.companies.listing import one_page, searched
from portal.companies.roles import filter_roles, find_role

PER_PAGE = 10
REASON_MAX = 2000


@dataclass(frozen=True, slots=True)
class OpenRequest:
    """One row of the seed's table, with what "Visualiser et évaluer" shows besides."""

    assignment_id: int
    user: str  # "Naïma Mremi"
    email: str
    role: str  # "Attribuer : Rédacteur de dossiers"
    role_label: str
    role_description: str  # the short one, shown as "(Créer, lire, …)"
    company_number: str
    company: str
    starts_on: date  # "Date de début"
    ends_on: date | None  # "Date d'échéance"; None: "Illimité"
    requested_at: datetime  # "Date de la demande"
    invitation_revoked: bool  # may still be rejected, not approved
    message: str = ""  # the requester's own words, on "Visualiser et évaluer" only


@dataclass(frozen=True, slots=True)
class RequestPage:
    rows: tuple[OpenRequest, ...]
    total: int  # "Aperçu des tâches en suspens (n)"
    page: int  # 1-based, within 1..pages
    pages: int  # at least 1, for Premier / Précédent / 1 2 3 / Suivant / Dernier


def _managed_requests(national_number: str) -> Any:
    """Requests of the companies this person manages (as current GAP or role administrator),
    with the company's name and the invitation's withdrawal date."""
    return (
        select(RoleAssignment, Company.name, RoleInvitation.revoked_at)
        .join(Company, col(Company.number) == RoleAssignment.company_number)
        .outerjoin(RoleInvitation, col(RoleInvitation.id) == RoleAssignment.invitation_id)
        .where(
            col(RoleAssignment.status) == AssignmentStatus.REQUESTED,
            col(RoleAssignment.company_number).in_(managed_company_numbers(national_number)),
        )
    )


def _company_or_role(needle: str) -> list[Any]:
    return [
        func.lower(col(Company.name)).contains(needle),
        col(RoleAssignment.company_number).contains(needle.replace(".", "")),
        col(RoleAssignment.role_code).in_([r.code for r in filter_roles(needle)]),
    ]


def _row(assignment: RoleAssignment, company: str, revoked_at: datetime | None) -> OpenRequest:
    assert assignment.id is not None
    role = find_role(assignment.role_code)
    label = role.label if role is not None else assignment.role_code
    return OpenRequest(
        assignment_id=assignment.id,
        user=f"{assignment.first_names} {assignment.surname}",
        email=assignment.email,
        role=f"Attribuer : {label}",
        role_label=label,
        role_description=role.short_description if role is not None else "",
        company_number=assignment.company_number,
        company=company,
        starts_on=assignment.starts_on,
        ends_on=assignment.ends_on,
        requested_at=assignment.requested_at,
        invitation_revoked=revoked_at is not None,
    )


def open_requests(
    db: Session,
    session: UserSession,
    search: str = "",
    page: int = 1,
    per_page: int = PER_PAGE,
    *,
    now: datetime,
) -> RequestPage:
    """One page of the open requests the caller may decide, oldest first; ``search`` looks in
    the person's name and address, the company's name and number, and the role's name."""
    require_high_assurance(session, now)
    query = searched(_managed_requests(session.national_number), search, _company_or_role)
    oldest_first = (col(RoleAssignment.requested_at), col(RoleAssignment.id))
    found = one_page(db, query, oldest_first, page, per_page)
    rows = tuple(_row(*row) for row in found.rows)
    return RequestPage(rows, found.total, found.page, found.pages)


def count_open_requests(db: Session, session: UserSession, now: datetime) -> int:
    """The "(n)" of "demander ou refuser les demandes (n)"."""
    return open_requests(db, session, per_page=1, now=now).total


def request_detail(
    db: Session, session: UserSession, assignment_id: int, now: datetime
) -> OpenRequest:
    """One request as "Visualiser et évaluer" shows it; only for its company's GAP or role
    administrators."""
    _deciding(db, session, assignment_id, now)
    found = db.exec(
        _managed_requests(session.national_number).where(col(RoleAssignment.id) == assignment_id)
    ).first()
    if found is None:
        raise errors.RequestAlreadyDecidedError(str(assignment_id))
    return replace(_row(*found), message=_requester_message(db, assignment_id))


def _requester_message(db: Session, assignment_id: int) -> str:
    """What a self-request's author wrote: the details of its "Demandé(e)" line (an accepted
    invitation's line has none)."""
    asked = [
        line for line in history.history_of(db, assignment_id) if line.action == history.REQUESTED
    ]
    return asked[0].details if asked else ""


def _deciding(
    db: Session, session: UserSession, assignment_id: int, now: datetime
) -> tuple[RoleAssignment, RoleManager]:
    require_high_assurance(session, now)
    assignment = db.get(RoleAssignment, assignment_id)
    if assignment is None:
        raise errors.RequestNotFoundError(str(assignment_id))
    gap = require_role_manager(db, session, assignment.company_number, now)
    if assignment.status != AssignmentStatus.REQUESTED:
        raise errors.RequestAlreadyDecidedError(str(assignment_id))
    return assignment, gap


def _invitation_revoked(db: Session, assignment: RoleAssignment) -> bool:
    if assignment.invitation_id is None:
        return False
    invitation = db.get(RoleInvitation, assignment.invitation_id)
    return invitation is not None and invitation.revoked_at is not None


def _decide(db: Session, assignment_id: int, *, approving: bool, **values: object) -> bool:
    """The conditional UPDATE; True if this call moved the request out of 'requested'."""
    condition = [
        col(RoleAssignment.id) == assignment_id,
        col(RoleAssignment.status) == AssignmentStatus.REQUESTED,
    ]
    if approving:  # a withdrawn invitation's requests can be rejected, never approved
        withdrawn = select(RoleInvitation.id).where(col(RoleInvitation.revoked_at).is_not(None))
        condition.append(
            or_(
                col(RoleAssignment.invitation_id).is_(None),
                col(RoleAssignment.invitation_id).not_in(withdrawn),
            )
        )
    result = db.exec(
        update(RoleAssignment)
        .where(*condition)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount == 1)


def approve(
    db: Session, session: UserSession, assignment_id: int, now: datetime, *, public_origin: str
) -> RoleAssignment:
    """ "Approuver": the assignment is active from its start date; history and e-mails follow."""
    assignment, gap = _deciding(db, session, assignment_id, now)
    if _invitation_revoked(db, assignment):
        raise errors.InvitationRevokedError(assignment.invitation_id or "")
    decided = _decide(
        db,
        assignment_id,
        approving=True,
        status=AssignmentStatus.ACTIVE,
        decided_by=session.national_number,
        decided_at=now,
    )
    db.refresh(assignment)
    if not decided:
        if _invitation_revoked(db, assignment):
            raise errors.InvitationRevokedError(assignment.invitation_id or "")
        raise errors.RequestAlreadyDecidedError(str(assignment_id))
    announce_approval(db, session, assignment, gap, now, public_origin)
    return assignment


def reject(
    db: Session,
    session: UserSession,
    assignment_id: int,
    reason: str,
    now: datetime,
    *,
    public_origin: str,
) -> RoleAssignment:
    """ "Rejeter" with the reason asked on the next screen; the person gets it by e-mail."""
    assignment, _ = _deciding(db, session, assignment_id, now)
    reason = required_text(reason, "reason", REASON_MAX)
    decided = _decide(
        db,
        assignment_id,
        approving=False,
        status=AssignmentStatus.REJECTED,
        decided_by=session.national_number,
        decided_at=now,
        reject_reason=reason,
    )
    db.refresh(assignment)
    if not decided:
        raise errors.RequestAlreadyDecidedError(str(assignment_id))
    announce_rejection(db, session, assignment, now, public_origin)
    return assignment
