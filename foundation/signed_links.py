"""Links sent by e-mail: signed, expiring, and single-use through a nonce kept on the account."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from itsdangerous import BadSignature, URLSafeSerializer


@dataclass(frozen=True, slots=True)
class LinkClaims:
    account_id: int
    nonce: str


class InvalidLinkError(ValueError):
    pass


class ExpiredLinkError(ValueError):
    pass


class LinkSigner:
    def __init__(self, secret_key: str, purpose: str) -> None:
        # The purpose is the salt: an activation link cannot be replayed as a deletion link.
        self._serializer = URLSafeSerializer(secret_key, salt=f"monespace.link.{purpose}")

    def make(self, claims: LinkClaims, *, now: datetime, valid_for: timedelta) -> str:
        expires = int((now + valid_for).timestamp())
        return self._serializer.dumps([claims.account_id, claims.nonce, expires])

    def read(self, token: str, *, now: datetime) -> LinkClaims:
        try:
            account_id, nonce, expires = self._serializer.loads(token)
        except (BadSignature, ValueError, TypeError):
            raise InvalidLinkError("link not signed by us, or altered") from None
        if not isinstance(account_id, int) or not isinstance(nonce, str):
            raise InvalidLinkError("link payload of the wrong shape")
        if now.timestamp() >= expires:
            raise ExpiredLinkError("link expired")
        return LinkClaims(account_id, nonce)
