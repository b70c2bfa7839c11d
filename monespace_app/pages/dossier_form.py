"""A dossier's form, one step at a time: the steps, the step's fields drawn by the form engine,
the files, and Précédent / Enregistrer le brouillon / Suivant (or Vérifier le dossier)."""

from __future__ import annotations

import reflex as rx

from components.form_engine import form_field, upload_zone
from components.layout import loaded, page_layout, private
from state.dossiers.form_state import STEP_HEADING, DossierFormState, StepRow
from state.i18n_state import I18nState


def _step(step: StepRow) -> rx.Component:
    return rx.el.li(
        rx.el.span(step.number.to_string(), class_name="step-number", aria_hidden="true"),  # type: ignore[attr-defined]
        rx.el.a(step.title, href=step.href),
        aria_current=rx.cond(step.current, "step", None),
        class_name=rx.cond(step.current, "step step-current", "step"),
    )


def _main_action() -> rx.Var[str]:
    return rx.cond(
        DossierFormState.is_last,
        I18nState.t["dossier.form.review"],
        I18nState.t["dossier.form.next"],
    )


def _enter_goes_on() -> rx.Component:
    """Enter in a field submits the form through its first submit button: this one, so that it
    moves on like "Suivant" rather than going back ("Précédent" comes first on the screen).
    Out of sight, of the tab order and of assistive technologies: the visible one is there."""
    return rx.el.button(
        _main_action(),
        type="submit",
        tab_index=-1,
        aria_hidden="true",
        class_name="visually-hidden",
        on_click=DossierFormState.going("next"),
    )


def _buttons() -> rx.Component:
    return rx.el.div(
        rx.cond(
            DossierFormState.is_first,
            rx.fragment(),
            rx.el.button(
                I18nState.t["dossier.form.previous"],
                type="submit",
                class_name="button-secondary",
                on_click=DossierFormState.going("previous"),
            ),
        ),
        rx.el.button(
            I18nState.t["dossier.form.save_draft"],
            type="submit",
            class_name="button-secondary",
            on_click=DossierFormState.going("draft"),
        ),
        rx.el.button(
            _main_action(),
            type="submit",
            class_name="button-primary",
            on_click=DossierFormState.going("next"),
        ),
        class_name="actions",
    )


def dossier_form_page() -> rx.Component:
    return page_layout(
        private(
            loaded(
                DossierFormState.loaded,
                rx.el.p(DossierFormState.place, class_name="cell-note"),
                rx.el.h1(DossierFormState.title, style={"font_size": "1.8rem"}),
                rx.el.p(
                    I18nState.t["dossier.reference"],
                    " ",
                    rx.el.strong(DossierFormState.reference),
                    " · ",
                    rx.el.a(
                        I18nState.t["dossier.form.to_dossier"],
                        href="/dossier?reference=" + DossierFormState.reference,
                    ),
                ),
                rx.el.nav(
                    rx.el.ol(rx.foreach(DossierFormState.steps, _step), class_name="stepper"),
                    aria_label=I18nState.t["dossier.form.steps"],
                ),
                # Focused when the step opens (tabindex -1: by the page, not by Tab).
                rx.el.h2(
                    DossierFormState.step_title,
                    id=STEP_HEADING,
                    tab_index=-1,
                    class_name="step-heading",
                ),
                rx.el.p(I18nState.t["dossier.form.required_note"], class_name="field-help"),
                rx.cond(
                    DossierFormState.has_read_only,
                    rx.el.p(I18nState.t["form.source.authentic"], class_name="alert-info"),
                    rx.fragment(),
                ),
                rx.cond(
                    DossierFormState.problems > 0,
                    rx.el.p(
                        I18nState.t["dossier.form.problems"],
                        role="alert",
                        class_name="alert-error",
                    ),
                    rx.fragment(),
                ),
                rx.cond(
                    DossierFormState.error_text != "",
                    rx.el.p(DossierFormState.error_text, role="alert", class_name="alert-error"),
                    rx.fragment(),
                ),
                rx.el.form(
                    _enter_goes_on(),
                    rx.foreach(DossierFormState.fields, form_field),
                    _buttons(),
                    on_submit=DossierFormState.submit_step,
                    aria_labelledby=STEP_HEADING,
                    key=DossierFormState.step,
                ),
                upload_zone(),
                rx.el.p(
                    rx.cond(
                        DossierFormState.saved_at != "",
                        rx.fragment(
                            I18nState.t["dossier.form.saved_at"], " ", DossierFormState.saved_at
                        ),
                        I18nState.t["dossier.form.autosave"],
                    ),
                    role="status",
                    class_name="field-help",
                ),
                refusal=DossierFormState.error_text,
            )
        )
    )
