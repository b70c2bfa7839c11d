"""Mes espaces (seed 004 §1), the dashboards and the pages of the side menu (§5)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from components.forms import error_message, submit_button, text_field
from components.layout import page_layout, page_title, private
from components.space_layout import heading, space_layout
from components.suggested import suggested_item
from foundation import routes
from monespace_app.pages.account_settings import eid_again_notice
from monespace_app.pages.my_sessions import my_sessions_section
from state.i18n_state import I18nState
from state.space_state import (
    CompanySpaceCard,
    DossierRow,
    ItemRow,
    SpaceLink,
    SpacePageState,
    SpacesState,
)


def space_card(space: SpaceLink) -> rx.Component:
    return rx.el.li(
        rx.el.h2(
            I18nState.t[space.title_key], style={"font_size": "1.25rem", "margin": "0 0 0.75rem"}
        ),
        rx.el.a(I18nState.t["spaces.dashboard_link"], href=space.href, class_name="button-primary"),
        class_name="tile",
    )


def company_card(company: CompanySpaceCard) -> rx.Component:
    """ "Espace professionnel — <company>" (an active Mon Espace role of the company)."""
    return rx.el.li(
        rx.el.h2(
            I18nState.t["professional.title"],
            " — ",
            company.name,
            style={"font_size": "1.25rem", "margin": "0 0 0.75rem"},
        ),
        rx.el.a(
            I18nState.t["spaces.dashboard_link"], href=company.href, class_name="button-primary"
        ),
        class_name="tile",
    )


def my_spaces_page() -> rx.Component:
    return page_layout(
        page_title("spaces.title"),
        private(
            rx.el.ul(
                rx.foreach(SpacesState.spaces, space_card),
                rx.foreach(SpacesState.companies, company_card),
                class_name="tiles",
                style={"padding": "0", "list_style": "none"},
            )
        ),
    )


def counter_tile(label_key: str, count: rx.Var[int] | int, href: rx.Var[str] | str) -> rx.Component:
    return rx.el.a(
        rx.el.strong(count),
        I18nState.t[label_key],
        href=href,
        class_name="tile",
    )


def linked(text: rx.Var[str] | str, href: rx.Var[str] | str) -> rx.Component:
    """``text`` as a link to ``href``, or as it is when there is nothing to open."""
    return rx.cond(href != "", rx.el.a(text, href=href), rx.el.span(text))


def dossier_row(dossier: DossierRow) -> rx.Component:
    return rx.el.tr(
        rx.el.td(linked(dossier.title, dossier.href)),
        rx.el.td(I18nState.t[dossier.status_key]),
        rx.el.td(dossier.updated),
    )


def latest_dossiers(rows: Any, empty_key: str, all_href: rx.Var[str] | str) -> rx.Component:
    """A dashboard's latest dossiers (``rows``: a State var of DossierRow), or the words for
    none, and the link to all of them."""
    return rx.fragment(
        rx.cond(
            rows.length() > 0,
            rx.el.table(
                rx.el.thead(
                    rx.el.tr(
                        rx.el.th(I18nState.t["items.title"], scope="col"),
                        rx.el.th(I18nState.t["items.status"], scope="col"),
                        rx.el.th(I18nState.t["items.date"], scope="col"),
                    )
                ),
                rx.el.tbody(rx.foreach(rows, dossier_row)),
                class_name="data-table",
            ),
            rx.el.p(I18nState.t[empty_key]),
        ),
        rx.el.p(rx.el.a(I18nState.t["professional.all_dossiers"], href=all_href)),
    )


def teaching_email_form(*, as_page: bool = True) -> rx.Component:
    """As the whole page at first entry to the teaching space, or inside Mon profil."""
    title = I18nState.t["teaching_email.title"]
    return rx.el.section(
        rx.el.h1(title, style={"font_size": "1.6rem"})
        if as_page
        else rx.el.h3(title, style={"font_size": "1.1rem"}),
        rx.el.p(I18nState.t["teaching_email.intro"]),
        error_message(SpacePageState.teaching_error_key),
        rx.el.form(
            rx.el.fieldset(
                rx.el.legend(I18nState.t["teaching_email.intro"], class_name="visually-hidden"),
                rx.el.div(
                    rx.el.input(
                        type="radio",
                        id="choice-account",
                        name="choice",
                        value="account",
                        default_checked=True,
                    ),
                    rx.el.label(
                        I18nState.t["teaching_email.use_account"],
                        " ",
                        SpacePageState.account_email,
                        html_for="choice-account",
                    ),
                ),
                rx.el.div(
                    rx.el.input(type="radio", id="choice-other", name="choice", value="other"),
                    rx.el.label(I18nState.t["teaching_email.use_other"], html_for="choice-other"),
                ),
                style={"border": "none", "padding": "0", "margin": "0 0 1rem"},
            ),
            text_field("teaching_email.other_field", "email", required=False),
            text_field(
                "teaching_email.other_confirm_field",
                "email_confirmation",
                autocomplete="off",
                required=False,
            ),
            rx.el.p(I18nState.t["teaching_email.note"]),
            submit_button("teaching_email.submit"),
            on_submit=SpacePageState.choose_teaching_email,
            aria_label=I18nState.t["teaching_email.title"],
        ),
    )


def dashboard_content(space: str) -> rx.Component:
    return rx.fragment(
        heading("dashboard.title"),
        rx.cond(
            SpacePageState.teaching_sent,
            rx.el.p(I18nState.t["teaching_email.sent"], role="status", class_name="alert-success"),
            rx.fragment(),
        ),
        rx.el.div(
            counter_tile(
                "dashboard.documents",
                SpacePageState.documents,
                routes.space_page(space, "documents"),
            ),
            counter_tile(
                "dashboard.notifications",
                SpacePageState.notifications,
                routes.space_page(space, "notifications"),
            ),
            counter_tile(
                "dashboard.communications",
                SpacePageState.communications,
                routes.space_page(space, "communications"),
            ),
            class_name="tiles",
        ),
        rx.el.h2(I18nState.t["dashboard.dossiers"], style={"font_size": "1.3rem"}),
        latest_dossiers(
            SpacePageState.dossiers, "dashboard.no_dossier", routes.space_page(space, "dossiers")
        ),
        rx.el.h2(I18nState.t["dashboard.suggested"], style={"font_size": "1.3rem"}),
        rx.el.ul(rx.foreach(SpacePageState.suggested, suggested_item)),
    )


def dashboard_page(space: str) -> rx.Component:
    return space_layout(
        space,
        "tableau-de-bord",
        rx.cond(
            SpacePageState.needs_teaching_email, teaching_email_form(), dashboard_content(space)
        ),
    )


def item_row(item: ItemRow) -> rx.Component:
    return rx.el.tr(rx.el.td(item.date), rx.el.td(linked(item.title, item.href)))


def items_page(space: str, page: str, title_key: str) -> rx.Component:
    return space_layout(
        space,
        page,
        heading(title_key),
        rx.cond(
            SpacePageState.items.length() > 0,  # type: ignore[attr-defined]
            rx.el.table(
                rx.el.thead(
                    rx.el.tr(
                        rx.el.th(I18nState.t["items.date"], scope="col"),
                        rx.el.th(I18nState.t["items.title"], scope="col"),
                    )
                ),
                rx.el.tbody(rx.foreach(SpacePageState.items, item_row)),
                class_name="data-table",
            ),
            rx.el.p(I18nState.t["items.empty"]),
        ),
    )


def profile_page(space: str) -> rx.Component:
    return space_layout(
        space,
        "profil",
        heading("profile.title"),
        rx.cond(
            SpacePageState.photo_src != "",
            rx.el.img(
                src=SpacePageState.photo_src,
                alt=I18nState.t["profile.photo_alt"],
                style={"width": "8rem", "border": "1px solid #d5dbe8", "margin": "0 0 1rem"},
            ),
            rx.fragment(),
        ),
        rx.el.dl(
            rx.el.dt(I18nState.t["account.surname"]),
            rx.el.dd(SpacePageState.surname),
            rx.el.dt(I18nState.t["account.first_name"]),
            rx.el.dd(SpacePageState.first_names),
            rx.el.dt(I18nState.t["account.birth_date"]),
            rx.el.dd(SpacePageState.birth_date),
            rx.el.dt(I18nState.t["profile.national_number"]),
            rx.el.dd(SpacePageState.national_number),
            rx.el.dt(I18nState.t["account.email"]),
            rx.el.dd(SpacePageState.account_email),
            class_name="identity-list",
        ),
        teaching_email_section() if space == "enseignement" else rx.fragment(),
        rx.el.a(I18nState.t["user.account"], href=routes.ACCOUNT, class_name="button-secondary"),
        my_sessions_section(),
    )


def teaching_email_section() -> rx.Component:
    """The teaching-staff e-mail, editable here at any time (seed 004 §4, step 10)."""
    return rx.el.section(
        rx.el.h2(I18nState.t["profile.teaching_email"], style={"font_size": "1.2rem"}),
        rx.cond(
            SpacePageState.teaching_sent,
            rx.el.p(I18nState.t["teaching_email.sent"], role="status", class_name="alert-success"),
            rx.fragment(),
        ),
        rx.cond(
            SpacePageState.editing_teaching_email,
            teaching_email_form(as_page=False),
            rx.el.div(
                rx.el.p(SpacePageState.teaching_email),
                # Changing it needs a recent eID login, like the account's own address.
                rx.cond(
                    SpacePageState.strong_login,
                    rx.el.button(
                        I18nState.t["profile.change_teaching_email"],
                        type="button",
                        on_click=SpacePageState.edit_teaching_email(True),
                        class_name="button-secondary",
                    ),
                    eid_again_notice(routes.space_page("enseignement", "profil")),
                ),
                style={"margin": "0 0 1.5rem"},
            ),
        ),
    )
