"""The portal footer: the Federation's sites, address, privacy and help links."""

from __future__ import annotations

import reflex as rx

from components import theme
from foundation import routes
from state.i18n_state import I18nState

FEDERATION_SITES = (
    "ENSEIGNEMENT.BE",
    "CULTURE.BE",
    "SPORT-ADEPS.BE",
    "AIDEALAJEUNESSE.BE",
    "RECHERCHESCIENTIFIQUE.BE",
    "MAISONSDEJUSTICE.BE",
)


def footer_link(label: rx.Var[str] | str, href: str) -> rx.Component:
    return rx.el.a(
        label, href=href, style={"color": theme.FOOTER_INK, "text_decoration": "underline"}
    )


def footer() -> rx.Component:
    return rx.el.footer(
        rx.el.div(
            rx.el.h2(
                I18nState.t["footer.sites"],
                style={"font_size": "0.95rem", "margin": "0 0 0.5rem", "color": theme.FOOTER_INK},
            ),
            rx.el.ul(
                *[rx.el.li(site, style={"list_style": "none"}) for site in FEDERATION_SITES],
                style={
                    "display": "flex",
                    "flex_wrap": "wrap",
                    "gap": "0.5rem 1.5rem",
                    "padding": "0",
                    "margin": "0 0 1rem",
                    "font_size": "0.85rem",
                    "letter_spacing": "0.04em",
                },
            ),
            rx.el.p(I18nState.t["footer.contact"], style={"margin": "0 0 0.5rem"}),
            rx.el.p(I18nState.t["footer.etnic"], style={"margin": "0 0 0.75rem"}),
            rx.el.p(
                footer_link(I18nState.t["footer.privacy"], routes.PRIVACY),
                rx.el.span(" · ", aria_hidden="true"),
                footer_link(I18nState.t["footer.help"], routes.HELP),
                style={"margin": "0"},
            ),
            style={
                "max_width": theme.CONTENT_WIDTH,
                "margin": "0 auto",
                "padding": "1.5rem 1.25rem",
            },
        ),
        style={
            "background": theme.FOOTER_BG,
            "color": theme.FOOTER_INK,
            "font_size": "0.9rem",
            "margin_top": "auto",
        },
    )
