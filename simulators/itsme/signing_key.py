"""The provider's signing key: RS256, as itsme signs its ID tokens, generated on first use.

Like the test PKI (``simulators/pki``), the key is made once and kept under the data folder
(``<dir>/signing-key.pem``, mode 0600, in ``var/`` which git ignores), so a portal that cached the
provider's JWKS keeps verifying tokens across restarts of the demo. Without a folder (tests) the
key lives in memory only.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from joserfc import jwt
from joserfc.jwk import RSAKey

ALGORITHM = "RS256"
KEY_FILE = "signing-key.pem"


def _write_private(path: Path, pem: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(pem)


class ProviderKey:
    """Signs JWTs with the provider's key and publishes its public half as a JWK Set."""

    def __init__(self, key: RSAKey) -> None:
        self._key = key
        # The RFC 7638 thumbprint names the key: a new key gets a new kid, so a client that
        # cached the old JWKS knows to fetch it again.
        self.kid = key.thumbprint()

    @classmethod
    def generate(cls) -> ProviderKey:
        return cls(RSAKey.generate_key(2048))

    @classmethod
    def load_or_create(cls, directory: Path | None) -> ProviderKey:
        """The key kept in ``directory``, made there on first use; in memory when None."""
        if directory is None:
            return cls.generate()
        path = directory / KEY_FILE
        if path.exists():
            return cls(RSAKey.import_key(path.read_bytes()))
        provider_key = cls.generate()
        _write_private(path, provider_key._key.as_pem(private=True))
        return provider_key

    def sign(self, claims: dict[str, Any]) -> str:
        header = {"alg": ALGORITHM, "typ": "JWT", "kid": self.kid}
        return jwt.encode(header, claims, self._key, algorithms=[ALGORITHM])

    def jwks(self) -> dict[str, list[dict[str, Any]]]:
        public = self._key.as_dict(private=False, kid=self.kid, use="sig", alg=ALGORITHM)
        return {"keys": [dict(public)]}
