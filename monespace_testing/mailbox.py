"""The demo's mailbox (the SMTP sink's page and its ``/api/messages``), as a tester reads it."""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass
from typing import Any

from monespace_testing._http import JsonService
from monespace_testing._waiting import poll
from monespace_testing.codes import SIX_DIGITS, code_in


@dataclass(frozen=True, slots=True)
class Mail:
    id: str
    sender: str
    recipients: tuple[str, ...]
    subject: str
    date: str
    text: str
    html: str | None
    links: tuple[str, ...]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Mail:
        return cls(
            id=str(data["id"]),
            sender=str(data.get("from", "")),
            recipients=tuple(str(r) for r in data.get("to", ())),
            subject=str(data.get("subject", "")),
            date=str(data.get("date", "")),
            text=str(data.get("text", "")),
            html=data.get("html"),
            links=tuple(str(link) for link in data.get("links", ())),
        )

    def link(self, containing: str = "") -> str:
        """The first link of the mail whose address contains ``containing`` (a path such as
        ``/mon-compte/activer``); AssertionError, listing the links, when there is none."""
        matching = [link for link in self.links if containing in link]
        if not matching:
            raise AssertionError(f"no link containing {containing!r} in {list(self.links)}")
        return matching[0]

    def code(self, pattern: str = SIX_DIGITS) -> str:
        """The one-time code in the mail's text (six digits unless ``pattern`` says otherwise)."""
        return code_in(self.text, pattern)


class Mailbox:
    """Every mail the portal sent. ``wait_for`` sees only the mails that arrived after this
    object was made (the ``mailbox`` fixture makes one per test), so that a demo's old mails to
    the same address are never taken for this test's."""

    def __init__(self, url: str, *, option: str = "--monespace-mailbox-url") -> None:
        self._service = JsonService(url, name="mailbox", option=option)
        self._before = {mail.id for mail in self.messages()}

    @property
    def url(self) -> str:
        """The mailbox page, for a browser."""
        return self._service.url

    def messages(self, to: str | None = None) -> list[Mail]:
        """Every mail (to ``to`` only, when given), newest first, old ones included."""
        query = f"?to={urllib.parse.quote(to)}" if to else ""
        return [Mail.from_json(m) for m in self._service.get(f"/api/messages{query}")]

    def new_messages(
        self, to: str | None = None, *, subject: str | re.Pattern[str] | None = None
    ) -> list[Mail]:
        """The mails that arrived since this object was made, newest first."""
        return [
            mail
            for mail in self.messages(to)
            if mail.id not in self._before and _subject_matches(mail, subject)
        ]

    def wait_for(
        self,
        to: str,
        *,
        subject: str | re.Pattern[str] | None = None,
        timeout: float = 20.0,
        count: int = 1,
    ) -> Mail:
        """The newest new mail to ``to`` (whose subject contains ``subject``, or matches it when
        it is a compiled pattern), once at least ``count`` such mails arrived; AssertionError
        after ``timeout`` seconds."""

        def enough() -> list[Mail] | None:
            mails = self.new_messages(to, subject=subject)
            return mails if len(mails) >= count else None

        found = poll(enough, timeout=timeout)
        if not found:
            raise AssertionError(
                f"no new mail to {to}"
                + (f" with subject {subject!r}" if subject else "")
                + f" within {timeout:.0f} s; mails to this address: "
                + repr([m.subject for m in self.messages(to)])
            )
        return found[0]

    def clear(self) -> None:
        """Deletes every mail of the mailbox (the trainers' page shows it empty)."""
        self._service.delete("/api/messages")
        self._before = set()


def _subject_matches(mail: Mail, subject: str | re.Pattern[str] | None) -> bool:
    if subject is None:
        return True
    if isinstance(subject, re.Pattern):
        return subject.search(mail.subject) is not None
    return subject in mail.subject
