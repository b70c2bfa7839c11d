"""``python -m simulators.eid``: insert, remove and inspect the virtual eID cards of a running
demo (``make demo``), for testers and trainers. See docs/eid-simulator.md.

Most commands go through the demo's control socket; ``change-pin`` and ``unblock-pin --puk`` go
through pcscd to the card, as a citizen's own software would."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from identity.eid.errors import EidError
from simulators.eid import card_pin_commands
from simulators.eid.control import ControlError, send
from simulators.eid.demo_cards import control_socket_path


def _default_socket() -> Path:
    from foundation.settings import get_settings

    return control_socket_path(get_settings().data_dir)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m simulators.eid",
        description="Drive the virtual Belgian eID cards of the running demo.",
    )
    parser.add_argument("--socket", type=Path, help="control socket of the demo")
    parser.add_argument("--json", action="store_true", help="print the raw JSON answer")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("status", help="readers and the cards in them")
    commands.add_parser("readers", help="same as status")
    commands.add_parser("personas", help="cards that can be inserted, with their PIN")
    insert = commands.add_parser("insert", help="insert a persona's card")
    insert.add_argument("persona", help="persona slug, e.g. naima-mremi")
    insert.add_argument("--reader", type=int, help="reader number (default: first empty one)")
    remove = commands.add_parser("remove", help="take a card out of its reader")
    remove.add_argument("persona", nargs="?", help="whose card (or give --reader)")
    remove.add_argument("--reader", type=int)
    block = commands.add_parser("block-pin", help="block the PIN, as after three wrong PINs")
    block.add_argument("persona")
    unblock = commands.add_parser(
        "unblock-pin",
        help="unblock the PIN: with --puk through the card (applet 1.7), else a tester's reset",
    )
    unblock.add_argument("persona")
    unblock.add_argument("--puk", help="the 12-digit PUK of the PIN letter (see personas)")
    unblock.add_argument("--new-pin", help="with --puk: the PIN becomes this one")
    change = commands.add_parser("change-pin", help="change the PIN through the card")
    change.add_argument("persona")
    change.add_argument("--old", required=True, help="the PIN now")
    change.add_argument("--new", required=True, help="the new PIN, 4 to 12 digits")
    return parser


def _print_status(answer: dict[str, Any]) -> None:
    for reader in answer["readers"]:
        card = "(empty)"
        if reader["persona"]:
            tries = reader["pin_tries_left"]
            pin = "PIN blocked" if tries == 0 else f"PIN tries left {tries}"
            card = f"{reader['persona']} (applet {reader['applet']}, {pin})"
        print(f"{reader['index']}  {reader['reader_name']:<22} port {reader['port']}  {card}")


def _print_personas(answer: dict[str, Any]) -> None:
    for p in answer["personas"]:
        where = f"in reader {p['reader']}" if p["reader"] is not None else ""
        print(
            f"{p['slug']:<22} {p['name']:<22} applet {p['applet']}  PIN {p['pin']}  "
            f"PUK {p['puk']}  "
            f"valid until {p['card_valid_until']}  certificates {p['certificate_status']}  "
            f"{where}"
        )
        print(f"{'':<22} {p['description']}")


def _reader_of(socket_path: Path, slug: str) -> str | None:
    answer = send(socket_path, {"command": "status"})
    for reader in answer.get("readers", []):
        if reader["persona"] == slug:
            return str(reader["reader_name"])
    return None


def _through_the_card(socket_path: Path, arguments: argparse.Namespace) -> int:
    """change-pin and unblock-pin --puk: the commands a citizen's software sends to the card."""
    from foundation.i18n.error_messages import error_text

    try:
        reader = _reader_of(socket_path, arguments.persona)
    except ControlError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if reader is None:
        print(f"error: the card of {arguments.persona} is in no reader", file=sys.stderr)
        return 1
    try:
        if arguments.command == "change-pin":
            tries = card_pin_commands.change_pin(reader, old=arguments.old, new=arguments.new)
        else:
            tries = card_pin_commands.unblock_pin(
                reader, puk=arguments.puk, new_pin=arguments.new_pin
            )
    except EidError as error:
        reason = error.detail or type(error).__name__
        print(f"error: {error_text('en', error)} ({reason})", file=sys.stderr)
        return 1
    print(f"{arguments.command}: done (reader {reader}, PIN tries left {tries})")
    return 0


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    socket_path = arguments.socket or _default_socket()
    if arguments.command == "change-pin" or getattr(arguments, "puk", None):
        return _through_the_card(socket_path, arguments)
    if getattr(arguments, "new_pin", None):
        print("error: --new-pin goes with --puk", file=sys.stderr)
        return 1
    command = "status" if arguments.command == "readers" else arguments.command
    request: dict[str, Any] = {"command": command}
    for field in ("persona", "reader"):
        value = getattr(arguments, field, None)
        if value is not None:
            request[field] = value
    try:
        answer = send(socket_path, request)
    except ControlError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if arguments.json:
        print(json.dumps(answer, ensure_ascii=False, indent=2))
    elif not answer.get("ok"):
        print(f"error: {answer.get('error')}", file=sys.stderr)
    elif command == "status":
        _print_status(answer)
    elif command == "personas":
        _print_personas(answer)
    else:
        details = ", ".join(f"{k} {v}" for k, v in answer.items() if k != "ok")
        print(f"{command}: done ({details})")
    return 0 if answer.get("ok") else 1
