"""The key chooser as the step-up (DESIGN §2): opened with ``?niveau=substantiel`` by a page whose
level the person's session does not reach, it shows which keys reach that level. Opened with
``?erreur=<reason>`` by the session endpoint when a login's ticket opened nothing, it says why."""

import reflex as rx

from foundation import routes
from identity.assurance import LevelOfAssurance
from portal.levels import level_named
from state.kept_when_used import KeptWhenUsed


class KeyChooserState(KeptWhenUsed, rx.State):
    # The level the page that sent the person here needs (a LevelOfAssurance's value); 0 for a
    # plain login, where every key will do.
    required_level: int = 0
    # The catalogue key of why the last login opened nothing (routes.LOGIN_REFUSALS); "" if none.
    refusal_key: str = ""

    @rx.event
    def read_level(self) -> None:
        query = self.router.url.query_parameters
        asked = level_named(query.get(routes.LEVEL_PARAMETER, ""))
        above_any = asked is not None and asked > LevelOfAssurance.LOW
        self.required_level = int(asked) if above_any and asked is not None else 0
        reason = query.get(routes.LOGIN_REFUSAL_PARAMETER, "")
        # Only the reasons the portal names: the text comes from the catalogue, never the URL.
        self.refusal_key = f"login.refused.{reason}" if reason in routes.LOGIN_REFUSALS else ""
