"""Back office of a local registration office, and the activation code it hands out.

The officer checks an identity document and registers the person: a BIS number is made, and an
activation code of 20 characters (4 groups of 5, alphabet without 0/O/1/I) is printed for the
person while an activation e-mail with a link goes to their address. The link names the code
(``reference``); the person types the code: 3 attempts, 7 days, once.

A wrong activation code is counted at once: ``redeem_activation_code`` commits before raising, so
the caller's rollback cannot give the attempt back.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import quote

from sqlmodel import Session, col, select, update

from foundation.clock import aware
from foundation.contacts import language_of
from foundation.mail_outbox import enqueue
from foundation.mail_templates import mail_language
from foundation.models.paper_token import ActivationCode, RegisteredPerson
from identity.bis_numbers import free_bis_number
from identity.one_time_code.hashing import code_hash, matches, new_salt
from identity.paper_token import errors
from identity.paper_token.mails import activation_mail
from identity.paper_token.officers import check_officer
from identity.paper_token.registration_form import DOCUMENT_TYPES as DOCUMENT_TYPES
from identity.paper_token.registration_form import checked_fields
from identity.sessions import LoginIdentity

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # 32 symbols: no 0/O, no 1/I
ACTIVATION_CODE_LENGTH = 20
ACTIVATION_VALIDITY = timedelta(days=7)
ACTIVATION_ATTEMPTS = 3
LINK_PARAMETER = "activation"


@dataclass(frozen=True, slots=True)
class Registration:
    """What the officer gets back: the person, and the activation code to print (shown once)."""

    person: RegisteredPerson
    activation_code: str  # "XXXXX XXXXX XXXXX XXXXX"
    activation_url: str
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class ActivationLink:
    public_origin: str  # e.g. "https://monespace.example.be"
    path: str  # the route of the activation page

    def url(self, reference: str) -> str:
        return f"{self.public_origin}{self.path}?{LINK_PARAMETER}={quote(reference)}"


def format_activation_code(code: str) -> str:
    return " ".join(code[i : i + 5] for i in range(0, len(code), 5))


def normalise_activation_code(code: str) -> str:
    """Spaces and dashes left out, upper case; ``ActivationCodeFormatError`` otherwise."""
    entered = "".join(c for c in code if c not in " -\u00a0\t").upper()
    if len(entered) != ACTIVATION_CODE_LENGTH or any(c not in ALPHABET for c in entered):
        raise errors.ActivationCodeFormatError("activation code malformed")
    return entered


def register_person(
    db: Session,
    *,
    officer_id: str,
    officer_level: int,
    surname: str,
    first_names: str,
    birth_date: date,
    document_type: str,
    document_number: str,
    email: str,
    link: ActivationLink,
    now: datetime,
    language: str | None = None,
    random: Callable[[int], int] = secrets.randbelow,
    token: Callable[[int], str] = secrets.token_urlsafe,
) -> Registration:
    """Registers the person (a new BIS number), issues the activation code, queues the e-mail,
    in ``language``, the officer's page's (the person chooses their own at activation).

    Only an officer, logged in at ``officer_level`` high, may (``NotAnOfficerError``,
    ``OfficerLoginTooWeakError``)."""
    check_officer(db, officer_id=officer_id, level=officer_level)
    fields = checked_fields(
        officer_id=officer_id,
        surname=surname,
        first_names=first_names,
        birth_date=birth_date,
        document_type=document_type,
        document_number=document_number,
        email=email,
        now=now,
    )
    same_document = db.exec(
        select(RegisteredPerson).where(
            RegisteredPerson.document_type == fields["document_type"],
            RegisteredPerson.document_number == fields["document_number"],
        )
    ).first()
    if same_document is not None:
        raise errors.AlreadyRegisteredError(same_document.bis_number)
    person = RegisteredPerson(
        bis_number=free_bis_number(db, birth_date, random),
        surname=fields["surname"],
        first_names=fields["first_names"],
        birth_date=birth_date,
        document_type=fields["document_type"],
        document_number=fields["document_number"],
        email=fields["email"],
        officer_id=fields["officer_id"],
        created_at=now,
        # Until the person chooses at activation: the language of the officer's page.
        language=mail_language(language),
    )
    db.add(person)
    db.flush()
    return _issue(db, person, link=link, now=now, random=random, token=token)


def issue_activation_code(
    db: Session,
    *,
    officer_id: str,
    officer_level: int,
    bis_number: str,
    link: ActivationLink,
    now: datetime,
    random: Callable[[int], int] = secrets.randbelow,
    token: Callable[[int], str] = secrets.token_urlsafe,
) -> Registration:
    """A new activation code for a registered person (lost, expired or spent); the old one dies.
    Only an officer may, as for ``register_person``."""
    check_officer(db, officer_id=officer_id, level=officer_level)
    person = find_person(db, bis_number)
    if person is None:
        raise errors.PersonNotFoundError(bis_number)
    return _issue(db, person, link=link, now=now, random=random, token=token)


def check_activation_code(
    db: Session, *, reference: str, code: str, now: datetime
) -> RegisteredPerson:
    """The person the activation code is for, without spending it (a wrong code counts)."""
    row = _valid_code(db, reference=reference, code=code, now=now)
    person = db.get(RegisteredPerson, row.person_id)
    assert person is not None
    return person


def redeem_activation_code(db: Session, *, reference: str, code: str, now: datetime) -> str:
    """The activation code typed on the page the e-mailed link opened; returns the BIS number."""
    row = _valid_code(db, reference=reference, code=code, now=now)
    taken = db.exec(
        update(ActivationCode)
        .where(
            col(ActivationCode.id) == row.id,
            col(ActivationCode.used_at).is_(None),
            col(ActivationCode.voided_at).is_(None),
        )
        .values(used_at=now)
    )
    if taken.rowcount != 1:
        raise errors.ActivationCodeUsedError(f"activation code {row.id} taken concurrently")
    person = db.get(RegisteredPerson, row.person_id)
    assert person is not None
    return person.bis_number


def _valid_code(db: Session, *, reference: str, code: str, now: datetime) -> ActivationCode:
    entered = normalise_activation_code(code)
    row = db.exec(select(ActivationCode).where(ActivationCode.reference == reference)).first()
    if row is None:
        raise errors.ActivationLinkError("unknown activation reference")
    if row.used_at is not None:
        raise errors.ActivationCodeUsedError(f"activation code {row.id} already used")
    if row.voided_at is not None or row.failed_attempts >= ACTIVATION_ATTEMPTS:
        raise errors.ActivationCodeVoidError(f"activation code {row.id} is void")
    if now >= aware(row.expires_at):
        raise errors.ActivationCodeExpiredError(f"activation code {row.id} expired")
    if not matches(row.salt, row.code_hash, entered):
        db.exec(
            update(ActivationCode)
            .where(col(ActivationCode.id) == row.id)
            .values(failed_attempts=col(ActivationCode.failed_attempts) + 1)
        )
        db.refresh(row)
        failed = row.failed_attempts
        if failed >= ACTIVATION_ATTEMPTS:
            row.voided_at = now
            db.add(row)
        db.commit()
        if failed >= ACTIVATION_ATTEMPTS:
            raise errors.ActivationCodeVoidError(f"activation code {row.id}: {failed} wrong")
        raise errors.WrongActivationCodeError(ACTIVATION_ATTEMPTS - failed)
    return row


def registered_identity(db: Session, national_number: str) -> LoginIdentity | None:
    """The identity of a registered person, for a login before any account exists."""
    person = find_person(db, national_number)
    if person is None:
        return None
    return LoginIdentity(
        national_number=person.bis_number,
        surname=person.surname,
        first_names=person.first_names,
        birth_date=person.birth_date,
    )


def find_person(db: Session, bis_number: str) -> RegisteredPerson | None:
    return db.exec(
        select(RegisteredPerson).where(RegisteredPerson.bis_number == bis_number)
    ).first()


def _issue(
    db: Session,
    person: RegisteredPerson,
    *,
    link: ActivationLink,
    now: datetime,
    random: Callable[[int], int],
    token: Callable[[int], str],
) -> Registration:
    assert person.id is not None
    db.exec(
        update(ActivationCode)
        .where(
            col(ActivationCode.person_id) == person.id,
            col(ActivationCode.used_at).is_(None),
            col(ActivationCode.voided_at).is_(None),
        )
        .values(voided_at=now)
    )
    code = "".join(ALPHABET[random(len(ALPHABET))] for _ in range(ACTIVATION_CODE_LENGTH))
    salt = new_salt()
    reference = token(24)
    expires_at = now + ACTIVATION_VALIDITY
    db.add(
        ActivationCode(
            person_id=person.id,
            reference=reference,
            salt=salt,
            code_hash=code_hash(salt, code),
            created_at=now,
            expires_at=expires_at,
        )
    )
    url = link.url(reference)
    enqueue(
        db,
        activation_mail(
            to=person.email,
            language=mail_language(language_of(db, person.bis_number)),
            full_name=f"{person.first_names} {person.surname}",
            activate_url=url,
            valid_until=expires_at,
        ),
        now=now,
    )
    db.flush()
    return Registration(
        person=person,
        activation_code=format_activation_code(code),
        activation_url=url,
        expires_at=expires_at,
    )
