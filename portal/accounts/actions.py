"""What the account pages do for the person on them: each action is one unit of work that starts
with the visit's check (``portal.visits``: a live session, an account in the state the page
serves, the level of assurance of its row of ``portal.levels``), so a forged event meets the same
rule as a click. Pages hand over the session id their cookie names, never an account or a
session row.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session

from foundation.db import session_scope
from foundation.models.account import AccountStatus
from portal.accounts import deletion, errors, service
from portal.accounts.service import LinkContext
from portal.levels import Gate
from portal.visits import Entered, entered

FIRST_LOGIN = (None,)  # no account yet
PENDING = (AccountStatus.PENDING,)
ACTIVE = (AccountStatus.ACTIVE,)
DELETION_REQUESTED = (AccountStatus.DELETION_REQUESTED,)


def open_account(
    session_id: str | None,
    links: LinkContext,
    *,
    email: str,
    confirmation: str,
    language: str,
    now: datetime,
    bind: Engine | None = None,
) -> None:
    """The first-login form: the account, with the identity the login key gave, in the
    language of the page (its e-mails' language)."""
    with entered(
        session_id, now=now, accepted=FIRST_LOGIN, needs=Gate.ACCOUNT_CREATION, bind=bind
    ) as inside:
        service.register(
            inside.db,
            links,
            identity=inside.visit.identity,
            email=email,
            confirmation=confirmation,
            language=language,
            now=now,
        )


def resend_activation(
    session_id: str | None,
    links: LinkContext,
    *,
    email: str,
    now: datetime,
    bind: Engine | None = None,
) -> None:
    with entered(
        session_id, now=now, accepted=PENDING, needs=Gate.ACCOUNT_CREATION, bind=bind
    ) as inside:
        service.resend_activation(
            inside.db, links, national_number=inside.visit.national_number, email=email, now=now
        )


def change_email(
    session_id: str | None,
    links: LinkContext,
    *,
    email: str,
    confirmation: str,
    now: datetime,
    bind: Engine | None = None,
) -> None:
    with entered(session_id, now=now, accepted=ACTIVE, needs=Gate.ACCOUNT, bind=bind) as inside:
        service.request_email_change(
            inside.db,
            links,
            account=inside.known_account,
            session_row=inside.session_row,
            email=email,
            confirmation=confirmation,
            now=now,
        )


def request_deletion(session_id: str | None, *, now: datetime, bind: Engine | None = None) -> None:
    with entered(session_id, now=now, accepted=ACTIVE, needs=Gate.ACCOUNT, bind=bind) as inside:
        deletion.request_deletion(
            inside.db, account=inside.known_account, session_row=inside.session_row, now=now
        )


def cancel_deletion(session_id: str | None, *, now: datetime, bind: Engine | None = None) -> None:
    with _deletion_pending(session_id, now=now, bind=bind) as inside:
        deletion.cancel_deletion(
            inside.db, account=inside.known_account, session_row=inside.session_row, now=now
        )


def delete_definitively(
    session_id: str | None, *, now: datetime, bind: Engine | None = None
) -> None:
    with _deletion_pending(session_id, now=now, bind=bind) as inside:
        deletion.delete_definitively(
            inside.db, account=inside.known_account, session_row=inside.session_row, now=now
        )


def _deletion_pending(
    session_id: str | None, *, now: datetime, bind: Engine | None
) -> AbstractContextManager[Entered]:
    return entered(
        session_id,
        now=now,
        accepted=DELETION_REQUESTED,
        needs=Gate.ACCOUNT_DELETION_PENDING,
        bind=bind,
    )


def choose_teaching_email(
    session_id: str | None,
    links: LinkContext,
    *,
    use_account_email: bool,
    email: str,
    confirmation: str,
    now: datetime,
    bind: Engine | None = None,
) -> bool:
    """The teaching space's address; True when it must still be confirmed from the mailbox."""
    with entered(
        session_id, now=now, accepted=ACTIVE, needs=Gate.TEACHING_SPACE, bind=bind
    ) as inside:
        return service.choose_teaching_email(
            inside.db,
            links,
            account=inside.known_account,
            session_row=inside.session_row,
            use_account_email=use_account_email,
            email=email,
            confirmation=confirmation,
            now=now,
        )


# (db, links, token, now, the session of the browser following the link or None)
LinkAction = Callable[[Session, LinkContext, str, datetime, str | None], object]

# The e-mailed links: the signed token is the proof, no session is needed (the browser's own, if
# any, is only the one a confirmed new address leaves open).
LINK_ACTIONS: dict[str, LinkAction] = {
    "activate": lambda db, links, token, now, _: service.activate(db, links, token=token, now=now),
    "cancel": lambda db, links, token, now, _: service.cancel_activation(
        db, links, token=token, now=now
    ),
    "confirm-email": lambda db, links, token, now, browser: service.confirm_email_change(
        db, links, token=token, now=now, keep=browser
    ),
    "teaching-email": lambda db, links, token, now, _: service.confirm_teaching_email(
        db, links, token=token, now=now
    ),
}


def follow_link(
    action: str,
    links: LinkContext,
    *,
    token: str,
    now: datetime,
    session_id: str | None = None,
    bind: Engine | None = None,
) -> None:
    """Runs what an e-mailed link stands for (``LinkInvalidError`` for an unknown action);
    ``session_id`` is the session the following browser's cookie names, if any."""
    run = LINK_ACTIONS.get(action)
    if run is None:
        raise errors.LinkInvalidError(action)
    with session_scope(bind) as db:
        run(db, links, token, now, session_id)
