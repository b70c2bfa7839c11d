"""The form engine's renderer: one component draws any démarche's step from its fields (the
form is data, DESIGN §1.1), each field with its label, help, the problem found beside it, and a
read-only look for data that come from an authentic source."""

from __future__ import annotations

import reflex as rx

from state.dossiers.form_state import ChoiceRow, DossierFormState, FieldRow, FileRow
from state.i18n_state import I18nState

UPLOAD_ID = "piece-jointe"
# Input types whose keyboard helps: the value is still checked by the engine on the server.
_INPUT_MODE = {
    "number": "numeric",
    "amount": "decimal",
    "phone": "tel",
    "postal_code": "numeric",
    "national_number": "numeric",
    "company_number": "numeric",
    "email": "email",
}
_AUTOCOMPLETE = {"email": "email", "phone": "tel"}


def _ids(field: FieldRow) -> tuple[str, str, str]:
    return (f"champ-{field.key}", f"champ-{field.key}-aide", f"champ-{field.key}-erreur")


def _described(field: FieldRow) -> rx.Var[str]:
    _, help_id, error_id = _ids(field)
    return rx.cond(
        field.error != "",
        rx.cond(field.help != "", f"{help_id} {error_id}", error_id),
        rx.cond(field.help != "", help_id, ""),
    )


def _label(field: FieldRow, html_for: rx.Var[str] | str) -> rx.Component:
    return rx.el.label(
        field.label,
        rx.cond(
            field.required,
            rx.el.span(" *", aria_hidden="true"),
            rx.el.span(" ", I18nState.t["form.optional"], class_name="field-optional"),
        ),
        html_for=html_for,
    )


def _help(field: FieldRow) -> rx.Component:
    return rx.cond(
        field.help != "",
        rx.el.p(field.help, id=_ids(field)[1], class_name="field-help"),
        rx.fragment(),
    )


def _error(field: FieldRow) -> rx.Component:
    return rx.cond(
        field.error != "",
        rx.el.p(field.error, id=_ids(field)[2], class_name="field-error"),
        rx.fragment(),
    )


def _common(field: FieldRow) -> dict[str, object]:
    return {
        "id": _ids(field)[0],
        "name": field.key,
        "aria_required": rx.cond(field.required, "true", "false"),
        "aria_invalid": rx.cond(field.error != "", "true", "false"),
        "aria_describedby": _described(field),
    }


def _text_input(field: FieldRow) -> rx.Component:
    return rx.el.input(
        type=rx.cond(field.type == "date", "date", "text"),
        default_value=field.value,
        placeholder=field.placeholder,
        input_mode=rx.match(field.type, *_INPUT_MODE.items(), "text"),
        auto_complete=rx.match(field.type, *_AUTOCOMPLETE.items(), "off"),
        on_blur=lambda value: DossierFormState.keep(field.key, value),
        **_common(field),
    )


def _textarea(field: FieldRow) -> rx.Component:
    return rx.el.textarea(
        default_value=field.value,
        rows=5,
        on_blur=lambda value: DossierFormState.keep(field.key, value),
        **_common(field),
    )


def _select(field: FieldRow) -> rx.Component:
    return rx.el.select(
        rx.el.option(I18nState.t["form.choose"], value=""),
        rx.foreach(field.choices, lambda c: rx.el.option(c.label, value=c.value)),
        default_value=field.value,
        on_change=lambda value: DossierFormState.choose(field.key, value),
        **_common(field),
    )


def _radio(field: FieldRow, choice: ChoiceRow) -> rx.Component:
    choice_id = f"champ-{field.key}-" + choice.value
    return rx.el.div(
        rx.el.input(
            type="radio",
            id=choice_id,
            name=field.key,
            value=choice.value,
            default_checked=field.value == choice.value,
            on_change=lambda _: DossierFormState.choose(field.key, choice.value),
        ),
        rx.el.label(choice.label, html_for=choice_id),
        class_name="checkbox-field",
    )


def _radios(field: FieldRow) -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(
            field.label, rx.cond(field.required, rx.el.span(" *", aria_hidden="true"), "")
        ),
        _help(field),
        rx.foreach(field.choices, lambda c: _radio(field, c)),
        _error(field),
        aria_describedby=_described(field),
        aria_invalid=rx.cond(field.error != "", "true", "false"),
        class_name="field choice-group",
    )


def _checkbox(field: FieldRow) -> rx.Component:
    return rx.el.div(
        rx.el.div(
            rx.el.input(
                type="checkbox",
                value="true",
                default_checked=field.value == "true",
                on_change=lambda checked: DossierFormState.choose(field.key, checked),
                **_common(field),
            ),
            _label(field, _ids(field)[0]),
            class_name="checkbox-field",
        ),
        _help(field),
        _error(field),
        class_name="field",
    )


def _file(file: FileRow) -> rx.Component:
    return rx.el.li(
        rx.el.span(file.name, class_name="file-name"),
        " (",
        file.size,
        ") ",
        rx.el.button(
            I18nState.t["dossier.form.remove_file"],
            rx.el.span(" ", file.name, class_name="visually-hidden"),
            type="button",
            class_name="link-button",
            on_click=DossierFormState.remove_file(file.id),
        ),
    )


def _files(field: FieldRow) -> rx.Component:
    return rx.el.div(
        rx.el.p(
            field.label,
            rx.cond(field.required, rx.el.span(" *", aria_hidden="true"), ""),
            class_name="validity-label",
            id=f"champ-{field.key}-titre",
        ),
        _help(field),
        rx.cond(
            field.files.length() > 0,  # type: ignore[attr-defined]
            rx.el.ul(rx.foreach(field.files, _file), class_name="file-list"),
            rx.el.p(I18nState.t["dossier.form.no_file"], class_name="cell-note"),
        ),
        _error(field),
        class_name="field",
    )


def _read_only(field: FieldRow) -> rx.Component:
    return rx.el.div(
        rx.el.span(field.label, class_name="validity-label"),
        rx.el.p(field.shown, class_name="read-only-value"),
        class_name="field",
    )


def _editable(field: FieldRow) -> rx.Component:
    return rx.match(
        field.type,
        ("radio", _radios(field)),
        ("checkbox", _checkbox(field)),
        ("file", _files(field)),
        rx.el.div(
            _label(field, _ids(field)[0]),
            _help(field),
            rx.match(
                field.type,
                ("textarea", _textarea(field)),
                ("choice", _select(field)),
                _text_input(field),
            ),
            _error(field),
            class_name="field field-wide",
        ),
    )


def form_field(field: FieldRow) -> rx.Component:
    """One field, shown while the engine says its condition holds."""
    return rx.cond(
        DossierFormState.shown[field.key],
        rx.cond(field.read_only, _read_only(field), _editable(field)),
        rx.fragment(),
    )


def upload_zone() -> rx.Component:
    """Where files are added to the step's file fields (PDF, JPEG or PNG, 10 MB at most)."""
    return rx.cond(
        DossierFormState.file_fields.length() > 0,
        rx.el.section(
            rx.el.h2(I18nState.t["dossier.form.add_file"], id="ajout-titre"),
            rx.cond(
                DossierFormState.file_fields.length() > 1,
                rx.el.div(
                    rx.el.label(I18nState.t["dossier.form.file_for"], html_for="champ-cible"),
                    rx.el.select(
                        rx.foreach(
                            DossierFormState.fields,
                            lambda f: rx.cond(
                                (f.type == "file") & ~f.read_only,
                                rx.el.option(f.label, value=f.key),
                                rx.fragment(),
                            ),
                        ),
                        id="champ-cible",
                        value=DossierFormState.upload_field,
                        on_change=DossierFormState.pick_upload_field,
                    ),
                    class_name="field",
                ),
                rx.fragment(),
            ),
            # The label around the drop zone names its file input (the zone's own button is
            # drawn as text of the label: a control inside a label would be clicked twice).
            rx.el.label(
                rx.upload(
                    rx.el.span(I18nState.t["dossier.form.drop_file"]),
                    rx.el.span(
                        I18nState.t["dossier.form.choose_file"], class_name="button-secondary"
                    ),
                    id=UPLOAD_ID,
                    multiple=False,
                    max_files=1,
                    class_name="upload-zone",
                ),
            ),
            rx.el.ul(
                rx.foreach(rx.selected_files(UPLOAD_ID), lambda name: rx.el.li(name)),
                aria_live="polite",
            ),
            rx.el.button(
                I18nState.t["dossier.form.send_file"],
                type="button",
                class_name="button-primary",
                id="envoyer-fichier",
                on_click=DossierFormState.upload(rx.upload_files(upload_id=UPLOAD_ID)),
            ),
            rx.el.p(I18nState.t["dossier.form.file_rules"], class_name="field-help"),
            aria_labelledby="ajout-titre",
            class_name="upload-section",
        ),
        rx.fragment(),
    )
