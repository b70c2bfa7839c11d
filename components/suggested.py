"""A suggested démarche on a dashboard: its title in the page's language, linking to its page."""

from __future__ import annotations

import reflex as rx

from state.dossiers.suggested import SuggestedProcedure
from state.i18n_state import I18nState


def suggested_item(procedure: SuggestedProcedure) -> rx.Component:
    title = rx.cond(
        procedure.titles.contains(I18nState.lang),  # type: ignore[attr-defined]
        procedure.titles[I18nState.lang],
        procedure.titles["fr"],
    )
    return rx.el.li(rx.el.a(title, href=procedure.href))
