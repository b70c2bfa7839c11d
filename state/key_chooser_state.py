"""The key chooser as the step-up (DESIGN §2): opened with ``?niveau=substantiel`` by a page whose
level the person's session does not reach, it shows which keys reach that level."""

import reflex as rx

from foundation import routes
from identity.assurance import LevelOfAssurance
from portal.levels import level_named


class KeyChooserState(rx.State):
    # The level the page that sent the person here needs (a LevelOfAssurance's value); 0 for a
    # plain login, where every key will do.
    required_level: int = 0

    @rx.event
    def read_level(self) -> None:
        asked = level_named(self.router.url.query_parameters.get(routes.LEVEL_PARAMETER, ""))
        above_any = asked is not None and asked > LevelOfAssurance.LOW
        self.required_level = int(asked) if above_any and asked is not None else 0
