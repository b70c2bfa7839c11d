"""Ends sessions from the command line, for the portal's administrators (ASVS 7.4.5).

python -m monespace_app.sessions_admin end --person 83041204706
python -m monespace_app.sessions_admin end --everyone

Each browser concerned is back at the key chooser at its very next step: sessions are rows, and
every event reads its row.
"""

from __future__ import annotations

import argparse

from foundation.clock import utc_now
from foundation.db import session_scope
from foundation.models.migrate import upgrade
from identity.sessions import revoke_all, revoke_everyone


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m monespace_app.sessions_admin")
    actions = parser.add_subparsers(dest="action", required=True)
    end = actions.add_parser("end", help="end live sessions")
    who = end.add_mutually_exclusive_group(required=True)
    who.add_argument("--person", metavar="NATIONAL_NUMBER", help="every session of one person")
    who.add_argument("--everyone", action="store_true", help="every session of every person")
    args = parser.parse_args(argv)
    if args.person is not None and not (args.person.isdigit() and len(args.person) == 11):
        parser.error("a national number is 11 digits")
    upgrade()
    with session_scope() as db:
        if args.everyone:
            ended = revoke_everyone(db, now=utc_now())
        else:
            ended = revoke_all(db, args.person, now=utc_now())
    print(f"{ended} session(s) ended")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
