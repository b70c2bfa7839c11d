""" "Demander soi-même une attribution de rôle" (seed 000, Mes attributions de rôles): a person
asks a company for roles, without an invitation. Each role becomes a request ("Demandé(e)", the
message in "Informations supplémentaires") in "Mes tâches ouvertes" of the company's GAP and role
administrators, who are told by e-mail; it then follows the approval of ``requests``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from foundation import routes
from foundation.contacts import find_account
from foundation.mail_outbox import enqueue
from foundation.models.companies import AssignmentStatus, Company, RoleAssignment
from foundation.models.role_administration import RoleAdministrator
from foundation.models.session import UserSession
from portal.companies import assignment_errors, assignment_mails, history
from portal.companies.access import caller_name, current_gap, require_high_assurance
from portal.companies.checks import checked_email, checked_message
from portal.companies.company_number import parse_company_number
from portal.companies.dates import today
from portal.companies.decisions import role_label
from portal.companies.direct import refuse_held
from portal.companies.invitations import check_roles, check_validity
from portal.companies.mail_language import recipient_language
from portal.companies.people import Person, assignments_for


@dataclass(frozen=True, slots=True)
class SelfRequest:
    company_number: str  # as typed: "0845.059.050"
    role_codes: tuple[str, ...]
    valid_from: date
    valid_until: date | None = None  # None: "Illimité"
    message: str = ""
    email: str = ""  # where the answer goes; empty: the account's address


def _email(db: Session, session: UserSession, typed: str) -> str:
    if typed.strip():
        return checked_email(typed)
    account = find_account(db, session.national_number)
    return checked_email(account.email if account is not None else "")


def request_assignment(
    db: Session, session: UserSession, request: SelfRequest, now: datetime, *, public_origin: str
) -> list[RoleAssignment]:
    """One REQUESTED assignment per role. Refused below the eID level, for a company the portal
    has no GAP for (no one could approve), and for a role the person holds or asked already."""
    require_high_assurance(session, now)
    number = parse_company_number(request.company_number)
    company = db.get(Company, number)
    gap = current_gap(db, number)
    if company is None or gap is None:
        raise assignment_errors.CompanyNotManagedHereError(number)
    roles = check_roles(request.role_codes)
    check_validity(request.valid_from, request.valid_until, on=today(now))
    message = checked_message(request.message)
    email = _email(db, session, request.email)
    me = (Person(session.national_number, session.surname, session.first_names, email),)
    refuse_held(db, number, me, roles)
    asked = assignments_for(
        me,
        roles,
        company_number=number,
        starts_on=request.valid_from,
        ends_on=request.valid_until,
        status=AssignmentStatus.REQUESTED,
        now=now,
    )
    db.add_all(asked)
    db.flush()
    administrators = db.exec(
        select(RoleAdministrator.email, RoleAdministrator.national_number).where(
            RoleAdministrator.company_number == number,
            col(RoleAdministrator.removed_at).is_(None),
        )
    ).all()
    # One mail per address, in the language of the person the address belongs to.
    approvers = {gap.email: gap.national_number}
    for address, national_number in administrators:
        approvers.setdefault(address, national_number)
    for assignment in asked:
        assert assignment.id is not None
        history.record(db, assignment.id, history.REQUESTED, by=session, at=now, details=message)
        for address in sorted(approvers):
            enqueue(
                db,
                assignment_mails.self_request_to_evaluate(
                    to=address,
                    language=recipient_language(
                        db, national_number=approvers[address], actor=session
                    ),
                    person=caller_name(session),
                    role=role_label(assignment.role_code),
                    company=company.name,
                    message=message,
                    tasks_url=f"{public_origin}{routes.ROLE_OPEN_TASKS}",
                ),
                now=now,
            )
    return asked
