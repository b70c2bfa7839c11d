"""The authentic sources a field may be prefilled from ("fournir mes données une seule fois").

``eid.*`` come from the identity and address files of the person's eID card, ``company.*`` from
the company register (BCE) for the company the person acts for. Each source fits the field types
listed with it; ``portal.dossiers.prefill`` builds the values from the cards and the register.
"""

from __future__ import annotations

from portal.dossiers.forms.model import FieldType

_WORDS = frozenset({FieldType.TEXT, FieldType.TEXTAREA})

SOURCES: dict[str, frozenset[FieldType]] = {
    "eid.surname": _WORDS,
    "eid.given_names": _WORDS,
    "eid.first_name": _WORDS,
    "eid.birth_date": frozenset({FieldType.DATE}),
    "eid.birth_place": _WORDS,
    "eid.nationality": _WORDS,
    "eid.national_number": frozenset({FieldType.NATIONAL_NUMBER}),
    "eid.street": _WORDS,
    "eid.postal_code": frozenset({FieldType.POSTAL_CODE}),
    "eid.municipality": _WORDS,
    "company.number": frozenset({FieldType.COMPANY_NUMBER}),
    "company.name": _WORDS,
    "company.legal_form": _WORDS,
    "company.street": _WORDS,
    "company.postal_code": frozenset({FieldType.POSTAL_CODE}),
    "company.municipality": _WORDS,
}
COMPANY_PREFIX = "company."
