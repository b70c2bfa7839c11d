"""Activation of the paper token from the e-mailed link (seed 004, "Activer votre clé numérique").

Step 1 checks the activation code without spending it, so a page reloaded before the end loses
nothing; the last step checks it again and spends it in the same unit of work that creates the
username + password and the card, so an error there (username taken, weak password) leaves the
code usable.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from identity.paper_token import errors
from identity.paper_token.card import create_token_card, send_token_card
from identity.paper_token.registration import (
    check_activation_code,
    find_person,
    redeem_activation_code,
)
from identity.password import set_credentials

LANGUAGES = ("fr", "nl", "de", "en")


@dataclass(frozen=True, slots=True)
class TokenActivation:
    """What the last page shows: the card (shown once, to print) and where it was e-mailed."""

    bis_number: str
    full_name: str
    email: str
    username: str
    codes: list[tuple[int, str]]


def person_for_code(db: Session, *, reference: str, code: str, now: datetime) -> str:
    """Step 1: the name of the person the code was issued to (the code stays unspent)."""
    person = check_activation_code(db, reference=reference, code=code, now=now)
    return f"{person.first_names} {person.surname}"


def check_choices(*, language: str, terms_accepted: bool) -> None:
    """Step 2: a language of the portal, and the terms of use accepted."""
    if language not in LANGUAGES:
        raise errors.LanguageChoiceError(language)
    if not terms_accepted:
        raise errors.TermsNotAcceptedError("terms of use not accepted")


def activate_paper_token(
    db: Session,
    *,
    reference: str,
    code: str,
    username: str,
    password: str,
    language: str,
    terms_accepted: bool,
    now: datetime,
    random: Callable[[int], int] = secrets.randbelow,
) -> TokenActivation:
    check_choices(language=language, terms_accepted=terms_accepted)
    bis_number = redeem_activation_code(db, reference=reference, code=code, now=now)
    person = find_person(db, bis_number)
    assert person is not None
    credential = set_credentials(
        db, national_number=bis_number, username=username, password=password, now=now
    )
    person.language = language
    db.add(person)
    codes = create_token_card(db, national_number=bis_number, now=now, random=random)
    address = send_token_card(db, national_number=bis_number, codes=codes, now=now)
    return TokenActivation(
        bis_number=bis_number,
        full_name=f"{person.first_names} {person.surname}",
        email=address,
        username=credential.username,
        codes=codes,
    )
