"""The accounts' e-mailed links: signed, valid 48 hours, and used once (the nonce they carry is
kept on the account and cleared when the link is followed, or replaced when a new one is sent);
and the addresses that wait on the account until such a link confirms them.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, update

from foundation import routes
from foundation.contacts import full_name
from foundation.mail_outbox import enqueue
from foundation.models.account import Account
from foundation.signed_links import ExpiredLinkError, InvalidLinkError, LinkClaims, LinkSigner
from identity.keys.conditional_update import mark_written
from portal.accounts import errors
from portal.accounts import mails as account_mails

LINK_VALIDITY = timedelta(hours=48)


@dataclass(frozen=True, slots=True)
class LinkContext:
    secret_key: str
    public_origin: str

    def url(self, path: str, purpose: str, claims: LinkClaims, now: datetime) -> str:
        token = LinkSigner(self.secret_key, purpose).make(claims, now=now, valid_for=LINK_VALIDITY)
        return f"{self.public_origin}{path}?jeton={token}"


@dataclass(frozen=True, slots=True)
class AddressToConfirm:
    """An address of the account that waits, confirmed from its mailbox, before it is used: the
    account's fields it waits in, and the link and mail that confirm it."""

    pending_field: str
    nonce_field: str  # the nonce the link carries
    route: str
    purpose: str  # the link's purpose, also its action in ``portal.accounts.actions``
    mail: str  # the template of the mail that confirms it (``foundation.mail_templates``)


ACCOUNT_EMAIL = AddressToConfirm(
    "pending_email",
    "email_change_nonce",
    routes.CONFIRM_EMAIL,
    "confirm-email",
    "accounts.confirm_account_email",
)
TEACHING_EMAIL = AddressToConfirm(
    "teaching_email_pending",
    "teaching_email_nonce",
    routes.CONFIRM_TEACHING_EMAIL,
    "teaching-email",
    "accounts.confirm_teaching_email",
)


def account_from_link(
    db: Session, links: LinkContext, token: str, purpose: str, nonce_field: str, now: datetime
) -> Account:
    """The account of a link, the link spent (its nonce cleared) in the caller's unit of work;
    ``LinkUsedError`` for a link already followed or replaced by a newer one."""
    try:
        claims = LinkSigner(links.secret_key, purpose).read(token, now=now)
    except ExpiredLinkError:
        raise errors.LinkExpiredError(purpose) from None
    except InvalidLinkError:
        raise errors.LinkInvalidError(purpose) from None
    account = db.get(Account, claims.account_id)
    if account is None:
        raise errors.LinkUsedError(purpose)
    stored = getattr(account, nonce_field)
    if stored is None or not secrets.compare_digest(stored, claims.nonce):
        raise errors.LinkUsedError(purpose)
    # Spent by one conditional UPDATE: of two clicks at once (two backends, each having read
    # the nonce), the second waits for the first and then finds it gone.
    nonce = getattr(Account, nonce_field)
    spent = db.exec(
        update(Account)
        .where(col(Account.id) == account.id, nonce == claims.nonce)
        .values({nonce: None})
        .execution_options(synchronize_session=False)
    )
    if spent.rowcount != 1:
        raise errors.LinkUsedError(purpose)
    mark_written(account, **{nonce_field: None})
    return account


def send_confirmation(
    db: Session,
    links: LinkContext,
    account: Account,
    address: str,
    to_confirm: AddressToConfirm,
    now: datetime,
) -> None:
    """The address waits on the account with a new nonce (an earlier link stops working), and the
    link that confirms it goes to it."""
    nonce = secrets.token_hex(16)
    setattr(account, to_confirm.pending_field, address)
    setattr(account, to_confirm.nonce_field, nonce)
    db.add(account)
    assert account.id is not None
    enqueue(
        db,
        account_mails.confirm_email_mail(
            to=address,
            language=account.language,
            full_name=full_name(account),
            confirm_url=links.url(
                to_confirm.route, to_confirm.purpose, LinkClaims(account.id, nonce), now
            ),
            template=to_confirm.mail,
        ),
        now=now,
    )


def confirmed(
    db: Session, links: LinkContext, token: str, to_confirm: AddressToConfirm, now: datetime
) -> tuple[Account, str]:
    """The account of a confirmation link and the address it confirms, no longer waiting."""
    account = account_from_link(db, links, token, to_confirm.purpose, to_confirm.nonce_field, now)
    address: str | None = getattr(account, to_confirm.pending_field)
    if address is None:
        raise errors.LinkUsedError(to_confirm.purpose)
    setattr(account, to_confirm.pending_field, None)
    setattr(account, to_confirm.nonce_field, None)
    db.add(account)
    return account, address
