"""Public help for people without an eID (seed 004 §3 "Vous ne disposez pas de carte d'identité/
de séjour délivrée en Belgique ?"): how to get a paper token, and the list of the local
registration offices (BEL). The code-key login pages link here ("Vous n'avez pas d'eID ?")."""

from __future__ import annotations

import reflex as rx

from components.layout import page_layout, page_title, paragraph
from foundation import routes
from portal.office_directory import Office, offices_by_region
from state.i18n_state import I18nState

PRADO = "https://www.consilium.europa.eu/prado/fr/prado-start-page.html"
STEPS = ("without_eid.step.appointment", "without_eid.step.documents", "without_eid.step.prado")


def external_link(label_key: str, href: str) -> rx.Component:
    return rx.el.a(
        I18nState.t[label_key],
        " ",
        rx.el.span(I18nState.t["without_eid.new_tab"], class_name="visually-hidden"),
        href=href,
        target="_blank",
        rel="noopener noreferrer",
    )


def without_eid_page() -> rx.Component:
    return page_layout(
        page_title("without_eid.title"),
        paragraph("without_eid.intro"),
        rx.el.h2(I18nState.t["without_eid.token.title"], style={"font_size": "1.3rem"}),
        paragraph("without_eid.token.text"),
        rx.el.p(
            rx.el.a(
                I18nState.t["without_eid.offices_link"],
                href=routes.REGISTRATION_OFFICES,
                class_name="button-primary",
            )
        ),
        rx.el.h2(I18nState.t["without_eid.how.title"], style={"font_size": "1.3rem"}),
        rx.el.ol(
            rx.el.li(I18nState.t[STEPS[0]]),
            rx.el.li(I18nState.t[STEPS[1]]),
            rx.el.li(I18nState.t[STEPS[2]], " ", external_link("without_eid.prado_link", PRADO)),
        ),
        rx.el.h2(I18nState.t["without_eid.after.title"], style={"font_size": "1.3rem"}),
        rx.el.ul(
            rx.el.li(I18nState.t["without_eid.after.token"]),
            rx.el.li(I18nState.t["without_eid.after.mail"]),
        ),
        paragraph("without_eid.after.activate"),
        rx.el.h2(I18nState.t["without_eid.itsme.title"], style={"font_size": "1.3rem"}),
        paragraph("without_eid.itsme.text"),
        rx.el.p(rx.el.a(I18nState.t["codelogin.other_key"], href=routes.KEY_CHOOSER)),
    )


def office_row(office: Office) -> rx.Component:
    """One office: its name, where, how to reach it (proper names, not translated)."""
    return rx.el.tr(
        rx.el.th(office.name, scope="row"),
        rx.el.td(office.street, rx.el.br(), f"{office.postcode} {office.municipality}"),
        rx.el.td(
            office.phone or I18nState.t["offices.by_commune"],
            rx.el.br() if office.hours else rx.fragment(),
            office.hours,
        ),
    )


def offices_table(region: str, offices: list[Office]) -> rx.Component:
    return rx.el.section(
        rx.el.h2(I18nState.t[f"offices.region.{region}"], style={"font_size": "1.3rem"}),
        rx.el.table(
            rx.el.caption(I18nState.t[f"offices.region.{region}"], class_name="visually-hidden"),
            rx.el.thead(
                rx.el.tr(
                    rx.el.th(I18nState.t["offices.column.office"], scope="col"),
                    rx.el.th(I18nState.t["offices.column.address"], scope="col"),
                    rx.el.th(I18nState.t["offices.column.appointment"], scope="col"),
                )
            ),
            rx.el.tbody(*[office_row(office) for office in offices]),
            class_name="data-table",
        ),
    )


def registration_offices_page() -> rx.Component:
    return page_layout(
        page_title("offices.title"),
        paragraph("offices.intro"),
        *[offices_table(region, offices) for region, offices in offices_by_region()],
        paragraph("offices.bring"),
        rx.el.p(rx.el.a(I18nState.t["offices.back"], href=routes.WITHOUT_EID)),
    )
