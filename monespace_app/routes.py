"""Every route of the portal, in one place."""

from __future__ import annotations

HOME = "/"
HELP = "/aide"
PRIVACY = "/confidentialite"
KEY_CHOOSER = "/connexion"


def key_login(kind: str) -> str:
    """The login page of one digital key."""
    return f"{KEY_CHOOSER}/{kind}"


ALL_PAGES = (HOME, HELP, PRIVACY, KEY_CHOOSER)
