"""A login step under way ("Redirection vers …", "Vérification …"): a spinner and its words,
announced politely to screen readers; the words are the catalogue's ``text_key``."""

from __future__ import annotations

import reflex as rx

from state.i18n_state import I18nState


def progress(text_key: str) -> rx.Component:
    return rx.el.div(
        rx.el.div(
            rx.el.span(class_name="spinner", aria_hidden="true"),
            rx.el.span(I18nState.t[text_key]),
            class_name="progress",
        ),
        role="status",
        aria_live="polite",
        class_name="alert-info",
    )
