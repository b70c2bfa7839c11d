"""What every page asks once it is shown, in one unit of work: who is logged in (the header's
user menu) and the language the page reads in. The account follows a language chosen in this
browser (its e-mails are written in it); a browser that never chose one shows the account's
language instead of giving it its default (``portal.accounts.language``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine

from foundation.settings import SUPPORTED_LANGUAGES
from portal.visits import ANY_ACCOUNT, NotLoggedInError, Visit, entered


@dataclass(frozen=True, slots=True)
class PageShown:
    visitor: Visit | None  # None: nobody logged in
    language: str


def page_shown(
    session_id: str | None,
    *,
    language: str,
    chosen_here: bool,
    now: datetime,
    bind: Engine | None = None,
) -> PageShown:
    """``language`` is the page's (a language of the portal); ``chosen_here``, whether this
    browser ever chose one (it carries the language cookie)."""
    if not session_id:
        return PageShown(None, language)
    try:
        with entered(session_id, now=now, accepted=ANY_ACCOUNT, bind=bind) as inside:
            account = inside.account
            if account is None:
                return PageShown(inside.visit, language)
            if chosen_here and account.language != language:
                account.language = language
                inside.db.add(account)
            elif not chosen_here and account.language in SUPPORTED_LANGUAGES:
                language = account.language
            return PageShown(inside.visit, language)
    except NotLoggedInError:
        return PageShown(None, language)
