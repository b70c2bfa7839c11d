"""Where the SMTP sink keeps what it receives: a Maildir folder, readable by any mail tool."""

from __future__ import annotations

import mailbox
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from pathlib import Path


@dataclass(frozen=True, slots=True)
class StoredMail:
    key: str
    sender: str
    recipients: tuple[str, ...]
    subject: str
    date: str
    text: str
    html: str | None


class MailStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.parent.mkdir(parents=True, exist_ok=True)
        for sub in ("tmp", "new", "cur"):  # Maildir makes these only for a folder it creates
            (folder / sub).mkdir(parents=True, exist_ok=True)
        self._maildir = mailbox.Maildir(folder, create=True)

    def add(self, raw: bytes, envelope_to: list[str]) -> str:
        message = BytesParser(policy=policy.default).parsebytes(raw)
        # The envelope recipients are what the SMTP client asked for: keep them visible.
        if "X-Envelope-To" not in message:
            message["X-Envelope-To"] = ", ".join(envelope_to)
        return str(self._maildir.add(message.as_bytes()))

    def all(self) -> list[StoredMail]:
        self._maildir = mailbox.Maildir(self.folder, create=False)
        mails = [self._read(key) for key in self._maildir.iterkeys()]
        return sorted(mails, key=lambda m: (_sort_date(m.date), m.key), reverse=True)

    def get(self, key: str) -> StoredMail | None:
        try:
            return self._read(key)
        except KeyError:
            return None

    def clear(self) -> None:
        for key in list(self._maildir.iterkeys()):
            self._maildir.discard(key)

    def discard(self, key: str) -> None:
        """Removes one message (a demo's scenario reset takes back what it did not mean)."""
        self._maildir.discard(key)

    def _read(self, key: str) -> StoredMail:
        raw = self._maildir.get_bytes(key)
        message = BytesParser(policy=policy.default).parsebytes(raw)
        assert isinstance(message, EmailMessage)
        text_part = message.get_body(preferencelist=("plain",))
        html_part = message.get_body(preferencelist=("html",))
        envelope = str(message.get("X-Envelope-To", message.get("To", "")))
        return StoredMail(
            key=key,
            sender=str(message.get("From", "")),
            recipients=tuple(r.strip() for r in envelope.split(",") if r.strip()),
            subject=str(message.get("Subject", "")),
            date=str(message.get("Date", "")),
            text=text_part.get_content() if text_part is not None else "",
            html=html_part.get_content() if html_part is not None else None,
        )


def _sort_date(value: str) -> float:
    try:
        return parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError):
        return 0.0
