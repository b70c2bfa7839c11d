"""Activation of a first key from the e-mailed link (seed 004, "Activer votre clé numérique"):
the paper token, or the mobile app or the SMS code the seed recommends ("Il est recommandé
d'installer le code de sécurité via application mobile ou SMS").

Step 1 checks the activation code without spending it, so a page reloaded before the end loses
nothing; the last step checks it again and spends it in the same unit of work that creates the
username + password and the key, so an error there (username taken, weak password, a wrong first
code of the app) leaves the code usable.

The SMS code is sent once the activation code is checked again (an SMS to any number for whoever
holds nothing would otherwise be one request away), counted like any registration code (one a
minute, five an hour, the person's hourly SMS). The last step checks the SMS code before it
spends anything: a wrong one is counted and committed at once, with nothing else written.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from foundation.contacts import find_account
from foundation.models.digital_keys import Credential
from foundation.models.paper_token import RegisteredPerson
from identity import totp
from identity.keys.kinds import KeyKind
from identity.one_time_code import flows
from identity.paper_token import errors
from identity.paper_token.card import create_token_card, send_token_card
from identity.paper_token.registration import (
    check_activation_code,
    find_person,
    redeem_activation_code,
)
from identity.password import set_credentials
from identity.sessions import revoke_others
from identity.sms_code.sender import SmsSender
from identity.sms_code.service import SMS_CODES, texter

LANGUAGES = ("fr", "nl", "de", "en")
# The keys a person can activate with an activation code, those the seed recommends first.
FIRST_KEYS: tuple[str, ...] = (KeyKind.TOTP, KeyKind.SMS_CODE, KeyKind.PAPER_TOKEN)


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
class SmsCodeActivation:
    bis_number: str
    full_name: str
    username: str
    phone: str  # masked, as the page shows it


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


def send_sms_code(
    db: Session,
    *,
    reference: str,
    code: str,
    phone: str,
    now: datetime,
    sender: SmsSender,
    random: flows.Random = secrets.randbelow,
    code_right: Callable[[], None] = lambda: None,
) -> str:
    """Step 3 of the SMS code: the activation code checked again (a wrong one counts), then a
    registration code sent by SMS to ``phone``; returns the number masked. The person's SMS key,
    if they had one, is replaced at the last step (a recovery). ``code_right`` is told once the
    activation code passed, before the number is checked and the SMS sent."""
    person = check_activation_code(db, reference=reference, code=code, now=now)
    code_right()
    kept = flows.start_enrolment(
        db,
        SMS_CODES,
        national_number=person.bis_number,
        destination=phone,
        now=now,
        deliver=texter(sender),
        random=random,
        replacing=True,
    )
    return SMS_CODES.mask(kept)


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
    # "Ma préférence linguistique" is the person's, an account's too (its e-mails' language).
    account = find_account(db, bis_number)
    if account is not None:
        account.language = form.language
        db.add(account)
    return person, credential


def activate_first_key(
    db: Session, form: FirstKeyForm, *, key: str, secret: str, first_code: str, now: datetime
) -> TokenActivation | MobileAppActivation | SmsCodeActivation:
    """The last step, for the key chosen at step 2 (``first_code``: the app's, or the SMS's)."""
    if key == KeyKind.TOTP:
        return activate_mobile_app(db, form, secret=secret, first_code=first_code, now=now)
    if key == KeyKind.SMS_CODE:
        return activate_sms_code(db, form, sms_code=first_code, now=now)
    return activate_paper_token(db, form, now=now)


def activate_sms_code(
    db: Session, form: FirstKeyForm, *, sms_code: str, now: datetime
) -> SmsCodeActivation:
    """The code the SMS brought, with the username + password it is used with. The SMS code
    is checked first: a wrong one commits its count before anything else is written."""
    check_choices(language=form.language, terms_accepted=form.terms_accepted, key=KeyKind.SMS_CODE)
    person = check_activation_code(db, reference=form.reference, code=form.code, now=now)
    key = flows.confirm_enrolment(
        db,
        kind=KeyKind.SMS_CODE,
        national_number=person.bis_number,
        code=sms_code,
        now=now,
        replacing=True,
    )
    person, credential = _redeem_with_credentials(db, form, key=KeyKind.SMS_CODE, now=now)
    assert key.destination is not None
    return SmsCodeActivation(
        bis_number=person.bis_number,
        full_name=f"{person.first_names} {person.surname}",
        username=credential.username,
        phone=SMS_CODES.mask(key.destination),
    )


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
