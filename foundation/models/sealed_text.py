"""A text column kept encrypted in the database (AES-GCM under a key derived from the server's
secret key, ``foundation.secrets_at_rest``) and read back in clear by the ORM.

For texts that hold secrets only while they wait, like an e-mail body in the outbox: a copy of
the database (a backup, a dump) does not show the codes and links it carries. A value written
before the column was sealed (no ``v1:`` prefix) reads as it is, until a migration seals it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Dialect, Text
from sqlalchemy.types import TypeDecorator

from foundation.secrets_at_rest import is_sealed, seal, unseal


class SealedText(TypeDecorator[str]):
    impl = Text
    cache_ok = True

    def __init__(self, purpose: str) -> None:
        super().__init__()
        # The associated data: a value copied into another sealed column does not open there.
        self.purpose = purpose

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        if value is None or value == "":
            return value
        return seal(value.encode("utf-8"), associated_data=self.purpose.encode())

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        if value is None or value == "" or not is_sealed(str(value)):
            return value  # type: ignore[no-any-return]
        return unseal(str(value), associated_data=self.purpose.encode()).decode("utf-8")
