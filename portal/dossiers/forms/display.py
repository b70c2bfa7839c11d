"""A cleaned value as a person reads it: on a read-only field, a summary or a receipt."""

from __future__ import annotations

from decimal import Decimal

from foundation.i18n.catalog import text
from portal.companies.company_number import format_company_number
from portal.companies.national_number import format_national_number
from portal.dossiers.forms.model import CHECKED, Field, FieldType
from portal.dossiers.forms.values import normalise, parse_date

# Thousands separator, decimal mark, and where the euro sign goes, by language.
_MONEY = {
    "fr": ("\u202f", ",", "{} €"),
    "nl": (".", ",", "€ {}"),
    "de": (".", ",", "{} €"),
    "en": (",", ".", "€{}"),
}


def display_value(field: Field, value: str, language: str) -> str:
    """``value`` (cleaned) written for a person: dates ``DD/MM/YYYY``, numbers with their dots,
    choices by their label, a ticked box as Oui/Ja/Yes. Attachment ids stay as they are (the
    dossier names its attachments). A value that is not valid is shown as it is."""
    cleaned = normalise(field, value)
    if not isinstance(cleaned, str):
        return value.strip()
    if field.type is FieldType.CHECKBOX:
        return text(language, "form.yes" if cleaned == CHECKED else "form.no")
    if not cleaned:
        return ""
    match field.type:
        case FieldType.DATE:
            day = parse_date(cleaned)
            return day.strftime("%d/%m/%Y") if day is not None else cleaned
        case FieldType.AMOUNT:
            return money(Decimal(cleaned), language)
        case FieldType.CHOICE | FieldType.RADIO:
            return field.choice_label(cleaned, language)
        case FieldType.IBAN:
            return " ".join(cleaned[i : i + 4] for i in range(0, len(cleaned), 4))
        case FieldType.NATIONAL_NUMBER:
            return format_national_number(cleaned)
        case FieldType.COMPANY_NUMBER:
            return format_company_number(cleaned)
        case _:
            return cleaned


def money(amount: Decimal, language: str) -> str:
    """``1250.5`` → ``1 250,50 €`` (fr), ``€ 1.250,50`` (nl), ``1.250,50 €`` (de), ``€1,250.50``."""
    thousands, mark, pattern = _MONEY.get(language, _MONEY["fr"])
    whole, cents = f"{amount:,.2f}".split(".")
    return pattern.format(whole.replace(",", thousands) + mark + cents)
