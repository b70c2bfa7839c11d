"""The account keeps the language of its holder's pages, the language its e-mails are written in
(``foundation.mail_templates``): set when the account is created, then followed whenever the
person, logged in, switches language or opens a page in a language chosen in that browser. A
browser where no language was ever chosen (a first visit, shown in the default language) takes
the account's instead of giving it its default."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.engine import Engine

from foundation.settings import SUPPORTED_LANGUAGES
from portal.visits import ANY_ACCOUNT, NotLoggedInError, entered


def follow_page_language(
    session_id: str | None, language: str, *, now: datetime, bind: Engine | None = None
) -> bool:
    """The logged-in person's account takes ``language``; False when nothing changed (nobody
    logged in, no account yet, the same language, or one the portal does not speak)."""
    if not session_id or language not in SUPPORTED_LANGUAGES:
        return False
    try:
        with entered(session_id, now=now, accepted=ANY_ACCOUNT, bind=bind) as inside:
            account = inside.account
            if account is None or account.language == language:
                return False
            account.language = language
            inside.db.add(account)
            return True
    except NotLoggedInError:
        return False
