"""When username + password expires: after two years without a login that used it (a dormant
key), never for its age alone.

Why not a periodic change: forced changes make people pick weaker, predictable passwords (NIST
SP 800-63B 5.1.1.2, OWASP ASVS 6.2.10), so a password in use never expires. A key nobody has used
for two years is another matter: it may be forgotten, or known to someone else without anybody
noticing. Every login with it (alone, or as the first step of a code key) moves its expiry two
years ahead; a new password does too. Thirty days before the date the person gets an e-mail
(``warn_expiring_credentials``, the hourly job), once per expiry date.

A login renews the date at most once a day (``RENEWAL_STEP``): most logins write nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import bindparam, or_
from sqlmodel import Session, col, select, update

from foundation import routes
from foundation.clock import BRUSSELS, aware, require_aware
from foundation.contacts import find_account, full_name, language_of
from foundation.mail_outbox import enqueue
from foundation.mail_templates import mail_language
from foundation.models.digital_keys import Credential
from foundation.models.paper_token import RegisteredPerson
from foundation.settings import get_settings
from identity.keys.conditional_update import conditional_update
from identity.keys.mails import password_expiring_mail

DORMANT_AFTER = timedelta(days=730)
NOTICE_BEFORE = timedelta(days=30)
RENEWAL_STEP = timedelta(days=1)

# Built once: the login path runs it. Only a key not expired yet is renewed (an expired one
# never reaches a login), and only when its date is a day or more behind the new one.
RENEW_ON_LOGIN = (
    update(Credential)
    .where(
        col(Credential.national_number) == bindparam("holder"),
        or_(
            col(Credential.expires_at).is_(None),
            (col(Credential.expires_at) > bindparam("now"))
            & (col(Credential.expires_at) < bindparam("renew_before")),
        ),
    )
    .values(expires_at=bindparam("until"), expiry_notice_for=None)
    .execution_options(synchronize_session=False)
)


def expiry_from(now: datetime) -> datetime:
    """The expiry of a key set or used at ``now``."""
    require_aware(now)
    return now + DORMANT_AFTER


def renew_on_login(db: Session, *, national_number: str, now: datetime) -> bool:
    """A login with username + password (or a code key after it) passed: the key's expiry moves
    to two years from now, in the caller's unit of work; False when there was nothing to move
    (renewed less than a day ago, or no username + password)."""
    until = expiry_from(now)
    changed = conditional_update(
        db,
        RENEW_ON_LOGIN,
        holder=national_number,
        now=now,
        renew_before=until - RENEWAL_STEP,
        until=until,
    )
    return changed == 1


def warn_expiring_credentials(
    db: Session, *, now: datetime, public_origin: str | None = None
) -> int:
    """E-mails each person whose username + password expires within 30 days; returns how many.
    Once per expiry date: ``expiry_notice_for`` is set by a conditional UPDATE in the same unit
    of work as the e-mail, so a second run sends nothing, and a date renewed meanwhile gets its
    own notice when it comes near. Links go to ``public_origin`` (the settings' by default)."""
    origin = public_origin or get_settings().public_origin
    require_aware(now)
    due = db.exec(
        select(Credential).where(
            col(Credential.expires_at) > now,
            col(Credential.expires_at) <= now + NOTICE_BEFORE,
            or_(
                col(Credential.expiry_notice_for).is_(None),
                col(Credential.expiry_notice_for) != col(Credential.expires_at),
            ),
        )
    ).all()
    warned = 0
    for credential in due:
        assert credential.expires_at is not None
        expires_at = credential.expires_at
        result = db.exec(
            update(Credential)
            .where(
                col(Credential.national_number) == credential.national_number,
                col(Credential.expires_at) == expires_at,
                or_(
                    col(Credential.expiry_notice_for).is_(None),
                    col(Credential.expiry_notice_for) != expires_at,
                ),
            )
            .values(expiry_notice_for=expires_at)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:
            continue
        contact = _contact(db, credential.national_number)
        if contact is None:
            continue
        address, name = contact
        mail = password_expiring_mail(
            to=address,
            language=mail_language(language_of(db, credential.national_number)),
            full_name=name,
            expires_on=f"{aware(expires_at).astimezone(BRUSSELS):%d/%m/%Y}",
            offices_url=origin + routes.REGISTRATION_OFFICES,
        )
        enqueue(db, mail, now=now)
        warned += 1
    return warned


def _contact(db: Session, national_number: str) -> tuple[str, str] | None:
    """Where the notice goes: the account's address, else (a person registered at an office,
    who has no account yet) the address the office noted; None for nobody known."""
    account = find_account(db, national_number)
    if account is not None:
        return account.email, full_name(account)
    person = db.exec(
        select(RegisteredPerson).where(col(RegisteredPerson.bis_number) == national_number)
    ).first()
    if person is not None:
        return person.email, f"{person.first_names} {person.surname}"
    return None
