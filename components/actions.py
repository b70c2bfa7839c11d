"""Buttons that act on the page without submitting a form (a table row's "Supprimer", "Afficher
…"), the words that name, for screen readers only, what a row's button acts on, and the
confirmation asked before an action that cannot be undone."""

from __future__ import annotations

from typing import Any

import reflex as rx


def hidden(*parts: Any) -> rx.Component:
    """Read by screen readers only: "Supprimer" says whom it removes."""
    return rx.el.span(*parts, class_name="visually-hidden")


def action_button(
    label: Any, on_click: Any, *named: rx.Component, class_name: str = "link-button", **attrs: Any
) -> rx.Component:
    """A plain button (``type="button"``); ``named``: what it acts on, after its label."""
    return rx.el.button(
        label, *named, type="button", on_click=on_click, class_name=class_name, **attrs
    )


def confirmation(
    name: str,
    question: Any,
    *,
    confirm: Any,
    on_confirm: Any,
    cancel: Any,
    on_cancel: Any,
) -> rx.Component:
    """The question, the action again (in red) and "Annuler", as an alert dialog the focus is
    moved to (``#<name>-confirmation``)."""
    return rx.el.div(
        rx.el.p(question, id=f"{name}-question"),
        rx.el.div(
            action_button(confirm, on_confirm, class_name="button-danger"),
            action_button(cancel, on_cancel, class_name="button-secondary"),
            class_name="actions",
        ),
        id=f"{name}-confirmation",
        tab_index=-1,
        role="alertdialog",
        aria_labelledby=f"{name}-question",
        class_name="alert-error",
    )
