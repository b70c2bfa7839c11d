"""The démarche and dossier pages, each with its route, title and what it loads."""

from __future__ import annotations

import reflex as rx

from foundation import routes
from monespace_app.page_table import PageEntry, add_pages
from monespace_app.pages.catalogue import catalogue_page
from monespace_app.pages.dossier_form import dossier_form_page
from monespace_app.pages.dossier_view import dossier_page
from monespace_app.pages.procedure import procedure_page
from state.dossiers.catalogue_state import CatalogueState
from state.dossiers.dossier_state import DossierState
from state.dossiers.form_state import DossierFormState
from state.dossiers.procedure_state import ProcedureState

DOSSIER_PAGES: tuple[PageEntry, ...] = (
    (catalogue_page, routes.CATALOGUE, "Catalogue des démarches", CatalogueState.load),
    (procedure_page, routes.PROCEDURE, "Démarche", ProcedureState.load),
    (dossier_form_page, routes.DOSSIER_FORM, "Formulaire du dossier", DossierFormState.load),
    (dossier_page, routes.DOSSIER, "Dossier", DossierState.load),
)


def add_dossier_pages(app: rx.App, *, site_title: str) -> None:
    add_pages(app, DOSSIER_PAGES, site_title=site_title)
