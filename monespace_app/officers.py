"""Names the registration officers (BEL) who may issue paper tokens, from the command line.

python -m monespace_app.officers appoint 83041204706 "Bureau d'enregistrement local de Namur"
python -m monespace_app.officers dismiss 83041204706
"""

from __future__ import annotations

import argparse

from foundation.db import session_scope
from foundation.models.migrate import upgrade
from identity.paper_token.officers import appoint_officer, dismiss_officer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m monespace_app.officers")
    actions = parser.add_subparsers(dest="action", required=True)
    appoint = actions.add_parser("appoint", help="make a person an officer of an office")
    appoint.add_argument("national_number")
    appoint.add_argument("office")
    dismiss = actions.add_parser("dismiss", help="take the role away")
    dismiss.add_argument("national_number")
    args = parser.parse_args(argv)
    upgrade()
    with session_scope() as db:
        if args.action == "appoint":
            try:
                row = appoint_officer(db, national_number=args.national_number, office=args.office)
            except ValueError as error:
                parser.error(str(error))
            print(f"{row.national_number} is an officer of {row.office}")
        elif dismiss_officer(db, national_number=args.national_number):
            print(f"{args.national_number} is no longer an officer")
        else:
            print(f"{args.national_number} was not an officer")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
