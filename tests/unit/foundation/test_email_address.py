"""The one e-mail rule of every form: an address accepted is the one mailbox mail goes to.

The refused addresses below were accepted before bench/fuzz_inputs.py: the ``To`` header built
from them names other mailboxes (``a,b@x.be`` is mailed to ``a`` and ``b@x.be``), or none, or
cannot be written at all (a lone surrogate, a control character)."""

from __future__ import annotations

from email.utils import getaddresses

import pytest

from foundation.email_address import is_email_address


@pytest.mark.parametrize(
    "address",
    [
        "naima.mremi@example.be",
        "jean-pierre.o'neil@ulb.ac.be",
        "x+tag@mail.fr",
        "josé@exemple.be",
        "a_b{c}|d~e@f.be",
    ],
)
def test_an_accepted_address_is_mailed_to_itself(address: str) -> None:
    assert is_email_address(address)
    assert getaddresses([address]) == [("", address)]


@pytest.mark.parametrize(
    "address",
    [
        "a,b@x.be",  # mailed to "a" and "b@x.be"
        "x+:tag@mail.fr",  # mailed to tag@mail.fr
        "::naima@example.be",
        "a<b@x.be",  # display name "a", mailbox b@x.be
        "(a@b.be",  # no mailbox at all
        "a]b@x.be",
        'a"b@x.be',
        "a\x00b@x.be",
        "naim\x7fa@example.be",
        "a\x1b@b.be",
        "a\ud800@b.be",  # a lone surrogate: only a forged event carries one
        ".a@b.be",
        "a..b@b.be",
        "a.@b.be",
        "a@b.be\n",
        "a@b",
        "@b.be",
        "a" * 65 + "@b.be",
    ],
)
def test_an_address_mail_would_read_otherwise_is_refused(address: str) -> None:
    assert not is_email_address(address)
