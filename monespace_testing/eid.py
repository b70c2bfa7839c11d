"""The virtual eID cards and readers, through the control socket of ``make demo`` (or of the
private stack): the same commands as ``python -m simulators.eid``, one JSON line each way.

The protocol is spoken here rather than imported from ``simulators.eid.control``, which loads
the card and PC/SC code: a tester's process only talks to the socket.
"""

from __future__ import annotations

import json
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAX_LINE = 64 * 1024


class EidControlError(RuntimeError):
    """The demo refused a command (the message says why), or no demo answers on the socket."""


@dataclass(frozen=True, slots=True)
class Reader:
    index: int
    name: str  # as PC/SC programs see it, e.g. "Virtual PCD 1 00 00"
    persona: str | None  # whose card is in it
    pin_tries_left: int | None
    applet: str | None


class EidControl:
    """One request, one answer, over the control socket (mode 0600: the demo's user only)."""

    def __init__(self, socket_path: Path, *, timeout: float = 30.0) -> None:
        self.socket_path = socket_path
        self.timeout = timeout

    def send(self, command: str, **arguments: Any) -> dict[str, Any]:
        request = {"command": command, **{k: v for k, v in arguments.items() if v is not None}}
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.settimeout(self.timeout)
            try:
                client.connect(str(self.socket_path))
            except OSError as error:
                raise EidControlError(
                    f"no running demo answers on the eID control socket {self.socket_path} "
                    f"({error.strerror}): start `make demo`, give the socket with "
                    "--monespace-eid-socket, or run with --monespace-stack=private"
                ) from None
            client.sendall(json.dumps(request).encode() + b"\n")
            with client.makefile("rb") as stream:
                line = stream.readline(MAX_LINE)
        answer: dict[str, Any] = json.loads(line)
        if not answer.get("ok"):
            raise EidControlError(f"{command}: {answer.get('error', answer)}")
        return answer

    def readers(self) -> list[Reader]:
        return [
            Reader(
                index=int(r["index"]),
                name=str(r["reader_name"]),
                persona=r.get("persona"),
                pin_tries_left=r.get("pin_tries_left"),
                applet=r.get("applet"),
            )
            for r in self.send("status")["readers"]
        ]

    def personas(self) -> dict[str, dict[str, Any]]:
        """Every persona whose card can be inserted: ``name``, ``pin``, ``puk``, ``applet``,
        ``description``, ``reader`` (None when out)…, by slug."""
        return {p["slug"]: p for p in self.send("personas")["personas"]}


class Card:
    """A persona's card. Its PIN counter lives in the card: it survives removal."""

    def __init__(self, cards: EidCards, slug: str, details: dict[str, Any]) -> None:
        self._cards = cards
        self.slug = slug
        self.name: str = details["name"]  # "Naïma Mremi", as the portal's header writes it
        self.pin: str = details["pin"]
        self.puk: str = details["puk"]
        self.applet: str = details["applet"]
        self.email: str | None = details.get("email")

    def __repr__(self) -> str:
        return f"Card({self.slug!r}, reader={self.reader})"

    @property
    def reader(self) -> int | None:
        """The reader the card is in, or None."""
        return next((r.index for r in self._cards.readers() if r.persona == self.slug), None)

    @property
    def pin_tries_left(self) -> int | None:
        """The PIN tries left, read while the card is in a reader (None when it is out)."""
        return next(
            (r.pin_tries_left for r in self._cards.readers() if r.persona == self.slug), None
        )

    def insert(self, reader: int | None = None) -> Card:
        """Into ``reader`` (default: the first empty one); taken out of another reader first."""
        current = self.reader
        if current is not None and (reader is None or reader == current):
            return self
        if current is not None:
            self.remove()
        self._cards.touch(self.slug)
        self._cards.control.send("insert", persona=self.slug, reader=reader)
        return self

    def remove(self) -> Card:
        """Out of its reader (nothing when it is in none)."""
        if self.reader is not None:
            self._cards.control.send("remove", persona=self.slug)
        return self

    def block_pin(self) -> Card:
        """As after three wrong PINs."""
        self._cards.touch(self.slug)
        self._cards.control.send("block-pin", persona=self.slug)
        return self

    def reset(self) -> Card:
        """PIN and PUK tries full again (the tester's reset; the PIN itself stays)."""
        self._cards.control.send("unblock-pin", persona=self.slug)
        return self


class EidCards:
    """The readers and every persona's card. ``eid_card(persona, reader)`` inserts a card and
    gives it back; at the end of the test ``restore()`` puts the cards back where they were
    at its start and resets the PIN of every card the test touched, so a demo is left as it
    was found."""

    def __init__(self, control: EidControl) -> None:
        self.control = control
        self._initial = {r.index: r.persona for r in control.readers()}
        self._touched: set[str] = set()
        self._personas: dict[str, dict[str, Any]] | None = None

    def __call__(self, persona: str, reader: int | None = None) -> Card:
        """The persona's card (a slug: ``naima-mremi``, ``chloe-ducoeur``…), in ``reader``
        (default: where it is, or the first empty reader)."""
        return self.card(persona).insert(reader)

    def card(self, persona: str) -> Card:
        """The persona's card, wherever it is (not inserted)."""
        if self._personas is None:
            self._personas = self.control.personas()
        details = self._personas.get(persona)
        if details is None:
            known = ", ".join(sorted(self._personas))
            raise EidControlError(f"no persona {persona!r}; known: {known}")
        return Card(self, persona, details)

    def readers(self) -> list[Reader]:
        return self.control.readers()

    def alone(self, persona: str) -> Card:
        """The persona's card as the only card in the readers (in reader 0 unless it is in one
        already): the portal reads the first card it finds, as at a kiosk."""
        card = self.card(persona)
        for reader in self.readers():
            if reader.persona is not None and reader.persona != persona:
                self.control.send("remove", reader=reader.index)
        return card.insert(card.reader if card.reader is not None else 0)

    def empty_readers(self) -> None:
        """Every card out."""
        for reader in self.readers():
            if reader.persona is not None:
                self.control.send("remove", reader=reader.index)

    def touch(self, slug: str) -> None:
        self._touched.add(slug)

    def restore(self) -> None:
        """Back to the readers found at the start; the PIN of every touched card reset."""
        now = {r.index: r.persona for r in self.readers()}
        for index, persona in now.items():
            if persona is not None and self._initial.get(index) != persona:
                self.control.send("remove", reader=index)
        for index, persona in self._initial.items():
            if persona is not None and now.get(index) != persona:
                self.control.send("insert", persona=persona, reader=index)
        for slug in sorted(self._touched):
            self.control.send("unblock-pin", persona=slug)
        self._touched.clear()
