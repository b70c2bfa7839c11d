"""What the SMS gateway received: in memory, and in ``messages.json`` when given a folder."""

from __future__ import annotations

import json
import os
import threading
import uuid
from dataclasses import asdict, dataclass
from datetime import UTC
from pathlib import Path

from simulators.loopback_web import Clock, utc_now


@dataclass(frozen=True, slots=True)
class Sms:
    id: str
    to: str
    text: str
    received_at: str  # ISO 8601, UTC


class SmsStore:
    FILE_NAME = "messages.json"

    def __init__(self, folder: Path | None = None, *, clock: Clock = utc_now) -> None:
        self._lock = threading.Lock()
        self._clock = clock
        self._file = folder / self.FILE_NAME if folder is not None else None
        self._messages: list[Sms] = []
        if self._file is not None:
            self._file.parent.mkdir(parents=True, exist_ok=True)
            if self._file.exists():
                raw = json.loads(self._file.read_text(encoding="utf-8"))
                self._messages = [Sms(**item) for item in raw]

    def add(self, to: str, text: str) -> Sms:
        received = self._clock().astimezone(UTC).isoformat(timespec="seconds")
        message = Sms(id=str(uuid.uuid4()), to=to, text=text, received_at=received)
        with self._lock:
            self._messages.append(message)
            self._save()
        return message

    def all(self, to: str | None = None) -> list[Sms]:
        """Newest first; only those sent to ``to`` (E.164) when given."""
        with self._lock:
            messages = list(self._messages)
        return [m for m in reversed(messages) if to is None or m.to == to]

    def numbers(self) -> list[tuple[str, int]]:
        """Each number that received something, with how many messages, most recent first."""
        counts: dict[str, int] = {}
        for message in self.all():
            counts[message.to] = counts.get(message.to, 0) + 1
        return list(counts.items())

    def clear(self) -> None:
        with self._lock:
            self._messages.clear()
            self._save()

    def _save(self) -> None:
        if self._file is None:
            return
        temporary = self._file.with_suffix(".tmp")
        payload = json.dumps([asdict(m) for m in self._messages], ensure_ascii=False, indent=1)
        temporary.write_text(payload, encoding="utf-8")
        os.replace(temporary, self._file)
