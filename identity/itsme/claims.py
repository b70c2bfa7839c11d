"""From the ID token's claims to the person who logs in.

itsme gives the Belgian national register number in its own claim (scope ``eid``) and the names
and birth date in the standard ones (scope ``profile``). The portal knows people by their national
number, so that claim is what maps the login to the person; ``sub`` (pairwise, the same person at
this portal every time) is kept for the record only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from identity.itsme.errors import ItsmeInvalidTokenError
from identity.sessions import LoginIdentity

NATIONAL_NUMBER_CLAIM = "http://itsme.services/v2/claim/BENationalNumber"
ID_TOKEN_CLAIMS = ("family_name", "given_name", "birthdate", NATIONAL_NUMBER_CLAIM)


@dataclass(frozen=True, slots=True)
class ItsmeIdentity:
    subject: str
    identity: LoginIdentity


def identity_from_claims(claims: dict[str, Any]) -> ItsmeIdentity:
    values = {
        name: value.strip()
        for name in ("sub", *ID_TOKEN_CLAIMS)
        if isinstance(value := claims.get(name), str) and value.strip()
    }
    missing = {"sub", *ID_TOKEN_CLAIMS} - set(values)
    if missing:
        raise ItsmeInvalidTokenError(f"the ID token lacks {sorted(missing)}")
    try:
        birth_date = date.fromisoformat(values["birthdate"])
    except ValueError:
        raise ItsmeInvalidTokenError(f"unreadable birthdate {values['birthdate']!r}") from None
    national_number = values[NATIONAL_NUMBER_CLAIM]
    if not valid_national_number(national_number):
        raise ItsmeInvalidTokenError(f"not a national number: {national_number!r}")
    return ItsmeIdentity(
        subject=values["sub"],
        identity=LoginIdentity(
            national_number=national_number,
            surname=values["family_name"],
            first_names=values["given_name"],
            birth_date=birth_date,
        ),
    )


def valid_national_number(number: str) -> bool:
    """11 digits whose last two are 97 - (first nine mod 97), "2"-prefixed from 2000 on."""
    if len(number) != 11 or not number.isascii() or not number.isdigit():
        return False
    first_nine, check = int(number[:9]), int(number[9:])
    return check in (97 - first_nine % 97, 97 - int("2" + number[:9]) % 97)
