"""``python -m simulators.eid``: insert, remove and inspect the virtual eID cards of a running
demo (``make demo``), for testers and trainers. See docs/eid-simulator.md."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

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
    for name, text in (("block-pin", "block the PIN"), ("unblock-pin", "unblock the PIN")):
        command = commands.add_parser(name, help=text)
        command.add_argument("persona")
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
            f"valid until {p['card_valid_until']}  certificates {p['certificate_status']}  "
            f"{where}"
        )
        print(f"{'':<22} {p['description']}")


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    command = "status" if arguments.command == "readers" else arguments.command
    request: dict[str, Any] = {"command": command}
    for field in ("persona", "reader"):
        value = getattr(arguments, field, None)
        if value is not None:
            request[field] = value
    try:
        answer = send(arguments.socket or _default_socket(), request)
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
