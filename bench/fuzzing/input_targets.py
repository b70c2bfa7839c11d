"""The portal's other input parsers: national, BIS and company numbers, e-mail addresses, phone
numbers, usernames and passwords, one-time codes, activation codes, dates, the companies' and
the registration office's forms, and the signed links and cookies a browser hands back.

Rules checked besides "no crash": what is accepted is in the parser's own output format, reads
back the same (format then parse), and can be stored and sent: UTF-8 text without controls, and
for an e-mail address exactly the one mailbox mail would send to.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import astuple, dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import getaddresses
from typing import Any

from bench.fuzzing.inputs import Inputs
from bench.fuzzing.target import ACCEPTED, BrokenRuleError, Target
from foundation.email_address import is_email_address
from foundation.signed_links import ExpiredLinkError, InvalidLinkError, LinkClaims, LinkSigner
from identity.bis_numbers import is_valid_bis_number, make_bis_number
from identity.keys.errors import DigitalKeyError
from identity.one_time_code.codes import normalise_code
from identity.paper_token.registration import ALPHABET, normalise_activation_code
from identity.paper_token.registration_form import checked_fields
from identity.password.policy import check_password, checked_username, normalized_password
from identity.sessions import SessionCookie
from identity.sms_code.phone import mask_mobile, normalise_mobile
from identity.totp.matching import normalized_code
from portal.accounts.errors import AccountError
from portal.accounts.service import checked_email as account_email
from portal.companies.checks import checked_message
from portal.companies.company_number import (
    CompanyNumberError,
    format_company_number,
    parse_company_number,
)
from portal.companies.errors import CompanyError
from portal.companies.gap import GapDetails, checked_details, checked_phone
from portal.companies.invitation_form import parse_day
from portal.companies.invitations import Invitee, check_persons
from portal.companies.national_number import (
    NationalNumberError,
    format_national_number,
    parse_national_number,
)
from portal.companies.people import Person, checked_person
from portal.dossiers.dossier_visits import parse_place
from portal.dossiers.errors import DossierError
from portal.dossiers.forms.values import parse_date
from portal.dossiers.space_board import company_number_of

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
NATIONAL_NUMBERS = ("85.07.30-033.28", "85073003328", "01.02.03-004.79", "86031412345")
COMPANY_NUMBERS = ("0845.059.050", "BE 0845 059 050", "845059050", "BE0403170701")
EMAILS = ("naima.mremi@example.be", "a@b.be", "jean-pierre.o'neil@ulb.ac.be", "x+tag@mail.fr")
MOBILES = ("0470 12 34 56", "+32 (0)470 12.34.56", "0032470123456", "+32470123456")
PHONES = ("+32 71 12 34 56", "071/12.34.56", "+33 1 23 45 67 89")
PASSWORDS = ("Correct-Horse-Battery-42", "azerty123", "motdepasse", "Naïma1986!", "aB3$efgh")
USERNAMES = ("naima.mremi", "jp_o-neil", "ab", "Chloé")
CODES = ("123 456", "123-456", "123456", "12345", "１２３４５６")
ACTIVATION_CODES = ("ABCDE FGHJK LMNPQ RSTUV", "23456-789AB-CDEFG-HJKLM", "abcde fghjk lmnpq rstuv")
DAYS = ("02/03/2026", "2026-03-02", "2/3/2026", "31/02/2026", "20260302", "2026-W10-1")
PLACES = ("citoyen", "enseignement", "entreprise:0845059050", "entreprise:845059050")
NAMES = ("Mremi", "Naïma Samira", "O'Neil-Dupont", "Van den Bossche")
DOCUMENTS = ("passport", "identity_card", "residence_permit")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MOBILE = re.compile(r"\+324[5-9][0-9]{7}")


def storable(text: str, what: str) -> None:
    """Kept text goes to SQLite and into mails as UTF-8: a lone surrogate cannot."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise BrokenRuleError(f"{what} accepted but not storable: {error}") from error


def one_mailbox(address: str) -> None:
    """An accepted address is one mailbox, the one shown: what mail's To header would read."""
    storable(address, "an e-mail address")
    if CONTROL.search(address):
        raise BrokenRuleError(f"control character in an accepted address {address!r}")
    if getaddresses([address]) != [("", address)]:
        raise BrokenRuleError(f"{address!r} would be mailed to {getaddresses([address])}")


def _target(
    name: str,
    covers: str,
    weight: float,
    seeds: tuple[str, ...],
    check: Callable[[str], object],
    refusals: tuple[type[BaseException], ...],
    *,
    most: int = 40,
) -> Target:
    def run(text: str) -> str:
        check(text)
        return ACCEPTED

    return Target(
        name, covers, weight, lambda inputs: inputs.typed(seeds, most=most), run, refusals
    )


def _national_number(text: str) -> None:
    number = parse_national_number(text)
    if not (len(number) == 11 and number.isascii() and number.isdigit()):
        raise BrokenRuleError(f"national number {number!r} is not 11 digits")
    if parse_national_number(format_national_number(number)) != number:
        raise BrokenRuleError(f"{number!r} does not read back from its shown form")


def _company_number(text: str) -> None:
    number = parse_company_number(text)
    if not (len(number) == 10 and number.isascii() and number.isdigit()):
        raise BrokenRuleError(f"company number {number!r} is not 10 digits")
    if parse_company_number(format_company_number(number)) != number:
        raise BrokenRuleError(f"{number!r} does not read back from its shown form")


def _bis(inputs: Inputs) -> str:
    seed = make_bis_number(date(1990 + inputs.integer(0, 30), 1 + inputs.integer(0, 11), 15), 7)
    return inputs.typed((seed,))


def _bis_check(text: str) -> str:
    if not is_valid_bis_number(text):
        return "not a BIS number"
    if not (text.isascii() and text.isdigit()):
        raise BrokenRuleError(f"BIS number {text!r} accepted with other characters")
    return ACCEPTED


def _email(text: str) -> str:
    if not is_email_address(text):
        return "not an e-mail address"
    one_mailbox(text)
    return ACCEPTED


def _account_email(text: str) -> None:
    one_mailbox(account_email(text, text.upper()))


def _mobile(text: str) -> None:
    number = normalise_mobile(text)
    if not MOBILE.fullmatch(number):
        raise BrokenRuleError(f"mobile {number!r} is not +32 4xx xx xx xx")
    mask_mobile(number)


def _password(case: tuple[str, str]) -> str:
    password, username = case
    # Hashed at every login with what the person typed, checked or not: it must be UTF-8.
    storable(normalized_password(password), "a password")
    # As set_credentials does: the username is checked first, the names are the account's.
    name = checked_username(username)
    check_password(password, username=name, personal=["Mremi", "Naïma", "nmr@ewbs.be"])
    return ACCEPTED


def _username(text: str) -> None:
    name = checked_username(text)
    if not re.fullmatch(r"[a-z0-9._-]{3,64}", name):
        raise BrokenRuleError(f"username {name!r} outside its alphabet")


def _six_digits(parse: Callable[[str], str]) -> Callable[[str], None]:
    def check(text: str) -> None:
        code = parse(text)
        if not (len(code) == 6 and code.isascii() and code.isdigit()):
            raise BrokenRuleError(f"code {code!r} is not six digits")

    return check


def _activation(text: str) -> None:
    code = normalise_activation_code(text)
    if len(code) != 20 or any(c not in ALPHABET for c in code):
        raise BrokenRuleError(f"activation code {code!r} outside its alphabet")


def _day(text: str) -> None:
    parse_day(text, "valid_from", required=True)


def _form_date(text: str) -> str:
    day = parse_date(text)
    if day is None:
        return "not a date"
    if parse_date(day.isoformat()) != day:
        raise BrokenRuleError(f"{day} does not read back")
    return ACCEPTED


def _place(text: str) -> str:
    """A place key from a link, then the company number a professional space's link carries."""
    try:
        parse_place(text)
        kind = ACCEPTED
    except ValueError as refusal:
        if isinstance(refusal, UnicodeError):
            raise
        kind = "ValueError (not a place)"
    try:
        company_number_of(text.partition(":")[2])
    except DossierError as refusal:
        return f"{kind} + {type(refusal).__name__}"
    return kind


@dataclass(frozen=True)
class PersonCase:
    national_number: str
    surname: str
    first_names: str
    email: str
    phone: str
    message: str


def _person_case(inputs: Inputs) -> PersonCase:
    return PersonCase(
        national_number=inputs.typed(NATIONAL_NUMBERS),
        surname=inputs.typed(NAMES, most=300),
        first_names=inputs.typed(NAMES, most=300),
        email=inputs.typed(EMAILS),
        phone=inputs.typed(PHONES),
        message=inputs.typed(("Bienvenue dans l'équipe.",), most=3000),
    )


def _people_check(case: PersonCase) -> str:
    person = checked_person(
        Person(case.national_number, case.surname, case.first_names, case.email)
    )
    gap = checked_details(
        GapDetails(case.surname, case.first_names, case.national_number, case.email, case.phone)
    )
    invitees = check_persons((Invitee(case.surname, case.first_names, case.email),))
    message = checked_message(case.message)
    for text in (*vars_of(person), *vars_of(gap), *vars_of(invitees[0]), message):
        storable(text, "a company form's value")
    one_mailbox(person.email)
    return ACCEPTED


def vars_of(record: Any) -> list[str]:
    return [str(value) for value in astuple(record)]


@dataclass(frozen=True)
class RegistrationCase:
    officer_id: str
    surname: str
    first_names: str
    birth_date: date
    document_type: str
    document_number: str
    email: str


def _registration_case(inputs: Inputs) -> RegistrationCase:
    return RegistrationCase(
        officer_id=inputs.typed(("agent-007", "officer.1")),
        surname=inputs.typed(NAMES, most=300),
        first_names=inputs.typed(NAMES, most=300),
        birth_date=date(1850, 1, 1) + timedelta(days=inputs.integer(0, 70_000)),
        document_type=inputs.typed(DOCUMENTS),
        document_number=inputs.typed(("EM123456", "AB-12 34 56", "x")),
        email=inputs.typed(EMAILS),
    )


def _registration_check(case: RegistrationCase) -> str:
    fields = checked_fields(
        officer_id=case.officer_id,
        surname=case.surname,
        first_names=case.first_names,
        birth_date=case.birth_date,
        document_type=case.document_type,
        document_number=case.document_number,
        email=case.email,
        now=NOW,
    )
    for value in fields.values():
        storable(value, "a registration field")
    one_mailbox(fields["email"])
    return ACCEPTED


def _token_targets() -> list[Target]:
    links = LinkSigner("fuzzing-secret", "activation")
    cookies = SessionCookie("fuzzing-secret")
    link_seeds = tuple(
        links.make(LinkClaims(n, f"nonce{n}"), now=NOW, valid_for=timedelta(days=days))
        for n, days in ((1, 1), (22, 7), (333, -1))
    )
    signed = {links.read(seed, now=NOW - timedelta(days=2)) for seed in link_seeds}
    session_ids = ("0123456789abcdef0123456789abcdef", "x")
    cookie_seeds = tuple(cookies.encode(session_id) for session_id in session_ids)

    # Base64 decoding skips characters outside its alphabet, so a signed token with one added
    # still reads: the same claims, never others. The rule is on the claims.
    def link(text: str) -> str:
        claims = links.read(text, now=NOW)
        if claims not in signed:
            raise BrokenRuleError(f"a link we never signed was read: {claims}")
        return ACCEPTED

    def cookie(text: str) -> str:
        # A cookie header is Latin-1 text: no lone surrogate can come this way.
        latin = text.encode("utf-8", "surrogatepass").decode("latin-1")
        session_id = cookies.decode(latin)
        if session_id is None:
            return "ignored"
        if session_id not in session_ids:
            raise BrokenRuleError(f"a cookie we never signed gave the session {session_id!r}")
        return ACCEPTED

    return [
        Target(
            "links.signed_link",
            "foundation/signed_links.py: the token of an e-mailed link",
            1,
            lambda inputs: inputs.typed(link_seeds, most=120),
            link,
            (InvalidLinkError, ExpiredLinkError),
        ),
        Target(
            "links.session_cookie",
            "identity/sessions.py: SessionCookie.decode",
            1,
            lambda inputs: inputs.typed(cookie_seeds, most=120),
            cookie,
        ),
    ]


def input_targets() -> list[Target]:
    return [
        _target(
            "input.national_number",
            "portal/companies/national_number.py: parse and format",
            6,
            NATIONAL_NUMBERS,
            _national_number,
            (NationalNumberError,),
        ),
        _target(
            "input.company_number",
            "portal/companies/company_number.py: parse and format",
            5,
            COMPANY_NUMBERS,
            _company_number,
            (CompanyNumberError,),
        ),
        Target(
            "input.bis_number",
            "identity/bis_numbers.py: is_valid_bis_number",
            2,
            _bis,
            _bis_check,
        ),
        Target(
            "input.email_address",
            "foundation/email_address.py: the one rule of every form",
            8,
            lambda inputs: inputs.typed(EMAILS, most=80),
            _email,
        ),
        _target(
            "input.account_email",
            "portal/accounts/service.py: checked_email (address and confirmation)",
            2,
            EMAILS,
            _account_email,
            (AccountError,),
        ),
        _target(
            "input.mobile_number",
            "identity/sms_code/phone.py: normalise_mobile, mask_mobile",
            5,
            MOBILES,
            _mobile,
            (DigitalKeyError,),
        ),
        _target(
            "input.contact_phone",
            "portal/companies/gap.py: checked_phone",
            2,
            PHONES,
            checked_phone,
            (CompanyError,),
        ),
        Target(
            "input.password",
            "identity/password/policy.py: check_password (zxcvbn), normalized_password",
            2,
            lambda inputs: (
                inputs.typed(PASSWORDS, most=80),
                inputs.typed(USERNAMES) if inputs.chance(0.2) else inputs.pick(USERNAMES[:2]),
            ),
            _password,
            (DigitalKeyError,),
        ),
        _target(
            "input.username",
            "identity/password/policy.py: checked_username",
            3,
            USERNAMES,
            _username,
            (DigitalKeyError,),
        ),
        _target(
            "input.totp_code",
            "identity/totp/matching.py: normalized_code",
            3,
            CODES,
            _six_digits(normalized_code),
            (DigitalKeyError,),
        ),
        _target(
            "input.one_time_code",
            "identity/one_time_code/codes.py: normalise_code (e-mail and SMS codes)",
            3,
            CODES,
            _six_digits(normalise_code),
            (DigitalKeyError,),
        ),
        _target(
            "input.activation_code",
            "identity/paper_token/registration.py: normalise_activation_code",
            3,
            ACTIVATION_CODES,
            _activation,
            (DigitalKeyError,),
        ),
        _target(
            "input.validity_day",
            "portal/companies/invitation_form.py: parse_day",
            3,
            DAYS,
            _day,
            (CompanyError,),
        ),
        Target(
            "input.form_date",
            "portal/dossiers/forms/values.py: parse_date",
            3,
            lambda inputs: inputs.typed(DAYS),
            _form_date,
        ),
        Target(
            "input.place",
            "portal/dossiers/dossier_visits.py: parse_place, space_board.company_number_of",
            2,
            lambda inputs: inputs.typed(PLACES),
            _place,
        ),
        Target(
            "input.company_people",
            "portal/companies: checked_person, GAP details, invitees, message",
            3,
            _person_case,
            _people_check,
            (CompanyError, NationalNumberError),
        ),
        Target(
            "input.registration_form",
            "identity/paper_token/registration_form.py: checked_fields",
            2,
            _registration_case,
            _registration_check,
            (DigitalKeyError,),
        ),
        *_token_targets(),
    ]
