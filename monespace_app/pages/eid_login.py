"""Identification avec lecteur de carte eID (seed 004 §2c)."""

from __future__ import annotations

import reflex as rx

from components.layout import page_layout, page_title
from foundation import routes
from state.eid_login_state import EidLoginState
from state.i18n_state import I18nState


def instructions() -> rx.Component:
    return rx.el.div(
        rx.el.ol(
            rx.el.li(I18nState.t["eid.step1"]),
            rx.el.li(I18nState.t["eid.step2"]),
            rx.el.li(I18nState.t["eid.step3"]),
            style={"line_height": "1.8", "margin": "0 0 1.5rem"},
        ),
        rx.el.div(
            rx.el.button(
                I18nState.t["eid.start"],
                type="button",
                on_click=EidLoginState.start,
                class_name="button-primary",
            ),
            rx.el.a(I18nState.t["eid.other_key"], href=routes.KEY_CHOOSER),
            class_name="actions",
        ),
    )


def progress(label_key: str) -> rx.Component:
    return rx.el.div(
        rx.el.span(class_name="spinner", aria_hidden="true"),
        rx.el.span(I18nState.t[label_key]),
        role="status",
        aria_live="polite",
        class_name="alert-info progress",
    )


def validity() -> rx.Var[str]:
    template = I18nState.t["eid.confirm.validity"]
    return template.replace("{from}", EidLoginState.valid_from).replace(
        "{until}", EidLoginState.valid_until
    )


def property_row(label_key: str, value: rx.Var[str] | str) -> list[rx.Component]:
    return [
        rx.el.dt(I18nState.t[label_key]),
        rx.el.dd(rx.el.code(value, style={"overflow_wrap": "anywhere"})),
    ]


def certificate_properties() -> rx.Component:
    """Seed 004 §2c: "Cliquez ici pour afficher les propriétés du certificat." Before the PIN the
    subject leaves the holder out ("…"), and the page says why."""
    return rx.cond(
        EidLoginState.fingerprint_sha256 != "",
        rx.el.details(
            rx.el.summary(
                I18nState.t["eid.properties.show"],
                style={"cursor": "pointer", "text_decoration": "underline"},
            ),
            rx.el.dl(
                *property_row("eid.properties.subject", EidLoginState.subject),
                *property_row("eid.properties.issuer", EidLoginState.issuer_name),
                *property_row("eid.properties.serial", EidLoginState.serial_number),
                *property_row("eid.properties.valid_from", EidLoginState.valid_from_time),
                *property_row("eid.properties.valid_until", EidLoginState.valid_until_time),
                *property_row("eid.properties.fingerprint", EidLoginState.fingerprint_sha256),
                class_name="identity-list",
                style={"margin": "0.75rem 0 0.5rem"},
            ),
            rx.el.p(I18nState.t["eid.properties.holder_hidden"], style={"font_size": "0.95rem"}),
            id="certificate-properties",
            style={"max_width": "48rem", "margin": "0 0 1rem"},
        ),
        rx.fragment(),
    )


def certificate_confirmation() -> rx.Component:
    return rx.el.section(
        rx.el.h2(
            I18nState.t["eid.confirm.title"], style={"font_size": "1.3rem", "margin": "0 0 0.5rem"}
        ),
        rx.el.p(I18nState.t["eid.confirm.intro"]),
        # No name before the PIN: the reader is on the server, whoever opens the page could
        # read it from a card left there (the state never gets it).
        rx.el.div(
            rx.el.p(
                I18nState.t["eid.confirm.certificate"],
                style={"font_weight": "700", "font_size": "1.15rem", "margin": "0 0 0.4rem"},
            ),
            rx.el.p(
                I18nState.t["eid.confirm.issuer"],
                " ",
                EidLoginState.issuer,
                style={"margin": "0 0 0.3rem"},
            ),
            rx.el.p(validity(), style={"margin": "0 0 0.3rem"}),
            rx.el.p(
                I18nState.t["eid.confirm.fingerprint"],
                " ",
                rx.el.code(EidLoginState.fingerprint),
                style={"margin": "0"},
            ),
            class_name="tile",
            style={"max_width": "32rem", "margin": "0 0 1rem"},
        ),
        certificate_properties(),
        rx.el.p(I18nState.t["eid.confirm.check"]),
        rx.el.div(
            rx.el.button(
                I18nState.t["eid.ok"],
                type="button",
                on_click=EidLoginState.confirm,
                class_name="button-primary",
            ),
            rx.el.button(
                I18nState.t["eid.cancel"],
                type="button",
                on_click=EidLoginState.reset_page,
                class_name="button-secondary",
            ),
            class_name="actions",
        ),
        role="dialog",
        aria_label=I18nState.t["eid.confirm.title"],
    )


def pin_entry() -> rx.Component:
    return rx.el.form(
        rx.el.h2(I18nState.t["eid.pin.title"], style={"font_size": "1.3rem"}),
        rx.el.div(
            rx.el.label(I18nState.t["eid.pin.label"], html_for="field-pin"),
            rx.el.input(
                id="field-pin",
                name="pin",
                type="password",
                input_mode="numeric",
                auto_complete="off",
                required=True,
                min_length=4,
                max_length=12,
                pattern="[0-9]{4,12}",
                auto_focus=True,
            ),
            class_name="field",
        ),
        rx.el.p(I18nState.t["eid.pin.tries"], " ", EidLoginState.pin_tries_left.to_string()),  # type: ignore[attr-defined]
        rx.el.div(
            rx.el.button(I18nState.t["eid.pin.submit"], type="submit", class_name="button-primary"),
            rx.el.button(
                I18nState.t["eid.cancel"],
                type="button",
                on_click=EidLoginState.reset_page,
                class_name="button-secondary",
            ),
            class_name="actions",
        ),
        on_submit=EidLoginState.submit_pin,
        reset_on_submit=True,
        aria_label=I18nState.t["eid.pin.title"],
    )


def eid_login_page() -> rx.Component:
    return page_layout(
        page_title("eid.title"),
        rx.cond(
            EidLoginState.error_text != "",
            rx.el.div(EidLoginState.error_text, role="alert", class_name="alert-error"),
            rx.fragment(),
        ),
        rx.match(
            EidLoginState.step,
            ("reading", progress("eid.reading")),
            ("confirm", certificate_confirmation()),
            ("pin", pin_entry()),
            ("signing", progress("eid.signing")),
            instructions(),
        ),
    )
