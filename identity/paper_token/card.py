"""The token itself: a card of numbered random codes, and the login that asks for one of them.

Codes are 6 digits, stored hashed (HMAC-SHA256 under a key of the server, a salt each), shown in
clear only once, when the card is made (for the printable card and the e-mail). A new card voids
the previous one. At login one unused number is drawn and kept on the card until that code is
used: starting the login again asks for the same number, so nobody can re-roll until a number they
know comes up. Each code works once; wrong codes count toward the lockout of the key (100 in a
row).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime

from sqlmodel import Session, col, select, update

from foundation.contacts import find_account, language_of
from foundation.mail_outbox import enqueue
from foundation.mail_templates import mail_language
from foundation.models.digital_keys import DigitalKeyRecord, KeyStatus, LoginAttempt
from foundation.models.paper_token import PaperTokenCard, PaperTokenCode
from identity.keys.errors import KeyLockedError, LoginAttemptExpiredError
from identity.keys.kinds import KeyKind
from identity.keys.lockout import record_failure, record_success, unlock
from identity.keys.mails import notify_key_added
from identity.keys.records import find_key, usable_key
from identity.one_time_code.hashing import code_hash, matches, new_salt
from identity.paper_token import errors
from identity.paper_token.mails import token_card_mail
from identity.paper_token.registration import find_person
from identity.password.login_attempts import pending_login

KIND = KeyKind.PAPER_TOKEN
CARD_SIZE = 24
TOKEN_CODE_LENGTH = 6


def create_token_card(
    db: Session,
    *,
    national_number: str,
    now: datetime,
    count: int = CARD_SIZE,
    random: Callable[[int], int] = secrets.randbelow,
) -> list[tuple[int, str]]:
    """Makes a new card (the previous one stops working) and returns its codes, numbered from 1.

    The key ``paper_token`` is ACTIVE afterwards (a locked one is unlocked: a new card is the way
    back after a lockout).
    """
    if not 1 <= count <= 100:
        raise ValueError(f"a card holds 1 to 100 codes, not {count}")
    db.exec(
        update(PaperTokenCard)
        .where(
            col(PaperTokenCard.national_number) == national_number,
            col(PaperTokenCard.voided_at).is_(None),
        )
        .values(voided_at=now)
    )
    card = PaperTokenCard(national_number=national_number, created_at=now)
    db.add(card)
    db.flush()
    assert card.id is not None
    codes: list[tuple[int, str]] = []
    for number in range(1, count + 1):
        code = f"{random(10**TOKEN_CODE_LENGTH):0{TOKEN_CODE_LENGTH}d}"
        salt = new_salt()
        db.add(
            PaperTokenCode(
                card_id=card.id, number=number, salt=salt, code_hash=code_hash(salt, code)
            )
        )
        codes.append((number, code))
    key = find_key(db, national_number=national_number, kind=KIND)
    if key is None:
        db.add(
            DigitalKeyRecord(
                national_number=national_number,
                kind=KIND,
                status=KeyStatus.ACTIVE,
                created_at=now,
                destination=_address(db, national_number),
            )
        )
        notify_key_added(db, national_number=national_number, kind=KIND, now=now)
    else:
        unlock(db, key)
    db.flush()
    return codes


def send_token_card(
    db: Session, *, national_number: str, codes: list[tuple[int, str]], now: datetime
) -> str:
    """Queues the e-mail with the card ("Votre token a été envoyé à votre adresse e-mail");
    returns the address it goes to."""
    person = find_person(db, national_number)
    account = find_account(db, national_number)
    if person is not None:
        address, name = person.email, f"{person.first_names} {person.surname}"
    elif account is not None:
        address, name = account.email, f"{account.first_names} {account.surname}"
    else:
        raise errors.PersonNotFoundError(national_number)
    language = mail_language(language_of(db, national_number))
    mail = token_card_mail(to=address, language=language, full_name=name, codes=codes)
    enqueue(db, mail, now=now)
    return address


def codes_left(db: Session, *, national_number: str) -> int:
    card = _active_card(db, national_number)
    if card is None:
        return 0
    return len(_unused_numbers(db, card))


def pick_code_number(
    db: Session,
    *,
    attempt_id: str,
    national_number: str,
    now: datetime,
    random: Callable[[int], int] = secrets.randbelow,
) -> int:
    """The number of the code to ask for; the same until that code is used."""
    _attempt_for(db, attempt_id, national_number, now)
    usable_key(db, national_number=national_number, kind=KIND)
    card = _active_card(db, national_number)
    if card is None:
        raise errors.NoTokenCardError(national_number)
    if card.pending_number is not None:
        return card.pending_number
    unused = _unused_numbers(db, card)
    if not unused:
        raise errors.TokenExhaustedError(national_number)
    number = unused[random(len(unused))]
    # Conditional: two logins racing draw one number between them.
    db.exec(
        update(PaperTokenCard)
        .where(col(PaperTokenCard.id) == card.id, col(PaperTokenCard.pending_number).is_(None))
        .values(pending_number=number)
    )
    db.refresh(card)
    assert card.pending_number is not None
    return card.pending_number


def verify_token_code(
    db: Session, *, attempt_id: str, national_number: str, code: str, now: datetime
) -> LoginAttempt:
    """Checks the code typed for the number asked and returns the pending attempt.

    The attempt stays open: the caller finishes it (``identity.password.finish_login``).
    """
    attempt = _attempt_for(db, attempt_id, national_number, now)
    key = usable_key(db, national_number=national_number, kind=KIND)
    entered = "".join(c for c in code if c not in " -\u00a0\t")
    if len(entered) != TOKEN_CODE_LENGTH or not entered.isascii() or not entered.isdigit():
        raise errors.TokenCodeFormatError("token code malformed")
    card = _active_card(db, national_number)
    if card is None:
        raise errors.NoTokenCardError(national_number)
    number = card.pending_number
    if number is None:
        raise errors.NoCodeNumberError(national_number)
    row = db.exec(
        select(PaperTokenCode).where(
            PaperTokenCode.card_id == card.id, PaperTokenCode.number == number
        )
    ).one()
    if row.used_at is not None:
        raise errors.TokenCodeUsedError(f"code {number} of card {card.id} already used")
    if not matches(row.salt, row.code_hash, entered):
        wrong = errors.WrongTokenCodeError(number)
        if record_failure(db, key, now=now):
            locked = KeyLockedError(f"paper token of {national_number} locked", key_kind=KIND)
            raise locked from wrong
        raise wrong
    taken = db.exec(
        update(PaperTokenCode)
        .where(col(PaperTokenCode.id) == row.id, col(PaperTokenCode.used_at).is_(None))
        .values(used_at=now)
    )
    if taken.rowcount != 1:
        raise errors.TokenCodeUsedError(f"code {number} of card {card.id} taken concurrently")
    card.pending_number = None
    db.add(card)
    record_success(db, key)
    return attempt


def _attempt_for(db: Session, attempt_id: str, national_number: str, now: datetime) -> LoginAttempt:
    attempt = pending_login(db, attempt_id=attempt_id, key_kind=KIND, now=now)
    if attempt.national_number != national_number:
        raise LoginAttemptExpiredError(f"attempt {attempt_id!r} is not {national_number}'s")
    return attempt


def _active_card(db: Session, national_number: str) -> PaperTokenCard | None:
    return db.exec(
        select(PaperTokenCard).where(
            PaperTokenCard.national_number == national_number,
            col(PaperTokenCard.voided_at).is_(None),
        )
    ).first()


def _unused_numbers(db: Session, card: PaperTokenCard) -> list[int]:
    return list(
        db.exec(
            select(PaperTokenCode.number)
            .where(PaperTokenCode.card_id == card.id, col(PaperTokenCode.used_at).is_(None))
            .order_by(col(PaperTokenCode.number))
        ).all()
    )


def _address(db: Session, national_number: str) -> str | None:
    person = find_person(db, national_number)
    if person is not None:
        return person.email
    account = find_account(db, national_number)
    return account.email if account is not None else None
