"""The companies' professional spaces ("Espace professionnel — <company>": dashboard, Mes
dossiers, Mes documents, Mes notifications, Gérer l'espace) and Mes dossiers of each person's
own space, registered by ``add_professional_pages``. Layout only: what they show and every check
is the states' and services' (``state/dossiers/``)."""

from __future__ import annotations

from functools import partial

import reflex as rx

from components.fields import described_field
from components.paged_table import Paging, data_table, listed_table, pager
from components.professional_layout import page_refusal, professional_layout, space_link
from components.space_layout import heading, space_layout
from components.suggested import suggested_item
from foundation import routes
from monespace_app.page_table import PageEntry, add_pages
from monespace_app.pages.spaces import counter_tile, item_row, latest_dossiers, linked
from state.dossiers.dossier_list_state import STATUSES, DossierListRow, DossierListState
from state.dossiers.professional_state import ProfessionalSpaceState
from state.dossiers.space_settings_state import MemberRow, SpaceSettingsState
from state.i18n_state import I18nState

State = ProfessionalSpaceState


def section_title(label_key: str) -> rx.Component:
    return rx.el.h2(I18nState.t[label_key], style={"font_size": "1.3rem"})


# The dashboard.


def company_latest_dossiers() -> rx.Component:
    return rx.fragment(
        section_title("dashboard.dossiers"),
        latest_dossiers(
            State.dossiers, "professional.no_dossier", space_link(routes.PROFESSIONAL_DOSSIERS)
        ),
    )


def company_dashboard_page() -> rx.Component:
    return professional_layout(
        "dashboard",
        rx.el.h1(
            I18nState.t["professional.title"],
            " — ",
            State.company_name,
            style={"font_size": "1.8rem", "margin": "0 0 1rem"},
        ),
        section_title("dashboard.title"),
        rx.el.div(
            counter_tile(
                "dashboard.documents", State.documents, space_link(routes.PROFESSIONAL_DOCUMENTS)
            ),
            counter_tile(
                "dashboard.notifications",
                State.notifications,
                space_link(routes.PROFESSIONAL_NOTIFICATIONS),
            ),
            class_name="tiles",
        ),
        company_latest_dossiers(),
        rx.cond(
            State.can_create,
            rx.el.section(
                section_title("dashboard.suggested"),
                rx.el.ul(rx.foreach(State.suggested, suggested_item)),
                rx.el.p(rx.el.a(I18nState.t["professional.catalogue"], href=routes.CATALOGUE)),
            ),
            rx.fragment(),
        ),
    )


# Mes documents, Mes notifications.


def company_items_page(page: str, title_key: str) -> rx.Component:
    return professional_layout(
        page,
        heading(title_key),
        rx.cond(
            State.items.length() > 0,  # type: ignore[attr-defined]
            listed_table(
                I18nState.t[title_key],
                [I18nState.t["items.date"], I18nState.t["items.title"]],
                State.items,
                item_row,
            ),
            rx.el.p(I18nState.t["items.empty"]),
        ),
    )


# Mes dossiers, of any space.


def dossier_list_row(row: DossierListRow) -> rx.Component:
    return rx.el.tr(
        rx.el.th(linked(row.title, row.href), scope="row"),
        rx.el.td(rx.cond(row.reference != "", row.reference, "—")),
        rx.el.td(I18nState.t[row.status_key]),
        rx.el.td(row.updated),
    )


def dossier_filters() -> rx.Component:
    """The reference or title, and the status: sent together with "Rechercher" or Enter."""
    return rx.el.form(
        rx.el.div(
            rx.el.label(I18nState.t["dossier_list.search"], html_for="dossiers-search"),
            rx.el.input(
                id="dossiers-search",
                name="search",
                type="search",
                default_value=DossierListState.search,
                auto_complete="off",
                max_length=100,
            ),
            class_name="field",
        ),
        rx.el.div(
            rx.el.label(I18nState.t["dossier_list.status"], html_for="dossiers-status"),
            rx.el.select(
                rx.el.option(I18nState.t["dossier_list.all_statuses"], value=""),
                *[
                    rx.el.option(I18nState.t[f"dossier.status.{status}"], value=status)
                    for status in STATUSES
                ],
                id="dossiers-status",
                name="status",
                default_value=DossierListState.status,
            ),
            class_name="field",
        ),
        rx.el.button(
            I18nState.t["dossier_list.find"], type="submit", class_name="button-secondary"
        ),
        on_submit=DossierListState.find,
        role="search",
        aria_label=I18nState.t["dossier_list.filters"],
        class_name="dossier-filters",
    )


def dossier_list() -> rx.Component:
    return rx.fragment(
        rx.cond(
            DossierListState.refusal != "",
            rx.el.p(DossierListState.refusal, role="alert", class_name="alert-error"),
            rx.fragment(),
        ),
        rx.cond(
            DossierListState.listed,
            rx.fragment(
                dossier_filters(),
                rx.el.p(
                    I18nState.t["dossier_list.total"],
                    " ",
                    DossierListState.total,
                    role="status",
                    class_name="table-above",
                ),
                data_table(
                    I18nState.t["dossier_list.caption"],
                    [
                        I18nState.t["dossier_list.name"],
                        I18nState.t["dossier_list.reference"],
                        I18nState.t["dossier_list.status"],
                        I18nState.t["dossier_list.updated"],
                    ],
                    DossierListState.lines,
                    dossier_list_row,
                    empty=I18nState.t["dossier_list.empty"],
                    table_id="dossiers",
                    hidden_caption=True,
                ),
                rx.cond(
                    DossierListState.pages > 1,
                    pager(
                        Paging(
                            DossierListState.page,
                            DossierListState.pages,
                            DossierListState.page_numbers,
                            DossierListState.go_to,
                        ),
                        label=I18nState.t["table.pages"],
                    ),
                    rx.fragment(),
                ),
            ),
            rx.fragment(),
        ),
    )


def company_dossiers_page() -> rx.Component:
    return professional_layout("dossiers", heading("dossier_list.title"), dossier_list())


def personal_dossiers_page(space: str) -> rx.Component:
    return space_layout(space, "dossiers", heading("dossier_list.title"), dossier_list())


# Gérer l'espace.


def member_row(member: MemberRow) -> rx.Component:
    return rx.el.tr(
        rx.el.th(member.name, scope="row"),
        rx.el.td(member.role),
        rx.el.td(
            rx.cond(member.until != "", member.until, I18nState.t["space_settings.unlimited"])
        ),
    )


def notification_choice(name: str, checked: rx.Var[bool] | bool) -> rx.Component:
    box_id = f"field-{name}"
    return rx.el.div(
        rx.el.input(type="checkbox", id=box_id, name=name, default_checked=checked),
        rx.el.label(I18nState.t[f"space_settings.{name}"], html_for=box_id),
        class_name="checkbox-field",
    )


def settings_form() -> rx.Component:
    return rx.el.form(
        described_field(
            "space_settings.contact_email",
            "contact_email",
            value=SpaceSettingsState.contact_email,
            error=SpaceSettingsState.contact_error,
            input_type="email",
            autocomplete="email",
            help_key="space_settings.contact_help",
        ),
        rx.el.fieldset(
            rx.el.legend(I18nState.t["space_settings.notifications"]),
            notification_choice("notify_submitted", SpaceSettingsState.notify_submitted),
            notification_choice("notify_complement", SpaceSettingsState.notify_complement),
            notification_choice("notify_closed", SpaceSettingsState.notify_closed),
            class_name="choice-group",
        ),
        rx.el.button(
            I18nState.t["space_settings.save"], type="submit", class_name="button-primary"
        ),
        on_submit=SpaceSettingsState.save,
        aria_label=I18nState.t["space_settings.title"],
        # The portal says what is wrong with the address, beside it, in the page's language.
        no_validate=True,
    )


def space_members() -> rx.Component:
    return rx.el.section(
        section_title("space_settings.members"),
        listed_table(
            I18nState.t["space_settings.members_caption"],
            [
                I18nState.t["space_settings.member"],
                I18nState.t["space_settings.role"],
                I18nState.t["space_settings.until"],
            ],
            SpaceSettingsState.members,
            member_row,
            table_id="space-members",
        ),
        rx.el.p(
            I18nState.t["space_settings.members_note"],
            " ",
            rx.el.a(I18nState.t["space_settings.roles_link"], href=routes.ROLE_MANAGEMENT),
        ),
    )


def space_settings_page() -> rx.Component:
    return professional_layout(
        "manage",
        heading("space_settings.title"),
        page_refusal(),
        rx.cond(
            SpaceSettingsState.shown,
            rx.fragment(
                rx.cond(
                    SpaceSettingsState.saved,
                    rx.el.p(
                        I18nState.t["space_settings.saved"],
                        role="status",
                        class_name="alert-success",
                    ),
                    rx.fragment(),
                ),
                settings_form(),
                space_members(),
            ),
            rx.fragment(),
        ),
    )


def _pages() -> tuple[PageEntry, ...]:
    company: tuple[PageEntry, ...] = (
        (
            company_dashboard_page,
            routes.PROFESSIONAL_SPACE,
            "Espace professionnel",
            State.load_dashboard,
        ),
        (
            company_dossiers_page,
            routes.PROFESSIONAL_DOSSIERS,
            "Mes dossiers — Espace professionnel",
            DossierListState.load_company,
        ),
        (
            partial(company_items_page, "documents", "menu.documents"),
            routes.PROFESSIONAL_DOCUMENTS,
            "Mes documents — Espace professionnel",
            State.load_items("document"),
        ),
        (
            partial(company_items_page, "notifications", "menu.notifications"),
            routes.PROFESSIONAL_NOTIFICATIONS,
            "Mes notifications — Espace professionnel",
            State.load_items("notification"),
        ),
        (
            space_settings_page,
            routes.PROFESSIONAL_SETTINGS,
            "Gérer l'espace — Espace professionnel",
            SpaceSettingsState.load,
        ),
    )
    personal: tuple[PageEntry, ...] = tuple(
        (
            partial(personal_dossiers_page, space),
            routes.space_page(space, "dossiers"),
            "Mes dossiers",
            DossierListState.load_personal(space),
        )
        for space in routes.SPACES
    )
    return company + personal


def add_professional_pages(app: rx.App, *, site_title: str) -> None:
    """The pages of the professional spaces, and Mes dossiers of each personal space."""
    add_pages(app, _pages(), site_title=site_title)
