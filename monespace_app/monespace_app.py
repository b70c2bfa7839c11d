"""The Reflex app: creation and page registration only."""

from __future__ import annotations

import reflex as rx

from monespace_app import routes
from monespace_app.pages.help import help_page
from monespace_app.pages.home import home_page
from monespace_app.pages.key_chooser import key_chooser_page
from monespace_app.pages.privacy import privacy_page
from monespace_app.settings import get_settings
from state.key_chooser_state import KeyChooserState

app = rx.App(
    html_lang=get_settings().default_language,
    stylesheets=["/monespace.css"],
)
app.add_page(home_page, route=routes.HOME, title="Mon Espace — Fédération Wallonie-Bruxelles")
app.add_page(help_page, route=routes.HELP, title="Besoin d'aide ? — Mon Espace")
app.add_page(privacy_page, route=routes.PRIVACY, title="Politique de confidentialité — Mon Espace")
app.add_page(
    key_chooser_page,
    route=routes.KEY_CHOOSER,
    title="S'identifier — Mon Espace",
    on_load=KeyChooserState.load,
)
