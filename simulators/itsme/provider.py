"""The OpenID provider's rules, without HTTP: transactions at /authorize, codes, tokens.

A transaction is one visit of /authorize: the person gives (or confirms) a phone number, a push
goes to that phone (``RequestBook``), and once the phone answers, the browser goes back to the
client with a code, or with ``error``:

- ``access_denied``: refused on the phone;
- ``cancelled``: the person cancelled on the provider's page;
- ``expired``: the phone did not answer in time (``REQUEST_LIFETIME``).

A number itsme does not know gets the very same transaction, whose push reaches nobody and
expires like an unanswered one: the provider's pages and answers never tell whether a number has
an itsme account. Pushes per number are limited (``PushThrottle``), known or not.

A code is good once, for ``CODE_LIFETIME``, for the client and redirect URI it was issued to, and
only with the PKCE verifier of the challenge; a second use revokes what the first one gave.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import re
import secrets
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any
from urllib.parse import urlencode

from authlib.oauth2.rfc7636 import create_s256_code_challenge

from simulators.itsme.authorization_request import (
    SCOPE_CLAIMS,
    AuthorizationParameters,
    client_and_redirect,
    parse_authorization_request,
)
from simulators.itsme.clients import (
    ASSERTION_ALGORITHMS,
    ClientAuthenticationError,
    ClientAuthenticator,
    RegisteredClient,
)
from simulators.itsme.directory import ItsmePhone
from simulators.itsme.push_throttle import PushThrottle
from simulators.itsme.requests import (
    NotPendingError,
    RequestBook,
    RequestStatus,
    UnknownRequestError,
)
from simulators.itsme.signing_key import ALGORITHM, ProviderKey
from simulators.loopback_web import Clock, utc_now
from simulators.sms_gateway.numbers import normalise_phone

# The person has this long to give a phone number on the provider's page.
TRANSACTION_LIFETIME = timedelta(minutes=10)
CODE_LIFETIME = timedelta(minutes=3)  # itsme's
ID_TOKEN_LIFETIME = timedelta(minutes=5)  # itsme's ID tokens: exp = iat + 300
ACCESS_TOKEN_LIFETIME = timedelta(minutes=5)
_VERIFIER = re.compile(r"[A-Za-z0-9._~-]{43,128}")  # RFC 7636 §4.1


class Outcome(StrEnum):
    APPROVED = "approved"
    REFUSED = "refused"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


# The error each outcome sends back to the client (OAuth 2.0 errors, plus two of this provider).
OUTCOME_ERRORS = {
    Outcome.REFUSED: ("access_denied", "the request was refused on the phone"),
    Outcome.CANCELLED: ("cancelled", "the person cancelled on the itsme page"),
    Outcome.EXPIRED: ("expired", "the phone did not answer in time"),
}


class UnknownTransactionError(LookupError):
    pass


class TokenError(Exception):
    """An answer of /token other than 200: ``status``, ``error`` (RFC 6749 §5.2)."""

    def __init__(self, status: int, error: str, description: str) -> None:
        super().__init__(f"{error}: {description}")
        self.status = status
        self.error = error
        self.description = description


class InvalidAccessTokenError(Exception):
    pass


@dataclass(frozen=True, slots=True)
class Transaction:
    id: str
    parameters: AuthorizationParameters
    created_at: datetime
    phone: str | None = None  # E.164, once the person sent the push
    push_id: str | None = None  # None for a number itsme does not know: nobody gets it
    push_expires_at: datetime | None = None
    outcome: Outcome | None = None

    def seconds_left(self, now: datetime) -> int:
        end = self.push_expires_at or self.created_at + TRANSACTION_LIFETIME
        return max(0, int((end - now).total_seconds()))


@dataclass
class _IssuedCode:
    client_id: str
    redirect_uri: str
    code_challenge: str
    nonce: str
    parameters: AuthorizationParameters
    phone: ItsmePhone
    auth_time: datetime
    expires_at: datetime
    used: bool = False
    access_tokens: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _AccessToken:
    claims: dict[str, Any]
    expires_at: datetime


class Provider:
    """The rules of the provider at ``issuer`` (set once the server knows its URL)."""

    def __init__(
        self,
        *,
        book: RequestBook,
        key: ProviderKey,
        clients: Mapping[str, RegisteredClient],
        throttle: PushThrottle | None = None,
        clock: Clock = utc_now,
        issuer: str = "",
    ) -> None:
        self.book = book
        self.key = key
        self.clients = clients
        self.throttle = throttle or PushThrottle()
        self.authenticator = ClientAuthenticator(clients)
        self.issuer = issuer
        self._clock = clock
        self._lock = threading.Lock()
        self._sending = threading.Lock()
        self._transactions: dict[str, Transaction] = {}
        self._codes: dict[str, _IssuedCode] = {}
        self._access_tokens: dict[str, _AccessToken] = {}

    # -- endpoints ------------------------------------------------------------------------

    def discovery(self) -> dict[str, Any]:
        base = self.issuer
        return {
            "issuer": base,
            "authorization_endpoint": f"{base}/authorize",
            "token_endpoint": self.token_endpoint,
            "userinfo_endpoint": f"{base}/userinfo",
            "jwks_uri": f"{base}/jwks",
            "response_types_supported": ["code"],
            "response_modes_supported": ["query"],
            "grant_types_supported": ["authorization_code"],
            "subject_types_supported": ["pairwise"],
            "id_token_signing_alg_values_supported": [ALGORITHM],
            "token_endpoint_auth_methods_supported": ["private_key_jwt"],
            "token_endpoint_auth_signing_alg_values_supported": list(ASSERTION_ALGORITHMS),
            "code_challenge_methods_supported": ["S256"],
            "scopes_supported": ["openid", "profile", "eid", "phone"],
            "claims_supported": sorted({"sub", *self._all_claims()}),
            "claims_parameter_supported": True,
            "authorization_response_iss_parameter_supported": True,
            "ui_locales_supported": ["fr", "nl", "de", "en"],
        }

    @property
    def token_endpoint(self) -> str:
        return f"{self.issuer}/token"

    def now(self) -> datetime:
        return self._clock()

    # -- /authorize -----------------------------------------------------------------------

    def start(self, query: Mapping[str, str]) -> Transaction:
        """A new transaction; NotRedirectableError or AuthorizationRequestError when the request
        is wrong (the latter goes back to the client: ``error_redirect``)."""
        parameters = parse_authorization_request(query, self.clients)
        now = self._clock()
        transaction = Transaction(secrets.token_urlsafe(24), parameters, now)
        with self._lock:
            self._forget_old(now)
            self._transactions[transaction.id] = transaction
        return transaction

    def transaction(self, transaction_id: str) -> Transaction:
        """The transaction with its outcome as of now; UnknownTransactionError once finished."""
        now = self._clock()
        with self._lock:
            transaction = self._transactions.get(transaction_id)
            if transaction is None:
                raise UnknownTransactionError(transaction_id)
            current = self._current(transaction, now)
            self._transactions[transaction_id] = current
            return current

    def send_push(self, transaction_id: str, typed_phone: str) -> Transaction:
        """Sends the request to the phone ``typed_phone``. Raises PhoneNumberError (not a phone
        number) or TooManyPushesError; a number itsme does not know answers the same as one it
        knows."""
        number = normalise_phone(typed_phone)
        # One send at a time: a double click must not push twice.
        with self._sending:
            transaction = self.transaction(transaction_id)
            if transaction.phone is not None or transaction.outcome is not None:
                return transaction  # sent already: one push only
            now = self._clock()
            self.throttle.take(number, now)
            client = transaction.parameters.client
            if number in self.book.phones:
                push = self.book.create(number, client.client_id)
                push_id, expires_at = push.id, push.expires_at
            else:
                push_id, expires_at = None, now + self.book.lifetime
            sent = replace(transaction, phone=number, push_id=push_id, push_expires_at=expires_at)
            with self._lock:
                self._transactions[transaction_id] = sent
            return sent

    def cancel(self, transaction_id: str) -> Transaction:
        transaction = self.transaction(transaction_id)
        if transaction.outcome is not None:
            return transaction
        if transaction.push_id is not None:
            # The phone's request goes away too (unless answered or expired meanwhile).
            with contextlib.suppress(NotPendingError, UnknownRequestError):
                self.book.refuse(transaction.push_id)
        cancelled = replace(transaction, outcome=Outcome.CANCELLED)
        with self._lock:
            self._transactions[transaction_id] = cancelled
        return cancelled

    def finish(self, transaction_id: str) -> str | None:
        """Where the browser goes once the transaction has an outcome: the client's redirect URI
        with a code or an error (the transaction is then over); None while still waiting."""
        transaction = self.transaction(transaction_id)
        if transaction.outcome is None:
            return None
        with self._lock:
            if self._transactions.pop(transaction_id, None) is None:
                raise UnknownTransactionError(transaction_id)
        parameters = transaction.parameters
        if transaction.outcome is not Outcome.APPROVED:
            error, description = OUTCOME_ERRORS[transaction.outcome]
            return self.error_redirect(
                parameters.redirect_uri, parameters.state, error, description
            )
        assert transaction.phone is not None
        code = self._issue_code(parameters, self.book.phones[transaction.phone])
        answer = {"code": code, "iss": self.issuer}
        if parameters.state is not None:
            answer["state"] = parameters.state
        return f"{parameters.redirect_uri}?{urlencode(answer)}"

    def error_redirect(
        self, redirect_uri: str, state: str | None, error: str, description: str
    ) -> str:
        answer = {"error": error, "error_description": description, "iss": self.issuer}
        if state is not None:
            answer["state"] = state
        return f"{redirect_uri}?{urlencode(answer)}"

    def redirect_of(self, query: Mapping[str, str]) -> tuple[str, str | None]:
        """The registered redirect URI of a faulty request and its state (for error_redirect);
        NotRedirectableError when there is none to trust."""
        _, redirect_uri = client_and_redirect(query, self.clients)
        return redirect_uri, query.get("state")

    # -- /token ---------------------------------------------------------------------------

    def exchange(self, form: Mapping[str, str]) -> dict[str, Any]:
        """The token response for an authorization code; TokenError otherwise."""
        now = self._clock()
        if form.get("grant_type") != "authorization_code":
            raise TokenError(400, "unsupported_grant_type", "only authorization_code")
        try:
            client = self.authenticator.authenticate(
                form, token_endpoint=self.token_endpoint, issuer=self.issuer, now=now
            )
        except ClientAuthenticationError as error:
            raise TokenError(401, "invalid_client", str(error)) from None
        issued = self._spend_code(form.get("code", ""))
        if issued.client_id != client.client_id:
            raise TokenError(400, "invalid_grant", "the code was issued to another client")
        if now >= issued.expires_at:
            raise TokenError(400, "invalid_grant", "the code has expired")
        if form.get("redirect_uri") != issued.redirect_uri:
            raise TokenError(400, "invalid_grant", "redirect_uri differs from the authorization's")
        verifier = form.get("code_verifier", "")
        if not _VERIFIER.fullmatch(verifier) or not hmac.compare_digest(
            create_s256_code_challenge(verifier), issued.code_challenge
        ):
            raise TokenError(400, "invalid_grant", "the PKCE code_verifier does not match")
        return self._tokens(issued, now)

    def userinfo(self, access_token: str) -> dict[str, Any]:
        now = self._clock()
        with self._lock:
            token = self._access_tokens.get(access_token)
        if token is None or now >= token.expires_at:
            raise InvalidAccessTokenError("unknown, revoked or expired access token")
        return dict(token.claims)

    # -- for tests ------------------------------------------------------------------------

    def clear(self) -> None:
        with self._lock:
            self._transactions.clear()
            self._codes.clear()
            self._access_tokens.clear()
        self.throttle.clear()

    def id_token_claims(
        self, phone: ItsmePhone, parameters: AuthorizationParameters, now: datetime
    ) -> dict[str, Any]:
        """The claims of an ID token for ``phone`` (tests sign variations of them)."""
        released = set(parameters.released_claims())
        wanted = [c for c in parameters.id_token_claims if c in released]
        person = phone.claims()
        return {
            "iss": self.issuer,
            "sub": self.subject(phone, parameters.client.client_id),
            "aud": parameters.client.client_id,
            "exp": int((now + ID_TOKEN_LIFETIME).timestamp()),
            "iat": int(now.timestamp()),
            "auth_time": int(now.timestamp()),
            "nonce": parameters.nonce,
            **{c: person[c] for c in wanted if c in person},
        }

    def subject(self, phone: ItsmePhone, client_id: str) -> str:
        """A pairwise subject, as itsme gives: the same person has another ``sub`` at another
        client, and the same one at this client every time."""
        seed = f"{self.key.kid}|{client_id}|{phone.persona.national_number}".encode()
        digest = hashlib.sha256(seed).digest()
        return base64.b32encode(digest).decode().lower().rstrip("=")[:36]

    # -- inside ---------------------------------------------------------------------------

    def _current(self, transaction: Transaction, now: datetime) -> Transaction:
        if transaction.outcome is not None:
            return transaction
        if transaction.phone is None:
            if now >= transaction.created_at + TRANSACTION_LIFETIME:
                return replace(transaction, outcome=Outcome.EXPIRED)
            return transaction
        if transaction.push_id is None:  # a number nobody holds: it only ever expires
            assert transaction.push_expires_at is not None
            if now >= transaction.push_expires_at:
                return replace(transaction, outcome=Outcome.EXPIRED)
            return transaction
        status = self.book.get(transaction.push_id).status
        outcome = {
            RequestStatus.APPROVED: Outcome.APPROVED,
            RequestStatus.REFUSED: Outcome.REFUSED,
            RequestStatus.EXPIRED: Outcome.EXPIRED,
        }.get(status)
        return transaction if outcome is None else replace(transaction, outcome=outcome)

    def _issue_code(self, parameters: AuthorizationParameters, phone: ItsmePhone) -> str:
        now = self._clock()
        code = secrets.token_urlsafe(32)
        with self._lock:
            self._codes[code] = _IssuedCode(
                client_id=parameters.client.client_id,
                redirect_uri=parameters.redirect_uri,
                code_challenge=parameters.code_challenge,
                nonce=parameters.nonce,
                parameters=parameters,
                phone=phone,
                auth_time=now,
                expires_at=now + CODE_LIFETIME,
            )
        return code

    def _spend_code(self, code: str) -> _IssuedCode:
        """The code's record, marked used; a code presented twice revokes the tokens of its first
        use (RFC 6749 §4.1.2: it may have been stolen)."""
        with self._lock:
            issued = self._codes.get(code)
            if issued is None:
                raise TokenError(400, "invalid_grant", "unknown code")
            if issued.used:
                for token in issued.access_tokens:
                    self._access_tokens.pop(token, None)
                raise TokenError(400, "invalid_grant", "the code was already used")
            issued.used = True
            return issued

    def _tokens(self, issued: _IssuedCode, now: datetime) -> dict[str, Any]:
        claims = self.id_token_claims(issued.phone, issued.parameters, now)
        claims["auth_time"] = int(issued.auth_time.timestamp())
        access_token = secrets.token_urlsafe(32)
        person = issued.phone.claims()
        released = {c: person[c] for c in issued.parameters.released_claims() if c in person}
        with self._lock:
            self._access_tokens[access_token] = _AccessToken(
                {"sub": claims["sub"], **released}, now + ACCESS_TOKEN_LIFETIME
            )
            issued.access_tokens.append(access_token)
        return {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": int(ACCESS_TOKEN_LIFETIME.total_seconds()),
            "id_token": self.key.sign(claims),
            "scope": " ".join(issued.parameters.scopes),
        }

    def _all_claims(self) -> set[str]:
        return {c for claims in SCOPE_CLAIMS.values() for c in claims}

    def _forget_old(self, now: datetime) -> None:
        """Transactions and codes nobody can use any more (caller holds the lock)."""
        horizon = now - TRANSACTION_LIFETIME - self.book.lifetime
        for transaction_id, transaction in list(self._transactions.items()):
            if transaction.created_at < horizon:
                del self._transactions[transaction_id]
        for code, issued in list(self._codes.items()):
            if issued.expires_at < now - timedelta(hours=1):
                del self._codes[code]
        for token, access in list(self._access_tokens.items()):
            if access.expires_at < now:
                del self._access_tokens[token]
