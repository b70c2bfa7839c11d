"""Mes espaces, the dashboards, and the pages of the side menu."""

import dataclasses

import reflex as rx
from reflex_base.event import EventSpec

from foundation import routes
from foundation.clock import utc_now
from foundation.i18n.error_messages import error_key as catalogue_key
from portal import space_visits
from portal.accounts import actions
from portal.accounts.errors import AccountError
from portal.dossiers import professional_visits
from portal.dossiers.catalogue import load_catalogue
from portal.space_visits import SpaceVisit
from portal.spaces import Item
from state.account_form_state import link_context
from state.dossiers.suggested import SuggestedProcedure, suggested_of
from state.session_state import SessionMixin


@dataclasses.dataclass
class SpaceLink:
    title_key: str
    href: str


@dataclasses.dataclass
class CompanySpaceCard:
    """ "Espace professionnel — <company>": a company where the person holds an active Mon
    Espace role in force today."""

    name: str
    href: str


@dataclasses.dataclass
class DossierRow:
    title: str
    status_key: str  # dossier.status.<code>
    updated: str
    href: str  # the dossier's page, "" for a record without reference


@dataclasses.dataclass
class ItemRow:
    title: str
    date: str
    href: str = ""  # the file to download, or the dossier a notification is about


def dossier_row(title: str, status: str, updated: str, reference: str) -> DossierRow:
    href = routes.dossier(reference) if reference else ""
    return DossierRow(title, f"dossier.status.{status}", updated, href)


def item_row(item: Item) -> ItemRow:
    return ItemRow(item.title, item.date, item.href)


class SpacesState(SessionMixin, rx.State):
    spaces: list[SpaceLink] = []  # noqa: RUF012 - Reflex state vars are declared this way
    companies: list[CompanySpaceCard] = []  # noqa: RUF012

    @rx.event
    def load(self) -> EventSpec | None:
        names = self._as_visitor(
            lambda session_id: space_visits.my_spaces(session_id, now=utc_now())
        )
        if isinstance(names, EventSpec):
            return names
        self.spaces = [SpaceLink(f"spaces.{name}", routes.dashboard(name)) for name in names]
        companies = self._as_visitor(
            lambda session_id: professional_visits.my_company_spaces(session_id, now=utc_now())
        )
        if isinstance(companies, EventSpec):
            return companies
        self.companies = [
            CompanySpaceCard(
                c.name, routes.professional(routes.PROFESSIONAL_SPACE, c.company_number)
            )
            for c in companies
        ]
        return None


class SpacePageState(SessionMixin, rx.State):
    """Shared by every page of a space: which space, and its side menu."""

    space: str = ""
    space_title_key: str = "spaces.citoyen"
    needs_teaching_email: bool = False
    editing_teaching_email: bool = False
    teaching_error_key: str = ""
    teaching_sent: bool = False
    account_email: str = ""
    # Dashboard
    dossiers: list[DossierRow] = []  # noqa: RUF012
    documents: int = 0
    notifications: int = 0
    communications: int = 0
    suggested: list[SuggestedProcedure] = []  # noqa: RUF012
    # Item lists
    items: list[ItemRow] = []  # noqa: RUF012
    # Profile
    surname: str = ""
    first_names: str = ""
    birth_date: str = ""
    national_number: str = ""
    teaching_email: str = ""
    photo_src: str = ""
    strong_login: bool = False  # a recent eID login: the teaching address may be changed

    def _show(self, opened: SpaceVisit) -> None:
        account = opened.visit.account
        assert account is not None  # the spaces serve active accounts only
        self.space = opened.space
        self.space_title_key = f"spaces.{opened.space}"
        self.account_email = account.email
        self.needs_teaching_email = opened.needs_teaching_email
        self.strong_login = opened.visit.strong_login

    @rx.event
    def load_dashboard(self, space: str) -> EventSpec | None:
        opened = self._as_visitor(
            lambda session_id: space_visits.space_dashboard(session_id, space, now=utc_now())
        )
        if isinstance(opened, EventSpec):
            return opened
        seen, board = opened
        self._show(seen)
        self.teaching_sent = False
        self.teaching_error_key = ""
        self.dossiers = [
            dossier_row(d.title, d.status, d.updated, d.reference) for d in board.dossiers
        ]
        self.documents = board.documents
        self.notifications = board.notifications
        self.communications = board.communications
        catalogue = load_catalogue()
        self.suggested = [suggested_of(catalogue.get(key)) for key in board.suggested]
        return None

    @rx.event
    def load_items(self, space: str, kind: str) -> EventSpec | None:
        opened = self._as_visitor(
            lambda session_id: space_visits.space_items(session_id, space, kind, now=utc_now())
        )
        if isinstance(opened, EventSpec):
            return opened
        seen, rows = opened
        self._show(seen)
        self.items = [item_row(item) for item in rows]
        return None

    @rx.event
    def load_profile(self, space: str) -> EventSpec | None:
        self.editing_teaching_email = False
        self.teaching_sent = False
        opened = self._as_visitor(
            lambda session_id: space_visits.open_space(session_id, space, now=utc_now())
        )
        if isinstance(opened, EventSpec):
            return opened
        self._show(opened)
        identity, photo = opened.visit.identity, opened.visit.photo_jpeg_b64
        account = opened.visit.account
        assert account is not None
        self.surname = identity.surname
        self.first_names = identity.first_names
        self.birth_date = identity.birth_date.strftime("%d/%m/%Y")
        self.national_number = identity.national_number
        self.teaching_email = account.teaching_email
        self.photo_src = f"data:image/jpeg;base64,{photo}" if photo else ""
        return None

    @rx.event
    def choose_teaching_email(self, form: dict[str, str]) -> EventSpec | None:
        try:
            pending = self._as_visitor(
                lambda session_id: actions.choose_teaching_email(
                    session_id,
                    link_context(),
                    use_account_email=form.get("choice", "") != "other",
                    email=form.get("email", ""),
                    confirmation=form.get("email_confirmation", ""),
                    now=utc_now(),
                )
            )
        except AccountError as error:
            self.teaching_error_key = catalogue_key(error)
            return None
        if isinstance(pending, EventSpec):
            return pending
        self.teaching_error_key = ""
        self.teaching_sent = pending
        self.needs_teaching_email = False
        self.editing_teaching_email = False
        if not pending:
            self.teaching_email = self.account_email
        return None

    @rx.event
    def edit_teaching_email(self, editing: bool) -> None:
        self.editing_teaching_email = editing
        self.teaching_sent = False
