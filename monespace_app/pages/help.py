"""Help page: what a person needs to log in, and whom to contact."""

from __future__ import annotations

import reflex as rx

from components.layout import page_layout, page_title, paragraph
from foundation import routes
from state.i18n_state import I18nState

SECTIONS = ("eid", "itsme", "token", "keys", "contact")
# Seed 004 §2a: what a login with the card needs, the eID software with its site.
EID_NEEDS = ("email", "card", "pin", "reader", "software")


def heading(name: str) -> rx.Component:
    return rx.el.h2(
        I18nState.t[f"help.{name}.heading"],
        style={"font_size": "1.25rem", "margin": "1.5rem 0 0.5rem"},
    )


def eid_section() -> rx.Component:
    """The prerequisites as the guide lists them, and where the free eID software is."""
    return rx.el.section(
        heading("eid"),
        rx.el.p(I18nState.t["help.eid.text"]),
        rx.el.ul(*[rx.el.li(I18nState.t[f"help.eid.need.{need}"]) for need in EID_NEEDS]),
        paragraph("help.eid.software"),
        rx.el.p(
            I18nState.t["help.eid.more"],
            " ",
            rx.el.a(
                I18nState.t["help.eid.site"],
                href=I18nState.t["help.eid.site"],
                target="_blank",
                rel="noopener noreferrer",
            ),
        ),
    )


def token_section() -> rx.Component:
    """Without a Belgian card: the paper token, and where the offices are."""
    return rx.el.section(
        heading("token"),
        paragraph("help.token.text"),
        rx.el.p(
            rx.el.a(I18nState.t["help.token.how_link"], href=routes.WITHOUT_EID),
            " · ",
            rx.el.a(I18nState.t["help.token.offices_link"], href=routes.REGISTRATION_OFFICES),
        ),
    )


def help_section(name: str) -> rx.Component:
    if name == "eid":
        return eid_section()
    if name == "token":
        return token_section()
    return rx.el.section(heading(name), paragraph(f"help.{name}.text"))


def help_page() -> rx.Component:
    return page_layout(
        page_title("help.title"),
        paragraph("help.intro"),
        *[help_section(name) for name in SECTIONS],
    )
