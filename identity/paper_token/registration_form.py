"""The registration form an officer fills in from the identity document the person shows."""

from __future__ import annotations

from datetime import date, datetime

from foundation.email_address import is_email_address
from foundation.well_formed_text import well_formed
from identity.paper_token import errors

# The identity documents an officer may accept (value stored → label shown).
DOCUMENT_TYPES: dict[str, str] = {
    "passport": "Passeport",
    "identity_card": "Carte d'identité étrangère",
    "residence_permit": "Titre de séjour",
}


def checked_fields(
    *,
    officer_id: str,
    surname: str,
    first_names: str,
    birth_date: date,
    document_type: str,
    document_number: str,
    email: str,
    now: datetime,
) -> dict[str, str]:
    """The fields as stored (spaces tidied, the document number in capitals), each checked."""
    # Lone surrogates (a forged event) as U+FFFD: SQLite could neither store nor look them up.
    officer_id, surname, first_names = (well_formed(t) for t in (officer_id, surname, first_names))
    checked = {
        "officer_id": officer_id.strip(),
        "surname": " ".join(surname.split()),
        "first_names": " ".join(first_names.split()),
        "document_type": document_type.strip(),
        "document_number": "".join(document_number.split()).upper(),
        "email": email.strip(),
    }
    for field in ("officer_id", "surname", "first_names"):
        if not checked[field] or len(checked[field]) > 200:
            raise errors.RegistrationFieldError(field)
    if not date(1900, 1, 1) <= birth_date <= now.date():
        raise errors.RegistrationFieldError("birth_date")
    if checked["document_type"] not in DOCUMENT_TYPES:
        raise errors.RegistrationFieldError("document_type")
    number = checked["document_number"]
    if not 3 <= len(number) <= 64 or not all(
        c.isascii() and (c.isalnum() or c == "-") for c in number
    ):
        raise errors.RegistrationFieldError("document_number")
    if not is_email_address(checked["email"]):
        raise errors.RegistrationFieldError("email")
    return checked
