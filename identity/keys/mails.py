"""The e-mails a person receives when a digital key is added, removed, its password changed or
about to expire, in the person's language; their words are in
``foundation/i18n/mails/keys.<language>.toml`` (``foundation.mail_templates``), and the name each
key goes by in them is ``mail.key.<kind>`` in the text catalogues.

They go to the account's address, into the outbox of the caller's unit of work, so they are sent
only if the change commits. A person without an account gets none.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlmodel import Session

from foundation.clock import BRUSSELS
from foundation.contacts import find_account, full_name
from foundation.i18n.catalog import catalog
from foundation.mail_outbox import OutgoingMail, enqueue
from foundation.mail_templates import compose, mail_language


def key_label(kind: str, language: str) -> str:
    """The name e-mails give the key in ``language`` (the kind, for a key without one)."""
    return catalog(mail_language(language)).get(f"mail.key.{kind}", kind)


def _moment(when: datetime) -> dict[str, str]:
    local = when.astimezone(BRUSSELS)
    return {"date": f"{local:%d/%m/%Y}", "time": f"{local:%H:%M}"}


def key_added_mail(
    *, to: str, language: str, full_name: str, kind: str, when: datetime
) -> OutgoingMail:
    return compose(
        to,
        "keys.key_added",
        language,
        full_name=full_name,
        key=key_label(kind, language),
        **_moment(when),
    )


def key_removed_mail(
    *, to: str, language: str, full_name: str, kind: str, when: datetime
) -> OutgoingMail:
    return compose(
        to,
        "keys.key_removed",
        language,
        full_name=full_name,
        key=key_label(kind, language),
        **_moment(when),
    )


def keys_removed_together_mail(
    *, to: str, language: str, full_name: str, kind: str, going_with: list[str], when: datetime
) -> OutgoingMail:
    """Username + password removed, and the code keys that only worked with it."""
    return compose(
        to,
        "keys.keys_removed_together",
        language,
        full_name=full_name,
        key=key_label(kind, language),
        others=", ".join(key_label(other, language) for other in going_with),
        **_moment(when),
    )


def password_changed_mail(
    *, to: str, language: str, full_name: str, when: datetime
) -> OutgoingMail:
    return compose(to, "keys.password_changed", language, full_name=full_name, **_moment(when))


def password_expiring_mail(
    *, to: str, language: str, full_name: str, expires_on: str, offices_url: str
) -> OutgoingMail:
    """Thirty days before username + password expires for want of use (identity.password.expiry)."""
    return compose(
        to,
        "keys.password_expiring",
        language,
        full_name=full_name,
        expires_on=expires_on,
        offices_url=offices_url,
    )


MailBuilder = Callable[..., OutgoingMail]


def _notify(
    db: Session, national_number: str, now: datetime, build: MailBuilder, **extra: object
) -> bool:
    account = find_account(db, national_number)
    if account is None:
        return False
    mail = build(
        to=account.email,
        language=account.language,
        full_name=full_name(account),
        when=now,
        **extra,
    )
    enqueue(db, mail, now=now)
    return True


def notify_key_added(db: Session, *, national_number: str, kind: str, now: datetime) -> bool:
    """Queues the notice; False when the person has no account to write to."""
    return _notify(db, national_number, now, key_added_mail, kind=kind)


def notify_key_removed(db: Session, *, national_number: str, kind: str, now: datetime) -> bool:
    return _notify(db, national_number, now, key_removed_mail, kind=kind)


def notify_keys_removed_together(
    db: Session, *, national_number: str, kind: str, going_with: list[str], now: datetime
) -> bool:
    return _notify(
        db, national_number, now, keys_removed_together_mail, kind=kind, going_with=going_with
    )


def notify_password_changed(db: Session, *, national_number: str, now: datetime) -> bool:
    return _notify(db, national_number, now, password_changed_mail)
