"""Direct assignment (seed 001 "Adapter le rôle attribué", seed 002 §4): no invitation, no
approval, the role is active at once and the person gets the seed's "… est octroyée" e-mail.

Two ways to name the person: "Donner une attribution de rôle à un salarié existant" (a member of
a company the caller manages, found by ``search_members``: the page passes back the member's
``key`` only, so a forged event cannot name anyone else), and "via numéro de registre national"
(``find_person`` fills in the name when the portal knows the number, else it is typed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from foundation import routes
from foundation.contacts import find_account
from foundation.mail_outbox import enqueue
from foundation.models.companies import AssignmentStatus, Company, RoleAssignment
from foundation.models.session import UserSession
from portal.companies import assignment_errors, history, mails
from portal.companies.access import (
    RoleManager,
    current_gap,
    managed_company_numbers,
    require_high_assurance,
    require_role_manager,
)
from portal.companies.checks import checked_message
from portal.companies.company_number import parse_company_number
from portal.companies.dates import today, validity
from portal.companies.decisions import role_label
from portal.companies.invitations import check_roles, check_validity
from portal.companies.mail_language import recipient_language
from portal.companies.national_number import parse_national_number
from portal.companies.people import Person as Person  # the tests name a person from here
from portal.companies.people import assignments_for, checked_person

DIRECT = "Attribution directe de rôle"
# A person holds a role while it is one of these: giving it again would make two of them.
HELD = (AssignmentStatus.REQUESTED, AssignmentStatus.ACTIVE, AssignmentStatus.DEACTIVATED)


@dataclass(frozen=True, slots=True)
class DirectDraft:
    """Steps 2 to 5: the company, the roles, the validity, the personal message."""

    company_number: str
    role_codes: tuple[str, ...]
    valid_from: date
    valid_until: date | None = None  # None: "Illimité"
    message: str = ""


def find_person(
    db: Session, session: UserSession, national_number: str, now: datetime
) -> Person | None:
    """The name the portal knows for a national number (check digits verified first), or None:
    then the page asks for it. Only for someone who manages a company."""
    require_high_assurance(session, now)
    managed = db.exec(managed_company_numbers(session.national_number)).first()
    if managed is None:
        raise assignment_errors.NotRoleManagerError("")
    number = parse_national_number(national_number)
    account = find_account(db, number)
    if account is not None:
        return Person(number, account.surname, account.first_names, account.email)
    earlier = db.exec(
        select(RoleAssignment)
        .where(RoleAssignment.national_number == number)
        .order_by(col(RoleAssignment.requested_at).desc(), col(RoleAssignment.id).desc())
    ).first()
    if earlier is None:
        return None
    return Person(number, earlier.surname, earlier.first_names, earlier.email)


def _member(db: Session, session: UserSession, key: int) -> Person:
    """The person of one member row, if it belongs to a company the caller manages."""
    row = db.exec(
        select(RoleAssignment).where(
            col(RoleAssignment.id) == key,
            col(RoleAssignment.company_number).in_(
                managed_company_numbers(session.national_number)
            ),
        )
    ).first()
    if row is None:
        raise assignment_errors.NotACompanyMemberError(str(key))
    return Person(row.national_number, row.surname, row.first_names, row.email)


def chosen_people(
    db: Session, session: UserSession, member_keys: tuple[int, ...]
) -> tuple[Person, ...]:
    """Step 1's members (their keys), each of a company the caller manages; one per person."""
    if not member_keys:
        raise assignment_errors.NoPersonChosenError()
    people = {p.national_number: p for p in (_member(db, session, k) for k in member_keys)}
    return tuple(people.values())


def checked_draft(draft: DirectDraft, now: datetime) -> DirectDraft:
    message = checked_message(draft.message)
    check_validity(draft.valid_from, draft.valid_until, on=today(now))
    return DirectDraft(
        company_number=parse_company_number(draft.company_number),
        role_codes=check_roles(draft.role_codes),
        valid_from=draft.valid_from,
        valid_until=draft.valid_until,
        message=message,
    )


def assign_to_members(
    db: Session,
    session: UserSession,
    member_keys: tuple[int, ...],
    draft: DirectDraft,
    now: datetime,
    *,
    public_origin: str,
    page_language: str | None = None,
) -> list[RoleAssignment]:
    """ "Terminer l'attribution directe de rôle" for members chosen at step 1 (their keys)."""
    manager = require_role_manager(db, session, parse_company_number(draft.company_number), now)
    people = chosen_people(db, session, member_keys)
    return _grant(db, session, manager, people, draft, now, public_origin, page_language)


def assign_by_national_number(
    db: Session,
    session: UserSession,
    person: Person,
    draft: DirectDraft,
    now: datetime,
    *,
    public_origin: str,
    page_language: str | None = None,
) -> list[RoleAssignment]:
    """ "Donner une attribution de rôle via numéro de registre national"; the person, who may
    have no account yet, gets the e-mail in the page's language then."""
    manager = require_role_manager(db, session, parse_company_number(draft.company_number), now)
    person = checked_person(person)
    return _grant(db, session, manager, (person,), draft, now, public_origin, page_language)


def refuse_held(
    db: Session, company: str, people: tuple[Person, ...], roles: tuple[str, ...]
) -> None:
    """``RoleAlreadyHeldError`` when one of ``people`` holds, or has asked for, one of
    ``roles`` in the company: giving it again would make two of them.

    The company's row is locked first, until the caller's unit of work ends: two grants or
    requests at once (a double click, two managers, two backends) check one after the other,
    and the second sees the first's assignment. Without it, PostgreSQL let both check before
    either wrote (SQLite has no row locks and lets one writer at a time)."""
    db.exec(select(Company.number).where(Company.number == company).with_for_update()).first()
    for person in people:
        held = db.exec(
            select(RoleAssignment.id).where(
                RoleAssignment.company_number == company,
                RoleAssignment.national_number == person.national_number,
                col(RoleAssignment.role_code).in_(roles),
                col(RoleAssignment.status).in_(HELD),
            )
        ).first()
        if held is not None:
            raise assignment_errors.RoleAlreadyHeldError(
                str(held), person=f"{person.first_names} {person.surname}"
            )


def _grant(
    db: Session,
    session: UserSession,
    manager: RoleManager,
    people: tuple[Person, ...],
    draft: DirectDraft,
    now: datetime,
    public_origin: str,
    page_language: str | None,
) -> list[RoleAssignment]:
    draft = checked_draft(draft, now)
    refuse_held(db, draft.company_number, people, draft.role_codes)
    granted = assignments_for(
        people,
        draft.role_codes,
        company_number=draft.company_number,
        starts_on=draft.valid_from,
        ends_on=draft.valid_until,
        status=AssignmentStatus.ACTIVE,
        now=now,
        decided_by=session.national_number,
        decided_at=now,
    )
    db.add_all(granted)
    db.flush()
    company = db.get(Company, draft.company_number)
    assert company is not None  # it has a manager, so it was registered
    gap = current_gap(db, draft.company_number)
    # By address (one mail each), with the national number that gives each one's language.
    told = {manager.email: manager.national_number}
    if gap is not None:
        told.setdefault(gap.email, gap.national_number)
    for assignment in granted:
        assert assignment.id is not None
        history.record(db, assignment.id, DIRECT, by=session, at=now, details=draft.message)
        history.record(db, assignment.id, history.GRANTED, by=None, at=now)
        _tell(db, session, assignment, company, told, now, public_origin, page_language)
    return granted


def _tell(
    db: Session,
    session: UserSession,
    assignment: RoleAssignment,
    company: Company,
    managers: dict[str, str],
    now: datetime,
    public_origin: str,
    page_language: str | None,
) -> None:
    label = role_label(assignment.role_code)
    enqueue(
        db,
        mails.role_granted(
            to=assignment.email,
            language=recipient_language(
                db,
                national_number=assignment.national_number,
                page_language=page_language,
                actor=session,
            ),
            role=label,
            company=company.name,
            assignments_url=f"{public_origin}{routes.MY_ROLE_ASSIGNMENTS}",
        ),
        now=now,
    )
    for address in sorted(managers):  # the GAP, and the role administrator who gave it
        language = recipient_language(
            db, national_number=managers[address], page_language=page_language, actor=session
        )
        enqueue(
            db,
            mails.role_granted_to_gap(
                to=address,
                language=language,
                role=label,
                person=f"{assignment.first_names} {assignment.surname}",
                company=company.name,
                validity=validity(language, assignment.starts_on, assignment.ends_on),
                management_url=f"{public_origin}{routes.ROLE_MANAGEMENT}",
            ),
            now=now,
        )
