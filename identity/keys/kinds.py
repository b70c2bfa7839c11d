"""The kinds of digital keys, as stored in ``digital_key.kind`` and used by the registry."""

from __future__ import annotations

from enum import StrEnum


class KeyKind(StrEnum):
    EID = "eid"
    PASSWORD = "password"  # noqa: S105 - a key kind, not a secret
    TOTP = "totp"
    EMAIL_CODE = "email_code"
    SMS_CODE = "sms_code"
    PAPER_TOKEN = "paper_token"  # noqa: S105 - a key kind, not a secret
    ITSME = "itsme"
    EIDAS = "eidas"
