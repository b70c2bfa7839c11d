"""An SMTP server on loopback that accepts every message and files it in the MailStore."""

from __future__ import annotations

from typing import Any

from aiosmtpd.controller import Controller

from simulators.mailbox.store import MailStore

SMTP_OK = "250 Message accepted for delivery"


class _StoreHandler:
    def __init__(self, store: MailStore) -> None:
        self._store = store

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        content = envelope.original_content or envelope.content
        raw = content if isinstance(content, bytes) else str(content).encode()
        self._store.add(raw, list(envelope.rcpt_tos))
        return SMTP_OK


class SmtpSink:
    def __init__(self, store: MailStore, *, host: str = "127.0.0.1", port: int = 8025) -> None:
        self.store = store
        self.host = host
        self.port = port
        self._controller = Controller(_StoreHandler(store), hostname=host, port=port)

    def start(self) -> None:
        self._controller.start()

    def stop(self) -> None:
        self._controller.stop()
