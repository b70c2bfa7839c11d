"""The accounts enrolled on the authenticator phone: in memory, and in ``accounts.json`` when given
a folder (so that a restarted demo still has them)."""

from __future__ import annotations

import json
import os
import threading
from dataclasses import asdict
from pathlib import Path

from simulators.authenticator.otp import Enrolment


class Wallet:
    FILE_NAME = "accounts.json"

    def __init__(self, folder: Path | None = None) -> None:
        self._lock = threading.Lock()
        self._file = folder / self.FILE_NAME if folder is not None else None
        self._enrolments: list[Enrolment] = []
        if self._file is not None:
            self._file.parent.mkdir(parents=True, exist_ok=True)
            if self._file.exists():
                raw = json.loads(self._file.read_text(encoding="utf-8"))
                self._enrolments = [Enrolment(**item) for item in raw]

    def add(self, enrolment: Enrolment) -> None:
        """Adds the account; a new QR code for the same issuer and account replaces the old one."""
        with self._lock:
            self._enrolments = [
                e
                for e in self._enrolments
                if (e.issuer, e.account) != (enrolment.issuer, enrolment.account)
            ]
            self._enrolments.append(enrolment)
            self._save()

    def all(self) -> list[Enrolment]:
        with self._lock:
            return list(self._enrolments)

    def clear(self) -> None:
        with self._lock:
            self._enrolments.clear()
            self._save()

    def _save(self) -> None:
        if self._file is None:
            return
        temporary = self._file.with_suffix(".tmp")
        payload = json.dumps([asdict(e) for e in self._enrolments], ensure_ascii=False, indent=1)
        temporary.write_text(payload, encoding="utf-8")
        os.replace(temporary, self._file)
