"""Register a company and designate its main access manager (GAP), seed 002 §2.3.

"Enregistrer mon entreprise" asks the company register, at that moment, whether the person
identified with the eID card is a legal representative of the active company; the company row
then records who was checked and when. "Confirmer" (``designate_gap``) is accepted only from that
same representative within ``REGISTRATION_CHECK_VALIDITY``, so the register is not asked twice
and a designation never rests on an old check.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select, update

from foundation import routes
from foundation.clock import aware
from foundation.contacts import find_account
from foundation.mail_outbox import enqueue
from foundation.mail_templates import mail_language
from foundation.models.companies import Company, MainAccessManager
from foundation.models.session import UserSession
from portal.companies import errors, mails
from portal.companies.access import (
    caller_name,
    managed_company_numbers,
    require_high_assurance,
)
from portal.companies.checks import checked_email, required_text
from portal.companies.company_number import format_company_number, parse_company_number
from portal.companies.mail_language import recipient_language
from portal.companies.national_number import parse_national_number
from portal.companies.register import CompanyRegister

REGISTRATION_CHECK_VALIDITY = timedelta(hours=1)
_PHONE_SEPARATORS = re.compile(r"[\s./()\-]")


@dataclass(frozen=True, slots=True)
class GapDetails:
    """The GAP as the form gives it: the representative himself or another person."""

    surname: str
    first_names: str
    national_number: str  # as typed: dots and dashes allowed
    email: str
    phone: str

    @classmethod
    def myself(cls, session: UserSession, *, email: str, phone: str) -> GapDetails:
        """ "Moi-même": the names and national number read from the card at login."""
        return cls(session.surname, session.first_names, session.national_number, email, phone)


def register_company(
    db: Session, register: CompanyRegister, session: UserSession, company_number: str, now: datetime
) -> Company:
    """Records the company, as the register describes it, for the representative who asks.

    Raises the company number's own error for a malformed number, ``UnknownCompanyError``,
    ``CompanyStoppedError``, ``NotLegalRepresentativeError``, or the register's
    ``CompanyRegisterUnavailableError``; nothing is written then."""
    require_high_assurance(session, now)
    number = parse_company_number(company_number)
    found = register.find(number)
    if found is None:
        raise errors.UnknownCompanyError(number)
    if not found.is_active:
        raise errors.CompanyStoppedError(number)
    if not found.is_represented_by(session.national_number):
        raise errors.NotLegalRepresentativeError(number)
    described = Company(
        number=number,
        name=found.name,
        legal_form=found.legal_form,
        street=found.street,
        zip_code=found.zip_code,
        municipality=found.municipality,
        registered_by=session.national_number,
        registered_at=now,
    )
    company = db.get(Company, number)
    if company is None:
        company = described
    else:  # the register may have changed since: a new name, a move
        company.sqlmodel_update(described.model_dump())
    db.add(company)
    db.flush()
    return company


def checked_phone(typed: str) -> str:
    """A phone number of 8 to 15 digits, ``+`` allowed in front; kept as typed, trimmed."""
    digits = _PHONE_SEPARATORS.sub("", typed.strip())
    if not digits:
        raise errors.RequiredFieldMissingError("phone", field="phone")
    bare = digits.removeprefix("+")
    if not (bare.isascii() and bare.isdigit() and 8 <= len(bare) <= 15):
        raise errors.ContactPhoneInvalidError(typed)
    return typed.strip()


def checked_details(gap: GapDetails) -> GapDetails:
    """The details trimmed and checked, the national number as its 11 digits."""
    email = checked_email(gap.email)
    return GapDetails(
        surname=required_text(gap.surname, "surname"),
        first_names=required_text(gap.first_names, "first_names"),
        national_number=parse_national_number(gap.national_number),
        email=email,
        phone=checked_phone(gap.phone),
    )


def _registered_by_caller(db: Session, session: UserSession, number: str, now: datetime) -> Company:
    company = db.get(Company, number)
    if (
        company is None
        or company.registered_by != session.national_number
        or now - aware(company.registered_at) > REGISTRATION_CHECK_VALIDITY
    ):
        raise errors.RegistrationRequiredError(number)
    return company


def designate_gap(
    db: Session,
    session: UserSession,
    company_number: str,
    gap: GapDetails,
    now: datetime,
    *,
    public_origin: str,
) -> MainAccessManager:
    """Makes ``gap`` the company's GAP, replacing the previous one; queues the e-mails."""
    require_high_assurance(session, now)
    company = _registered_by_caller(db, session, parse_company_number(company_number), now)
    details = checked_details(gap)
    # Writing first takes the database's write lock: two confirmations at once run one by one,
    # and the second replaces the first (the partial unique index allows one current GAP).
    db.exec(
        update(MainAccessManager)
        .where(
            col(MainAccessManager.company_number) == company.number,
            col(MainAccessManager.replaced_at).is_(None),
        )
        .values(replaced_at=now)
    )
    replaced = db.exec(
        select(MainAccessManager).where(
            MainAccessManager.company_number == company.number,
            MainAccessManager.replaced_at == now,
        )
    ).all()
    manager = MainAccessManager(
        company_number=company.number,
        national_number=details.national_number,
        surname=details.surname,
        first_names=details.first_names,
        email=details.email,
        phone=details.phone,
        designated_by=session.national_number,
        designated_at=now,
    )
    db.add(manager)
    db.flush()
    _send_designation_mails(db, session, company, manager, replaced, now, public_origin)
    return manager


def _send_designation_mails(
    db: Session,
    session: UserSession,
    company: Company,
    manager: MainAccessManager,
    replaced: Sequence[MainAccessManager],
    now: datetime,
    public_origin: str,
) -> None:
    gap_name = f"{manager.first_names} {manager.surname}"
    management_url = f"{public_origin}{routes.ROLE_MANAGEMENT}"
    enqueue(
        db,
        mails.gap_designated(
            to=manager.email,
            language=recipient_language(db, national_number=manager.national_number, actor=session),
            company=company.name,
            representative=caller_name(session),
            management_url=management_url,
        ),
        now=now,
    )
    representative = find_account(db, session.national_number)
    if manager.national_number != session.national_number and representative is not None:
        enqueue(
            db,
            mails.gap_designation_confirmed(
                to=representative.email,
                language=mail_language(representative.language),
                company=company.name,
                gap=gap_name,
            ),
            now=now,
        )
    for previous in replaced:
        if previous.national_number != manager.national_number:
            enqueue(
                db,
                mails.gap_replaced(
                    to=previous.email,
                    language=recipient_language(
                        db, national_number=previous.national_number, actor=session
                    ),
                    company=company.name,
                    new_gap=gap_name,
                ),
                now=now,
            )


@dataclass(frozen=True, slots=True)
class CompanyOption:
    """A company as the pages offer it to choose: "Entreprise de test (0712.345.630)"."""

    number: str  # 10 digits
    display_number: str  # 0712.345.630
    name: str


def option_of(company: Company) -> CompanyOption:
    return CompanyOption(company.number, format_company_number(company.number), company.name)


def companies_managed_by(db: Session, national_number: str) -> list[Company]:
    """The companies this person manages, as current GAP or role administrator, by name (the
    wizard's step 1)."""
    return list(
        db.exec(
            select(Company)
            .where(col(Company.number).in_(managed_company_numbers(national_number)))
            .order_by(col(Company.name))
        ).all()
    )


def managed_options(db: Session, national_number: str) -> tuple[CompanyOption, ...]:
    """``companies_managed_by`` as the wizards offer them: step "Entreprise"'s choices."""
    return tuple(map(option_of, companies_managed_by(db, national_number)))
