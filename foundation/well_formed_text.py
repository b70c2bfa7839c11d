"""Text as the portal keeps it: Unicode that UTF-8 can write (SQLite, mails, hashes, the page).

No keyboard types a lone surrogate (U+D800..U+DFFF on its own), but a forged websocket message
can carry one, ``"\\ud800"`` in its JSON, and Python's JSON decoder hands it over as is. Such a
string passes a length or a regex check, then fails where it is written: SQLite, argon2 and
``str.encode`` all refuse it. Each one becomes U+FFFD, the replacement character, the moment it
arrives, so a bad input is an ordinary wrong value and never a crash.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def well_formed(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD; ``text`` itself when it has none."""
    return _LONE_SURROGATE.sub(REPLACEMENT, text)
