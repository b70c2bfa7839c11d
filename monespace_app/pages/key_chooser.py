"""Key chooser: "S'identifier à l'administration en ligne — Choisissez votre clé numérique".

The keys come from the identity registry when the page is built: they are configuration, so
the page shows them from its very first paint, with nothing to wait for.

Opened as the step-up (``?niveau=substantiel``: a page needs a higher level than the session's
key), it says why and shows the keys below that level greyed, not as links. Greyed rather than
hidden: a person who always uses username + password sees that their key is there but does not
reach this page, instead of wondering where it went.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from components import theme
from components.layout import page_layout, page_title, paragraph
from foundation import routes
from identity.assurance import LevelOfAssurance
from identity.keys.kinds import KeyKind
from identity.registry import KeyDescriptor, KeyGroup, KeyRegistry, default_registry
from monespace_app.pages.home import labelled_panel
from state.i18n_state import I18nState
from state.key_chooser_state import KeyChooserState


def itsme_account_link() -> rx.Component:
    """ "Créer votre compte itsme" under the itsme key (seed 004 §2b-2d): itsme's page for
    getting started, on itsme's site (the simulator's in the demo), and the link says so."""
    return rx.el.p(
        rx.el.a(
            I18nState.t["itsme.create_account"],
            " ",
            I18nState.t["itsme.elsewhere"],
            href=I18nState.itsme_account_url,
            rel="noopener",
        ),
        style={"margin": "0.4rem 0 0 0.25rem"},
    )


def key_link(key: KeyDescriptor) -> rx.Component:
    """The key's login page; greyed, with the reason, when it does not reach the level asked."""
    extras = [itsme_account_link()] if key.kind == KeyKind.ITSME else []
    return rx.el.li(
        rx.cond(
            KeyChooserState.required_level > int(key.level),
            rx.el.span(
                I18nState.t[f"key.{key.kind}"],
                rx.el.span(I18nState.t["levels.below"], class_name="key-link-reason"),
                class_name="key-link key-link-below",
            ),
            rx.el.a(
                I18nState.t[f"key.{key.kind}"],
                href=routes.key_login(key.kind),
                class_name="key-link",
            ),
        ),
        *extras,
        style={"list_style": "none"},
    )


def step_up_notice() -> rx.Component:
    """Why the person is asked to log in again, and with which keys."""
    return rx.match(
        KeyChooserState.required_level,
        (
            int(LevelOfAssurance.SUBSTANTIAL),
            rx.el.p(I18nState.t["levels.step_up.substantial"], class_name="alert-info"),
        ),
        (
            int(LevelOfAssurance.HIGH),
            rx.el.p(I18nState.t["levels.step_up.high"], class_name="alert-info"),
        ),
        rx.fragment(),
    )


def refusal_notice() -> rx.Component:
    """Why the login that brought the person back here opened nothing (a ticket stale, used, or
    redeemed in another browser, or cookies blocked)."""
    return rx.cond(
        KeyChooserState.refusal_key != "",
        rx.el.p(I18nState.t[KeyChooserState.refusal_key], role="alert", class_name="alert-error"),
        rx.fragment(),
    )


def key_group(group: KeyGroup, keys: list[KeyDescriptor]) -> rx.Component:
    return rx.el.section(
        rx.el.h2(
            I18nState.t[f"login.group.{group.value}"],
            style={"font_size": "1.15rem", "margin": "1.5rem 0 0.75rem"},
        ),
        rx.el.ul(
            *[key_link(key) for key in keys],
            style={
                "display": "grid",
                "gap": "0.75rem",
                "padding": "0",
                "margin": "0",
                "grid_template_columns": "repeat(auto-fill, minmax(18rem, 1fr))",
            },
        ),
    )


def no_keys_message() -> rx.Component:
    return rx.el.div(
        rx.el.h2(I18nState.t["login.empty.title"], style={"font_size": "1.2rem", "margin": "0"}),
        rx.el.p(I18nState.t["login.empty.text"], style={"margin": "0.5rem 0 0"}),
        role="status",
        style={
            "background": "#fff8e1",
            "border_left": "6px solid #8a6d00",
            "padding": "1rem 1.25rem",
            "margin": "1.5rem 0",
            "border_radius": "0.3rem",
        },
    )


def notice(title: rx.Var[str], text: rx.Var[str], title_id: str, **props: Any) -> rx.Component:
    """A notice below the keys, named by its title."""
    return labelled_panel(
        rx.el.aside,
        title,
        title_id,
        {"font_size": "1.05rem", "margin": "0 0 0.4rem"},
        rx.el.p(text, style={"margin": "0", "line_height": "1.6"}),
        **props,
    )


def important_notice() -> rx.Component:
    return notice(
        I18nState.t["login.important.title"],
        I18nState.t["login.important.text"],
        "important-title",
        style={
            "background": theme.SURFACE,
            "padding": "1rem 1.25rem",
            "margin": "2rem 0 1rem",
            "border_radius": "0.3rem",
        },
    )


def no_belgian_card_notice() -> rx.Component:
    """Seed 004 "Demander votre code unique (TOKEN)": where people without a Belgian card go."""
    return notice(
        I18nState.t["login.no_card.title"],
        I18nState.t["login.no_card.text"],
        "no-card-title",
        class_name="alert-info",
    )


def key_list(registry: KeyRegistry) -> list[rx.Component]:
    """One section per group of the registry, or a plain message when it offers no key."""
    groups = registry.grouped()
    if not groups:
        return [no_keys_message()]
    return [key_group(group, keys) for group, keys in groups]


def key_chooser_page() -> rx.Component:
    return page_layout(
        page_title("login.title"),
        paragraph("login.subtitle"),
        refusal_notice(),
        step_up_notice(),
        *key_list(default_registry()),
        important_notice(),
        no_belgian_card_notice(),
        rx.el.a(I18nState.t["login.back"], href=routes.HOME, style={"color": theme.PRIMARY}),
    )
