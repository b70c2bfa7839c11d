"""The company register (Banque-Carrefour des Entreprises) as the portal reads it, over HTTP.

Contract: ``GET {base_url}/api/companies/<10 digits>`` → 200 ``{"number", "name", "legal_form",
"address": {"street", "zip_code", "municipality"}, "status": "active" | "stopped",
"representatives": [{"national_number", "surname", "first_names", "function"}]}``; 404 for a
number the register does not know. Anything else (no answer in time, 5xx, unreadable JSON) is
``CompanyRegisterUnavailableError``: the page says the register does not answer and writes nothing.
"""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol
from urllib.parse import urlsplit

from portal.companies.company_number import format_company_number, parse_company_number
from portal.companies.national_number import parse_national_number


class CompanyStatus(StrEnum):
    ACTIVE = "active"
    STOPPED = "stopped"


@dataclass(frozen=True, slots=True)
class LegalRepresentative:
    national_number: str  # 11 digits
    surname: str
    first_names: str
    function: str  # as the register words it, e.g. "Administrateur délégué"


@dataclass(frozen=True, slots=True)
class RegisteredCompany:
    number: str  # 10 digits
    name: str
    legal_form: str
    street: str
    zip_code: str
    municipality: str
    status: CompanyStatus
    representatives: tuple[LegalRepresentative, ...]

    @property
    def display_number(self) -> str:
        return format_company_number(self.number)

    @property
    def is_active(self) -> bool:
        return self.status is CompanyStatus.ACTIVE

    def is_represented_by(self, national_number: str) -> bool:
        return any(r.national_number == national_number for r in self.representatives)


class CompanyRegisterUnavailableError(Exception):
    """
    The company register (Crossroads Bank for Enterprises) is not answering at the moment.
    """


class CompanyRegister(Protocol):
    def find(self, number: str) -> RegisteredCompany | None:
        """The company with that number, None if the register has none; ``number`` may be typed
        (dots, ``BE``), an invalid one raises ``CompanyNumberError`` before any request."""


class HttpCompanyRegister:
    def __init__(self, base_url: str, timeout: float) -> None:
        if urlsplit(base_url).scheme not in ("http", "https"):
            raise ValueError(f"the company register URL must be http(s): {base_url!r}")
        self._base = base_url.rstrip("/")
        self._timeout = timeout

    def find(self, number: str) -> RegisteredCompany | None:
        digits = parse_company_number(number)
        request = urllib.request.Request(  # noqa: S310 - scheme checked in __init__
            f"{self._base}/api/companies/{digits}", headers={"Accept": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=self._timeout) as response:  # noqa: S310
                raw = response.read()
        except urllib.error.HTTPError as error:
            if error.code == 404:
                return None
            raise _unavailable(f"answered HTTP {error.code} for {digits}") from error
        # OSError covers URLError, refused connections and timeouts; HTTPException a cut answer.
        except (OSError, http.client.HTTPException) as error:
            raise _unavailable(f"unreachable ({error})") from error
        try:
            company = _company(json.loads(raw))
        except (ValueError, KeyError, TypeError) as error:
            raise _unavailable(f"gave an unreadable answer: {raw[:200]!r}") from error
        if company.number != digits:
            raise _unavailable(f"answered {company.number} when asked for {digits}")
        return company


def _unavailable(what: str) -> CompanyRegisterUnavailableError:
    return CompanyRegisterUnavailableError(f"company register {what}")


def _text(raw: dict[str, Any], key: str) -> str:
    value = raw[key]
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{key} is not a non-empty string")
    return value.strip()


def _company(raw: Any) -> RegisteredCompany:
    address = raw["address"]
    representatives = raw["representatives"]
    if not isinstance(address, dict) or not isinstance(representatives, list):
        raise TypeError("address must be an object and representatives a list")
    return RegisteredCompany(
        number=parse_company_number(_text(raw, "number")),
        name=_text(raw, "name"),
        legal_form=_text(raw, "legal_form"),
        street=_text(address, "street"),
        zip_code=_text(address, "zip_code"),
        municipality=_text(address, "municipality"),
        status=CompanyStatus(raw["status"]),
        representatives=tuple(
            LegalRepresentative(
                national_number=parse_national_number(_text(r, "national_number")),
                surname=_text(r, "surname"),
                first_names=_text(r, "first_names"),
                function=_text(r, "function"),
            )
            for r in representatives
        ),
    )
