"""Secrets a page shows once and the server forgets at once: a new app's seed (its QR code and
the text typed into the app), a paper token's card, a person's activation code at the office.

Such a value is pushed to the browser's own memory (a client-side var) with the answer of the
event that made it, and is never a field of the Reflex state: the state is kept server-side
between events (the ``.states`` files, or Redis) for as long as the tab lives, whatever page the
tab moves on to, while the browser's copy is gone with the page. What the server still needs
between steps (the seed until the app's first code proves it) stays in a backend-only ``_var``,
cleared as soon as the step is over.
"""

from __future__ import annotations

from reflex.experimental.client_state import ClientStateVar
from reflex_base.event import EventSpec
from reflex_base.vars.base import Var

# The key activation wizard and the token activation page (the mobile app's enrolment).
APP_QR = ClientStateVar.create("shown_app_qr", "")
APP_SECRET_TEXT = ClientStateVar.create("shown_app_secret_text", "")
# The token activation page's last step: the card as printed, rows of number/code cells.
TOKEN_CARD = ClientStateVar.create("shown_token_card", Var.create([]).to(list[list[str]]))
# The registration office's slip: the activation code of the person just registered.
ACTIVATION_CODE = ClientStateVar.create("shown_activation_code", "")


def show_app_seed(qr_src: str, secret_text: str) -> list[EventSpec]:
    return [APP_QR.push(qr_src), APP_SECRET_TEXT.push(secret_text)]


def forget_app_seed() -> list[EventSpec]:
    """The browser's copy too, once the app holds the seed (or the wizard is left)."""
    return show_app_seed("", "")
