"""A dossier's form, one step at a time: the steps, the step's fields drawn by the form engine,
the files, and Précédent / Enregistrer le brouillon / Suivant (or Vérifier et signer)."""

from __future__ import annotations

import reflex as rx

from components.form_engine import form_field, upload_zone
from components.layout import loaded, page_layout, private
from state.dossiers.form_state import DossierFormState, StepRow
from state.i18n_state import I18nState


def _step(step: StepRow) -> rx.Component:
    return rx.el.li(
        rx.el.span(step.number.to_string(), class_name="step-number", aria_hidden="true"),  # type: ignore[attr-defined]
        rx.el.a(step.title, href=step.href),
        aria_current=rx.cond(step.current, "step", None),
        class_name=rx.cond(step.current, "step step-current", "step"),
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
            rx.cond(
                DossierFormState.is_last,
                I18nState.t["dossier.form.review"],
                I18nState.t["dossier.form.next"],
            ),
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
                rx.el.h2(DossierFormState.step_title, id="etape-titre"),
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
                    rx.foreach(DossierFormState.fields, form_field),
                    _buttons(),
                    on_submit=DossierFormState.submit_step,
                    aria_labelledby="etape-titre",
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
            )
        )
    )
