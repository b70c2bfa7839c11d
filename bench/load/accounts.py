"""The accounts a load logs in with, as the seeding command writes them to a JSON file: the
username and password of each, and the TOTP secret its authenticator app would hold."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from identity import totp


@dataclass(frozen=True, slots=True)
class LoadAccount:
    national_number: str
    username: str
    password: str
    totp_secret: str  # base32, as the enrolment's QR code gives it to the phone

    def code_at(self, moment: datetime) -> str:
        """The six digits the phone shows at ``moment``."""
        return totp.totp(totp.secret_bytes(self.totp_secret), moment)


def write_accounts(path: Path, accounts: list[LoadAccount]) -> None:
    path.write_text(
        json.dumps({"accounts": [asdict(account) for account in accounts]}, indent=1),
        encoding="utf-8",
    )
    path.chmod(0o600)  # passwords and TOTP secrets, if only of test accounts


def read_accounts(path: Path) -> list[LoadAccount]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [LoadAccount(**entry) for entry in data["accounts"]]
