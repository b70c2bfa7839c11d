"""Mes espaces, the dashboards, and the pages of the side menu."""

import dataclasses

import reflex as rx
from reflex_base.event import EventSpec

from foundation import routes
from foundation.clock import utc_now
from foundation.db import session_scope
from foundation.i18n.error_messages import error_key as catalogue_key
from foundation.models.account import AccountStatus
from portal import spaces
from portal.accounts import service as accounts
from portal.accounts.errors import AccountError
from state.account_form_state import link_context
from state.session_state import SessionState


@dataclasses.dataclass
class SpaceLink:
    title_key: str
    href: str


@dataclasses.dataclass
class DossierRow:
    title: str
    status: str
    updated: str


@dataclasses.dataclass
class ItemRow:
    title: str
    date: str


class SpacesState(SessionState):
    spaces: list[SpaceLink] = []  # noqa: RUF012 - Reflex state vars are declared this way

    @rx.event
    def load(self) -> EventSpec | None:
        with session_scope() as db:
            entered = self._enter(db, AccountStatus.ACTIVE)
            if isinstance(entered, EventSpec):
                return entered
            row, _ = entered
            names = spaces.spaces_for(db, row.national_number)
        self.spaces = [SpaceLink(f"spaces.{name}", routes.dashboard(name)) for name in names]
        return None


class SpacePageState(SessionState):
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
    suggested: list[str] = []  # noqa: RUF012
    # Item lists
    items: list[ItemRow] = []  # noqa: RUF012
    # Profile
    surname: str = ""
    first_names: str = ""
    birth_date: str = ""
    national_number: str = ""
    teaching_email: str = ""
    photo_src: str = ""

    def _open(self, space: str) -> EventSpec | tuple[str, str] | None:
        with session_scope() as db:
            entered = self._enter(db, AccountStatus.ACTIVE)
            if isinstance(entered, EventSpec):
                return entered
            row, account = entered
            assert account is not None
            if space not in spaces.spaces_for(db, row.national_number):
                return rx.redirect(routes.MY_SPACES)
            self.space = space
            self.space_title_key = f"spaces.{space}"
            self.account_email = account.email
            self.needs_teaching_email = (
                space == spaces.TEACHING
                and account.teaching_email is None
                and account.teaching_email_pending is None
            )
            return row.national_number, account.teaching_email or ""

    @rx.event
    def load_dashboard(self, space: str) -> EventSpec | None:
        opened = self._open(space)
        if not isinstance(opened, tuple):
            return opened
        national_number, _ = opened
        self.teaching_sent = False
        self.teaching_error_key = ""
        with session_scope() as db:
            board = spaces.dashboard(db, national_number, space)
        self.dossiers = [DossierRow(d.title, d.status, d.updated) for d in board.dossiers]
        self.documents = board.documents
        self.notifications = board.notifications
        self.communications = board.communications
        self.suggested = list(board.suggested)
        return None

    @rx.event
    def load_items(self, space: str, kind: str) -> EventSpec | None:
        opened = self._open(space)
        if not isinstance(opened, tuple):
            return opened
        national_number, _ = opened
        with session_scope() as db:
            rows = spaces.items(db, national_number, space, kind)
        self.items = [ItemRow(title, date) for title, date in rows]
        return None

    @rx.event
    def load_profile(self, space: str) -> EventSpec | None:
        self.editing_teaching_email = False
        self.teaching_sent = False
        opened = self._open(space)
        if not isinstance(opened, tuple):
            return opened
        _, teaching_email = opened
        visit = self._visit(AccountStatus.ACTIVE)
        if isinstance(visit, EventSpec):
            return visit
        identity, photo = visit.identity, visit.photo_jpeg_b64
        self.surname = identity.surname
        self.first_names = identity.first_names
        self.birth_date = identity.birth_date.strftime("%d/%m/%Y")
        self.national_number = identity.national_number
        self.teaching_email = teaching_email
        self.photo_src = f"data:image/jpeg;base64,{photo}" if photo else ""
        return None

    @rx.event
    def choose_teaching_email(self, form: dict[str, str]) -> EventSpec | None:
        choice = form.get("choice", "")
        try:
            with session_scope() as db:
                entered = self._enter(db, AccountStatus.ACTIVE)
                if isinstance(entered, EventSpec):
                    return entered
                _, account = entered
                assert account is not None
                pending = accounts.choose_teaching_email(
                    db,
                    link_context(),
                    account=account,
                    use_account_email=choice != "other",
                    email=form.get("email", ""),
                    confirmation=form.get("email_confirmation", ""),
                    now=utc_now(),
                )
        except AccountError as error:
            self.teaching_error_key = catalogue_key(error)
            return None
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
