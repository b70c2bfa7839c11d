"""otpauth URIs and TOTP codes (RFC 6238 over RFC 4226), as an authenticator app does them."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import parse_qs, unquote, urlsplit

ALGORITHMS = {"SHA1": hashlib.sha1, "SHA256": hashlib.sha256, "SHA512": hashlib.sha512}
DIGITS = range(6, 9)
MAX_PERIOD = 3600


class OtpauthError(ValueError):
    """Why an otpauth URI was refused: ``reason`` for programs, the message (French) for people."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Enrolment:
    issuer: str
    account: str
    secret: str  # base32, upper case, no padding
    digits: int = 6
    period: int = 30
    algorithm: str = "SHA1"

    @property
    def label(self) -> str:
        return f"{self.issuer} — {self.account}" if self.issuer else self.account


def _secret_bytes(secret: str) -> bytes:
    cleaned = secret.replace(" ", "").replace("=", "").upper()
    return base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))


def parse_otpauth(uri: str) -> Enrolment:
    """The enrolment an ``otpauth://totp/Issuer:account?secret=…&issuer=…`` URI describes.

    Anything else (another scheme, HOTP, no or bad secret, unsupported digits, period or
    algorithm, issuers that disagree) raises OtpauthError.
    """
    parts = urlsplit(uri.strip())
    if parts.scheme.lower() != "otpauth":
        raise OtpauthError(
            "not_otpauth", f"Ce n'est pas une adresse otpauth:// (reçu : « {uri[:60]} »)."
        )
    if parts.netloc.lower() != "totp":
        kind = parts.netloc or "(aucun)"
        raise OtpauthError(
            "not_totp", f"Seuls les codes temporels (totp) sont pris en charge, pas « {kind} »."
        )
    label = unquote(parts.path.removeprefix("/"))
    label_issuer, _, account = label.rpartition(":")
    account = account.strip()
    if not account:
        raise OtpauthError("missing_account", "L'adresse otpauth ne nomme pas de compte.")
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    issuer = query.get("issuer", label_issuer).strip()
    if label_issuer and issuer != label_issuer.strip():
        raise OtpauthError(
            "issuer_mismatch",
            f"Deux émetteurs différents : « {label_issuer} » et « {issuer} ».",
        )
    secret = query.get("secret", "")
    if not secret:
        raise OtpauthError("missing_secret", "L'adresse otpauth ne contient pas de secret.")
    try:
        if not _secret_bytes(secret):
            raise ValueError(secret)
    except (binascii.Error, ValueError):
        raise OtpauthError(
            "bad_secret", "Le secret n'est pas une clé en base 32 valable."
        ) from None
    algorithm = query.get("algorithm", "SHA1").upper()
    if algorithm not in ALGORITHMS:
        raise OtpauthError("bad_algorithm", f"Algorithme non pris en charge : « {algorithm} ».")
    digits = _integer(query.get("digits", "6"), "bad_digits", "nombre de chiffres")
    if digits not in DIGITS:
        raise OtpauthError(
            "bad_digits", f"Les codes de {digits} chiffres ne sont pas pris en charge."
        )
    period = _integer(query.get("period", "30"), "bad_period", "période")
    if not 0 < period <= MAX_PERIOD:
        raise OtpauthError("bad_period", f"Période non prise en charge : {period} s.")
    normalised = secret.replace(" ", "").replace("=", "").upper()
    return Enrolment(issuer, account, normalised, digits, period, algorithm)


def _integer(value: str, reason: str, what: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise OtpauthError(reason, f"« {value} » n'est pas un nombre ({what}).") from None


def hotp(key: bytes, counter: int, *, digits: int = 6, algorithm: str = "SHA1") -> str:
    """RFC 4226: HMAC of the 8-byte counter, dynamic truncation, ``digits`` decimal digits."""
    digest = hmac.new(key, counter.to_bytes(8, "big"), ALGORITHMS[algorithm]).digest()
    offset = digest[-1] & 0x0F
    value = int.from_bytes(digest[offset : offset + 4], "big") & 0x7FFFFFFF
    return str(value % 10**digits).zfill(digits)


def _time_step(enrolment: Enrolment, now: datetime) -> int:
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime (UTC)")
    return int(now.timestamp()) // enrolment.period


def current_code(enrolment: Enrolment, now: datetime) -> str:
    """RFC 6238: the code of the time step that ``now`` falls in."""
    return hotp(
        _secret_bytes(enrolment.secret),
        _time_step(enrolment, now),
        digits=enrolment.digits,
        algorithm=enrolment.algorithm,
    )


def seconds_left(enrolment: Enrolment, now: datetime) -> int:
    """How long the current code stays the current one (1 to ``period`` seconds)."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime (UTC)")
    return enrolment.period - int(now.timestamp()) % enrolment.period


def grouped(code: str) -> str:
    """``123456`` → ``123 456``, as apps show codes."""
    middle = len(code) // 2
    return f"{code[:middle]} {code[middle:]}"
