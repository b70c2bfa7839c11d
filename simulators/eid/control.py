"""The control channel between the eID CLI and the cards living in the demo process.

One JSON object per line over a unix socket (file mode 0600, so only the demo's user may
drive it): the client sends ``{"command": ..., ...}`` and reads one answer
``{"ok": true, ...}`` or ``{"ok": false, "error": "..."}``.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import socketserver
import threading
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from simulators.eid.card_slots import CardSlotError, CardSlots
from simulators.personas.loader import PersonaError

MAX_LINE = 64 * 1024
Command = Callable[[CardSlots, dict[str, Any]], dict[str, Any]]


class ControlError(RuntimeError):
    pass


def _reader(request: dict[str, Any], slots: CardSlots) -> int:
    reader = request.get("reader")
    if reader is None:
        empty = [s.index for s in slots.status() if s.persona is None]
        if not empty:
            raise ControlError("every reader holds a card: say which one (--reader)")
        return empty[0]
    if not isinstance(reader, int):
        raise ControlError("reader must be a number")
    return reader


def _persona(request: dict[str, Any]) -> str:
    slug = request.get("persona")
    if not isinstance(slug, str) or not slug:
        raise ControlError("persona missing")
    return slug


def _status(slots: CardSlots, _request: dict[str, Any]) -> dict[str, Any]:
    return {"readers": [asdict(s) for s in slots.status()]}


def _personas(slots: CardSlots, _request: dict[str, Any]) -> dict[str, Any]:
    in_reader = {s.persona: s.index for s in slots.status() if s.persona}
    return {
        "personas": [
            {
                "slug": p.slug,
                "name": p.display_name,
                "description": p.description,
                # The address a tester's suite registers the persona's account with.
                "email": p.email,
                "applet": p.card.applet,
                "pin": p.card.pin,
                "puk": p.card.puk,
                "card_valid_until": p.card.valid_until.isoformat(),
                "certificate_status": str(p.card.certificate_status),
                "reader": in_reader.get(p.slug),
            }
            for p in slots.personas().values()
        ]
    }


def _insert(slots: CardSlots, request: dict[str, Any]) -> dict[str, Any]:
    reader, slug = _reader(request, slots), _persona(request)
    slots.insert(reader, slug)
    return {"reader": reader, "persona": slug}


def _remove(slots: CardSlots, request: dict[str, Any]) -> dict[str, Any]:
    reader = request.get("reader")
    if reader is None and request.get("persona"):
        found = [s.index for s in slots.status() if s.persona == request["persona"]]
        if not found:
            raise ControlError(f"the card of {request['persona']} is in no reader")
        reader = found[0]
    if not isinstance(reader, int):
        raise ControlError("say which reader (--reader) or whose card (persona)")
    slots.remove(reader)
    return {"reader": reader}


def _block(slots: CardSlots, request: dict[str, Any]) -> dict[str, Any]:
    slug = _persona(request)
    slots.card_of(slug).block_pin()
    return {"persona": slug, "pin_tries_left": 0}


def _unblock(slots: CardSlots, request: dict[str, Any]) -> dict[str, Any]:
    slug = _persona(request)
    card = slots.card_of(slug)
    card.unblock_pin()
    return {"persona": slug, "pin_tries_left": card.content.pin.tries_left}


COMMANDS: dict[str, Command] = {
    "status": _status,
    "personas": _personas,
    "insert": _insert,
    "remove": _remove,
    "block-pin": _block,
    "unblock-pin": _unblock,
}


def handle(slots: CardSlots, request: dict[str, Any]) -> dict[str, Any]:
    command = COMMANDS.get(str(request.get("command")))
    if command is None:
        return {"ok": False, "error": f"unknown command; known: {', '.join(COMMANDS)}"}
    try:
        return {"ok": True, **command(slots, request)}
    except (ControlError, CardSlotError, PersonaError, IndexError) as error:
        return {"ok": False, "error": str(error)}


class ControlServer:
    def __init__(self, slots: CardSlots, socket_path: Path) -> None:
        self.socket_path = socket_path
        slots_ = slots

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                line = self.rfile.readline(MAX_LINE)
                try:
                    request = json.loads(line)
                    if not isinstance(request, dict):
                        raise ValueError("not an object")
                    answer = handle(slots_, request)
                except ValueError as error:
                    answer = {"ok": False, "error": f"bad request: {error}"}
                self.wfile.write(json.dumps(answer, ensure_ascii=False).encode() + b"\n")

        socket_path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            socket_path.unlink()
        previous_umask = os.umask(0o177)
        try:
            self._server = socketserver.ThreadingUnixStreamServer(str(socket_path), Handler)
        finally:
            os.umask(previous_umask)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="eid-control", daemon=True
        )

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)
        with contextlib.suppress(FileNotFoundError):
            self.socket_path.unlink()


def send(socket_path: Path, request: dict[str, Any], *, timeout: float = 15.0) -> dict[str, Any]:
    """The client side: one request, one answer."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.settimeout(timeout)
        try:
            client.connect(str(socket_path))
        except OSError as error:
            raise ControlError(
                f"no running demo answers on {socket_path} ({error.strerror}); start `make demo`"
            ) from error
        client.sendall(json.dumps(request).encode() + b"\n")
        with client.makefile("rb") as stream:
            line = stream.readline(MAX_LINE)
    answer: dict[str, Any] = json.loads(line)
    return answer
