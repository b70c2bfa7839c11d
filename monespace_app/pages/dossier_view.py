"""A dossier's page: its state, its content, its files and history, and the actions this
person's role allows in this state (Modifier, Signer with the eID card, Soumettre, Supprimer,
answer a complement request)."""

from __future__ import annotations

import reflex as rx

from components.actions import action_button, confirmation
from components.layout import loaded, page_layout, private
from foundation import routes
from state.dossiers.dossier_state import DossierState, EventRow, FileRow, LineRow, SectionRow
from state.i18n_state import I18nState

COMPLEMENT_UPLOAD = "complement"


def _offered(name: str, *content: rx.Component) -> rx.Component:
    return rx.cond(DossierState.offers.contains(name), rx.fragment(*content), rx.fragment())  # type: ignore[attr-defined]


def _line(line: LineRow) -> rx.Component:
    return rx.el.tr(rx.el.th(line.label, scope="row"), rx.el.td(line.value))


def _section(section: SectionRow) -> rx.Component:
    return rx.el.section(
        rx.el.h3(section.title, style={"font_size": "1.1rem"}),
        rx.el.table(rx.el.tbody(rx.foreach(section.lines, _line)), class_name="data-table"),
    )


def _file(file: FileRow) -> rx.Component:
    return rx.el.tr(
        rx.el.td(rx.el.a(file.name, href=file.href)),
        rx.el.td(I18nState.t[file.purpose_key]),
        rx.el.td(file.size),
        rx.el.td(rx.el.code(file.sha256, class_name="hash")),
    )


def _event(event: EventRow) -> rx.Component:
    return rx.el.tr(
        rx.el.td(event.when), rx.el.td(event.actor), rx.el.td(event.action), rx.el.td(event.message)
    )


def _pin_form() -> rx.Component:
    return rx.el.form(
        rx.el.h3(I18nState.t["dossier.sign.title"], id="signature-titre"),
        rx.el.p(I18nState.t["dossier.sign.explain"]),
        rx.el.div(
            rx.el.label(I18nState.t["eid.pin.label"], html_for="champ-pin"),
            rx.el.input(
                id="champ-pin",
                name="pin",
                type="password",
                input_mode="numeric",
                auto_complete="off",
                max_length=12,
                auto_focus=True,
            ),
            class_name="field",
        ),
        rx.cond(
            DossierState.pin_tries_left >= 0,
            rx.el.p(I18nState.t["eid.pin.tries"], " ", DossierState.pin_tries_left.to_string()),  # type: ignore[attr-defined]
            rx.fragment(),
        ),
        rx.el.div(
            rx.el.button(
                rx.cond(
                    DossierState.signing,
                    I18nState.t["dossier.sign.signing"],
                    I18nState.t["dossier.sign.submit"],
                ),
                type="submit",
                class_name="button-primary",
                disabled=DossierState.signing,
            ),
            action_button(
                I18nState.t["wizard.cancel"], DossierState.cancel_pin, class_name="button-secondary"
            ),
            class_name="actions",
        ),
        on_submit=DossierState.sign,
        aria_labelledby="signature-titre",
        class_name="preview-block",
    )


def _complement() -> rx.Component:
    return rx.el.section(
        rx.el.h2(I18nState.t["dossier.complement.title"], id="complement-titre"),
        rx.el.blockquote(DossierState.administration_message, class_name="preview-message"),
        rx.el.div(
            rx.el.label(I18nState.t["dossier.complement.message"], html_for="champ-complement"),
            rx.el.textarea(
                id="champ-complement",
                rows=4,
                default_value=DossierState.complement_message,
                on_blur=DossierState.set_complement_message,
            ),
            class_name="field field-wide",
        ),
        # The label around the drop zone names its file input (see components/form_engine.py).
        rx.el.label(
            rx.upload(
                rx.el.span(I18nState.t["dossier.form.drop_file"]),
                rx.el.span(I18nState.t["dossier.form.choose_file"], class_name="button-secondary"),
                id=COMPLEMENT_UPLOAD,
                multiple=True,
                max_files=10,
                class_name="upload-zone",
            ),
        ),
        rx.el.ul(
            rx.foreach(rx.selected_files(COMPLEMENT_UPLOAD), lambda name: rx.el.li(name)),
            aria_live="polite",
        ),
        rx.el.button(
            I18nState.t["dossier.complement.send"],
            type="button",
            class_name="button-primary",
            on_click=DossierState.answer(rx.upload_files(upload_id=COMPLEMENT_UPLOAD)),
        ),
        aria_labelledby="complement-titre",
        class_name="preview-block",
    )


def _actions() -> rx.Component:
    return rx.el.div(
        _offered(
            "modify",
            rx.el.a(
                I18nState.t["dossier.action.modify"],
                href=routes.DOSSIER_FORM + "?reference=" + DossierState.reference,
                class_name="button-secondary",
            ),
        ),
        _offered(
            "sign",
            rx.cond(
                DossierState.asking_pin,
                rx.fragment(),
                action_button(
                    I18nState.t["dossier.action.sign"],
                    DossierState.ask_pin,
                    class_name="button-primary",
                ),
            ),
        ),
        _offered(
            "submit",
            action_button(
                I18nState.t["dossier.action.submit"],
                DossierState.submit,
                class_name="button-primary",
            ),
        ),
        _offered(
            "delete",
            action_button(
                I18nState.t["dossier.action.delete"],
                DossierState.ask_delete,
                class_name="button-danger",
            ),
        ),
        class_name="actions",
    )


def dossier_page() -> rx.Component:
    return page_layout(
        private(
            loaded(
                DossierState.loaded,
                rx.el.p(
                    rx.el.a(I18nState.t["dossier.back"], href=DossierState.back),
                    " · ",
                    DossierState.place,
                    class_name="cell-note",
                ),
                rx.el.h1(DossierState.title, style={"font_size": "1.8rem"}),
                rx.el.p(
                    I18nState.t["dossier.reference"],
                    " ",
                    rx.el.strong(DossierState.reference),
                    " · ",
                    I18nState.t["dossier.status"],
                    " ",
                    rx.el.strong(I18nState.t[DossierState.status_key], id="etat-dossier"),
                ),
                rx.cond(
                    DossierState.notice != "",
                    rx.el.p(
                        I18nState.t[DossierState.notice], role="status", class_name="alert-success"
                    ),
                    rx.fragment(),
                ),
                rx.cond(
                    DossierState.error_text != "",
                    rx.el.p(DossierState.error_text, role="alert", class_name="alert-error"),
                    rx.fragment(),
                ),
                _actions(),
                rx.cond(DossierState.asking_pin, _pin_form(), rx.fragment()),
                rx.cond(
                    DossierState.confirming_delete,
                    confirmation(
                        "suppression",
                        I18nState.t["dossier.delete.question"],
                        confirm=I18nState.t["dossier.action.delete"],
                        on_confirm=DossierState.delete,
                        cancel=I18nState.t["wizard.cancel"],
                        on_cancel=DossierState.cancel_delete,
                    ),
                    rx.fragment(),
                ),
                _offered("answer", _complement()),
                rx.cond(
                    DossierState.receipt_href != "",
                    rx.el.p(
                        I18nState.t["dossier.signed_by"],
                        " ",
                        rx.el.strong(DossierState.signer),
                        " · ",
                        rx.el.a(I18nState.t["dossier.receipt"], href=DossierState.receipt_href),
                    ),
                    rx.fragment(),
                ),
                rx.cond(
                    (DossierState.administration_message != "") & (DossierState.status == "closed"),
                    rx.el.section(
                        rx.el.h2(I18nState.t["dossier.decision"]),
                        rx.el.p(DossierState.administration_message),
                    ),
                    rx.fragment(),
                ),
                rx.el.h2(I18nState.t["dossier.content"]),
                rx.foreach(DossierState.sections, _section),
                rx.el.h2(I18nState.t["dossier.files"]),
                rx.cond(
                    DossierState.files.length() > 0,  # type: ignore[attr-defined]
                    rx.el.table(
                        rx.el.thead(
                            rx.el.tr(
                                rx.el.th(I18nState.t["dossier.file.name"], scope="col"),
                                rx.el.th(I18nState.t["dossier.file.purpose"], scope="col"),
                                rx.el.th(I18nState.t["dossier.file.size"], scope="col"),
                                rx.el.th(I18nState.t["dossier.file.hash"], scope="col"),
                            )
                        ),
                        rx.el.tbody(rx.foreach(DossierState.files, _file)),
                        class_name="data-table",
                    ),
                    rx.el.p(I18nState.t["dossier.form.no_file"]),
                ),
                rx.el.h2(I18nState.t["dossier.history"]),
                rx.el.table(
                    rx.el.thead(
                        rx.el.tr(
                            rx.el.th(I18nState.t["dossier.history.when"], scope="col"),
                            rx.el.th(I18nState.t["dossier.history.who"], scope="col"),
                            rx.el.th(I18nState.t["dossier.history.what"], scope="col"),
                            rx.el.th(I18nState.t["dossier.history.details"], scope="col"),
                        )
                    ),
                    rx.el.tbody(rx.foreach(DossierState.events, _event)),
                    class_name="data-table",
                ),
                refusal=DossierState.error_text,
            )
        )
    )
