"""Gestion des gestionnaires d'accès — "Désigner un Gestionnaire d'Accès Principal" (seed 002
§2.1–2.3, step 3): what a GAP is, who designates one, the standard procedure (a legal
representative with the eID card) and the exceptional one (without eID), which is described here
and done by the help desk."""

from __future__ import annotations

import reflex as rx

from components.layout import page_title, paragraph
from components.roles_layout import roles_layout
from foundation import routes
from state.i18n_state import I18nState


def procedure(key: str, *content: rx.Component) -> rx.Component:
    heading_id = f"procedure-{key}"
    return rx.el.section(
        rx.el.h3(I18nState.t[f"access_managers.{key}.title"], id=heading_id),
        *content,
        aria_labelledby=heading_id,
        class_name="procedure",
    )


def standard_procedure() -> rx.Component:
    return procedure(
        "standard",
        rx.el.a(
            I18nState.t["access_managers.designate"],
            href=routes.GAP_DESIGNATION,
            class_name="button-primary",
        ),
        rx.el.p(
            rx.el.strong(I18nState.t["access_managers.standard.warning_label"]),
            " ",
            I18nState.t["access_managers.standard.warning"],
        ),
    )


def exceptional_procedure() -> rx.Component:
    return procedure(
        "exceptional",
        rx.el.p(rx.el.strong(I18nState.t["access_managers.exceptional.question"])),
        rx.el.p(I18nState.t["access_managers.exceptional.text"]),
        rx.el.ol(
            rx.el.li(I18nState.t["access_managers.exceptional.step1"]),
            rx.el.li(I18nState.t["access_managers.exceptional.step2"]),
            rx.el.li(I18nState.t["access_managers.exceptional.step3"]),
        ),
        rx.el.p(I18nState.t["access_managers.exceptional.contact"]),
    )


def access_managers_page() -> rx.Component:
    return roles_layout(
        None,
        page_title("access_managers.title"),
        paragraph("access_managers.intro"),
        rx.el.h2(I18nState.t["access_managers.gap.title"]),
        paragraph("access_managers.gap.what"),
        paragraph("access_managers.gap.who"),
        rx.el.div(standard_procedure(), exceptional_procedure(), class_name="procedures"),
    )
