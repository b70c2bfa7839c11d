"""The eID reader as the identity layer sees it.

Today the reader is attached to the machine running the backend (PC/SC, ``PcscEidReader``); a
bridge to a reader on the citizen's computer can implement the same two protocols later.
"""

from __future__ import annotations

from typing import Protocol

from identity.eid.card_reading import CardReading, EidCertificates, SignatureScheme, SigningKey
from identity.eid.identity_file import Address, Identity


class EidCard(Protocol):
    """A session with one inserted card."""

    @property
    def reader_name(self) -> str: ...

    @property
    def applet_version(self) -> int: ...

    def read_identity(self) -> Identity: ...

    def read_address(self) -> Address: ...

    def read_photo(self) -> bytes: ...

    def read_certificates(self) -> EidCertificates: ...

    def read_all(self) -> CardReading:
        """Identity, address, photo and certificates, with the file signatures checked and
        the card's expiry enforced."""
        ...

    def pin_tries_left(self) -> int: ...

    def verify_pin(self, pin: str) -> None: ...

    def change_pin(self, old: str, new: str) -> None: ...

    def unblock_pin(self, puk: str, new_pin: str | None = None) -> None: ...

    def sign(
        self,
        digest: bytes,
        *,
        hash_algorithm: str,
        key: SigningKey = SigningKey.AUTHENTICATION,
        pin: str | None = None,
        scheme: SignatureScheme | None = None,
    ) -> bytes:
        """Signs a digest; PKCS#1 v1.5 (or PSS) for RSA cards, raw r‖s for ECDSA cards."""
        ...

    def reconnect(self, timeout: float) -> None: ...

    def close(self) -> None: ...


class EidReader(Protocol):
    def list_readers(self) -> list[str]: ...

    def wait_for_card(self, *, reader: str | None = None, timeout: float = 0.0) -> EidCard: ...

    def wait_for_removal(self, reader: str, *, timeout: float) -> bool: ...
