"""A démarche's page: summary, who may use it, what is needed, and "Commencer" (seed 003
"Comment initier un dossier ?", "Nécessité d'utiliser ma carte d'identité")."""

from __future__ import annotations

import reflex as rx

from components.layout import page_layout
from foundation import routes
from state.dossiers.procedure_state import PlaceRow, ProcedureState
from state.i18n_state import I18nState
from state.session_state import SessionState


def _place(row: PlaceRow) -> rx.Component:
    return rx.el.option(row.label, value=row.key)


def _start() -> rx.Component:
    return rx.cond(
        SessionState.logged_in,  # the header's, refreshed as the page is shown
        rx.cond(
            ProcedureState.places.length() > 0,  # type: ignore[attr-defined]
            rx.el.form(
                rx.cond(
                    ProcedureState.places.length() > 1,  # type: ignore[attr-defined]
                    rx.el.div(
                        rx.el.label(I18nState.t["procedure.place"], html_for="espace-demarche"),
                        rx.el.select(
                            rx.foreach(ProcedureState.places, _place),
                            id="espace-demarche",
                            name="place",
                        ),
                        class_name="field",
                    ),
                    rx.fragment(),
                ),
                rx.el.p(I18nState.t["procedure.card_needed"], class_name="field-help"),
                rx.el.button(
                    rx.cond(
                        ProcedureState.starting,
                        I18nState.t["procedure.starting"],
                        I18nState.t["procedure.start"],
                    ),
                    type="submit",
                    class_name="button-primary",
                    disabled=ProcedureState.starting,
                ),
                on_submit=ProcedureState.start,
            ),
            rx.el.p(I18nState.t["procedure.no_place"], class_name="alert-info"),
        ),
        rx.el.div(
            rx.el.p(I18nState.t["procedure.login_first"]),
            rx.el.a(
                I18nState.t["procedure.login"],
                href=ProcedureState.login_url,
                class_name="button-primary",
            ),
        ),
    )


def procedure_page() -> rx.Component:
    return page_layout(
        rx.el.p(rx.el.a(I18nState.t["procedure.back"], href=routes.CATALOGUE)),
        rx.cond(
            ProcedureState.found,
            rx.fragment(
                rx.el.h1(ProcedureState.title, style={"font_size": "2rem"}),
                rx.el.p(
                    I18nState.t[ProcedureState.audience_key],
                    class_name="cell-note",
                ),
                rx.el.p(ProcedureState.summary),
                rx.el.h2(I18nState.t["procedure.who"]),
                rx.el.p(ProcedureState.who),
                rx.el.h2(I18nState.t["procedure.needed"]),
                rx.el.ul(
                    rx.foreach(ProcedureState.needed, lambda item: rx.el.li(item)),
                    class_name="needed-list",
                ),
                rx.cond(
                    ProcedureState.administration != "",
                    rx.fragment(
                        rx.el.h2(I18nState.t["procedure.administration"]),
                        rx.el.p(ProcedureState.administration),
                    ),
                    rx.fragment(),
                ),
                rx.el.h2(I18nState.t["procedure.how"]),
                rx.cond(
                    ProcedureState.error_text != "",
                    rx.el.p(ProcedureState.error_text, role="alert", class_name="alert-error"),
                    rx.fragment(),
                ),
                _start(),
            ),
            rx.fragment(
                rx.el.h1(I18nState.t["procedure.unknown"]),
                rx.el.p(rx.el.a(I18nState.t["procedure.back"], href=routes.CATALOGUE)),
            ),
        ),
    )
