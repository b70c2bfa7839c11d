"""The démarches a dashboard suggests, each with its page and its title in every language (the
language switch changes them without asking the server again)."""

from __future__ import annotations

import dataclasses

from foundation import routes
from foundation.settings import SUPPORTED_LANGUAGES
from portal.dossiers.catalogue import Procedure


@dataclasses.dataclass
class SuggestedProcedure:
    key: str
    href: str
    titles: dict[str, str]


def suggested_of(procedure: Procedure) -> SuggestedProcedure:
    return SuggestedProcedure(
        key=procedure.key,
        href=routes.procedure(procedure.key),
        titles={language: procedure.title_in(language) for language in SUPPORTED_LANGUAGES},
    )
