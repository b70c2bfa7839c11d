"""What counts as an e-mail address the portal can write to (one rule for every form).

The mailbox name is an RFC 5322 dot-atom, letters and digits of any script allowed (RFC 6531):
no spaces, quotes, commas, colons, brackets or parentheses, no controls. Those would make the
``To`` header name another mailbox than the one shown (``a,b@x.be`` is mailed to ``a`` and
``b@x.be``, ``x:y@x.be`` to ``y@x.be``), and a lone surrogate (a forged event) cannot be written.
"""

from __future__ import annotations

import re

MAX_LENGTH = 254
_ATOM = r"[\w!#$%&'*+/=?^`{|}~-]+"
_LOCAL = re.compile(rf"{_ATOM}(?:\.{_ATOM})*")
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_DOMAIN = re.compile(rf"{_LABEL}(?:\.{_LABEL})+")


def is_email_address(text: str) -> bool:
    local, at, domain = text.rpartition("@")
    return (
        len(text) <= MAX_LENGTH
        and bool(at)
        and len(local) <= 64
        and _LOCAL.fullmatch(local) is not None
        and _DOMAIN.fullmatch(domain) is not None
    )
