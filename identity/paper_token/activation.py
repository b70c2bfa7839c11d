"""Activation of a first key from the e-mailed link (seed 004, "Activer votre clé numérique"):
the paper token, or the mobile app the seed recommends.

Step 1 checks the activation code without spending it, so a page reloaded before the end loses
nothing; the last step checks it again and spends it in the same unit of work that creates the
username + password and the key, so an error there (username taken, weak password, a wrong first
code of the app) leaves the code usable.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from foundation.models.digital_keys import Credential
from foundation.models.paper_token import RegisteredPerson
from identity import totp
from identity.keys.kinds import KeyKind
from identity.paper_token import errors
from identity.paper_token.card import create_token_card, send_token_card
from identity.paper_token.registration import (
    check_activation_code,
    find_person,
    redeem_activation_code,
)
from identity.password import set_credentials
from identity.sessions import revoke_others

LANGUAGES = ("fr", "nl", "de", "en")
# The keys a person can activate with an activation code, the one the seed recommends first.
FIRST_KEYS: tuple[str, ...] = (KeyKind.TOTP, KeyKind.PAPER_TOKEN)


@dataclass(frozen=True, slots=True)
class FirstKeyForm:
    """What the person typed and chose on the way to a first key, whichever it is."""

    reference: str
    code: str
    username: str
    password: str
    language: str
    terms_accepted: bool


@dataclass(frozen=True, slots=True)
class TokenActivation:
    """What the last page shows: the card (shown once, to print) and where it was e-mailed."""

    bis_number: str
    full_name: str
    email: str
    username: str
    codes: list[tuple[int, str]]


@dataclass(frozen=True, slots=True)
class MobileAppActivation:
    bis_number: str
    full_name: str
    username: str


@dataclass(frozen=True, slots=True)
class AppSecret:
    """The app's secret for the last step (server-side) and how the page shows it."""

    secret: str
    qr_src: str
    secret_text: str


def first_key_secret(key: str, *, account_name: str) -> AppSecret | None:
    """Step 2, once the key is chosen: a fresh secret when it is the app (None for the token),
    stored only when the app's first code proves it at the last step."""
    if key != KeyKind.TOTP:
        return None
    secret = totp.start_enrolment()
    screen = totp.enrolment_screen(secret, account_name=account_name)
    return AppSecret(secret, screen.qr_src, screen.secret_text)


def person_for_code(db: Session, *, reference: str, code: str, now: datetime) -> str:
    """Step 1: the name of the person the code was issued to (the code stays unspent)."""
    person = check_activation_code(db, reference=reference, code=code, now=now)
    return f"{person.first_names} {person.surname}"


def check_choices(*, language: str, terms_accepted: bool, key: str = "paper_token") -> None:
    """Step 2: a key that can be activated here, a language of the portal, the terms accepted."""
    if key not in FIRST_KEYS:
        raise errors.KeyChoiceError(key)
    if language not in LANGUAGES:
        raise errors.LanguageChoiceError(language)
    if not terms_accepted:
        raise errors.TermsNotAcceptedError("terms of use not accepted")


def _redeem_with_credentials(
    db: Session, form: FirstKeyForm, *, key: str, now: datetime
) -> tuple[RegisteredPerson, Credential]:
    """Spends the activation code and gives its person a username + password and a language."""
    check_choices(language=form.language, terms_accepted=form.terms_accepted, key=key)
    bis_number = redeem_activation_code(db, reference=form.reference, code=form.code, now=now)
    person = find_person(db, bis_number)
    assert person is not None
    credential = set_credentials(
        db, national_number=bis_number, username=form.username, password=form.password, now=now
    )
    # A recovery with a new activation code: whoever held the old way in is out.
    revoke_others(db, bis_number, keep=None, now=now)
    person.language = form.language
    db.add(person)
    return person, credential


def activate_first_key(
    db: Session, form: FirstKeyForm, *, key: str, secret: str, first_code: str, now: datetime
) -> TokenActivation | MobileAppActivation:
    """The last step, for the key chosen at step 2."""
    if key == KeyKind.TOTP:
        return activate_mobile_app(db, form, secret=secret, first_code=first_code, now=now)
    return activate_paper_token(db, form, now=now)


def activate_paper_token(
    db: Session,
    form: FirstKeyForm,
    *,
    now: datetime,
    random: Callable[[int], int] = secrets.randbelow,
) -> TokenActivation:
    person, credential = _redeem_with_credentials(db, form, key="paper_token", now=now)
    codes = create_token_card(db, national_number=person.bis_number, now=now, random=random)
    address = send_token_card(db, national_number=person.bis_number, codes=codes, now=now)
    return TokenActivation(
        bis_number=person.bis_number,
        full_name=f"{person.first_names} {person.surname}",
        email=address,
        username=credential.username,
        codes=codes,
    )


def activate_mobile_app(
    db: Session, form: FirstKeyForm, *, secret: str, first_code: str, now: datetime
) -> MobileAppActivation:
    """The app's secret (from ``totp.start_enrolment``, shown as a QR code) proven by its first
    code, with the username + password it is used with."""
    person, credential = _redeem_with_credentials(db, form, key="totp", now=now)
    totp.confirm_enrolment(
        db, national_number=person.bis_number, secret=secret, first_code=first_code, now=now
    )
    return MobileAppActivation(
        bis_number=person.bis_number,
        full_name=f"{person.first_names} {person.surname}",
        username=credential.username,
    )
