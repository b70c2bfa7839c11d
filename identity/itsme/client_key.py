"""The portal's own key pair at itsme: it signs the client assertion (``private_key_jwt``) that
authenticates the portal at the token endpoint; its public half is published as a JWK Set, which
itsme reads (the ``jwks_uri`` given at onboarding).

Made on first use (EC P-256, ES256) in the file the settings name, mode 0600, and kept: itsme
knows the portal by it.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from authlib.oauth2.rfc7523 import private_key_jwt_sign
from joserfc.jwk import ECKey

ALGORITHM = "ES256"
# A client assertion is made for one token request.
ASSERTION_LIFETIME = timedelta(seconds=60)


class ClientKey:
    def __init__(self, key: ECKey) -> None:
        if not key.is_private:
            raise ValueError("the itsme client key must be a private key")
        self._key = key
        self.kid = key.thumbprint()

    @classmethod
    def generate(cls) -> ClientKey:
        return cls(ECKey.generate_key("P-256"))

    @classmethod
    def load_or_create(cls, path: Path) -> ClientKey:
        if path.exists():
            return cls(ECKey.import_key(path.read_bytes()))
        created = cls.generate()
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            # 0600 from the start, and never over a key another process has just made.
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return cls(ECKey.import_key(path.read_bytes()))
        with os.fdopen(descriptor, "wb") as file:
            file.write(created._key.as_pem(private=True))
        return created

    def public_jwks(self) -> dict[str, list[dict[str, Any]]]:
        public = self._key.as_dict(private=False, kid=self.kid, use="sig", alg=ALGORITHM)
        return {"keys": [dict(public)]}

    def assertion(self, *, client_id: str, token_endpoint: str, now: datetime) -> str:
        """A client assertion (RFC 7523): iss = sub = the client id, aud = the token endpoint, a
        fresh jti, valid ``ASSERTION_LIFETIME``."""
        signed: str = private_key_jwt_sign(
            self._key,
            client_id=client_id,
            token_endpoint=token_endpoint,
            alg=ALGORITHM,
            header={"alg": ALGORITHM, "kid": self.kid, "typ": "JWT"},
            issued_at=int(now.timestamp()),
            expires_in=int(ASSERTION_LIFETIME.total_seconds()),
        )
        return signed
