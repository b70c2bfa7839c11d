"""What a person does again and again in the journeys: log in with the card, open a mail, and
the set-up of the companies' journeys (an active account, a company's GAP)."""

from __future__ import annotations

import json
import os
import re
import secrets
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

from playwright.sync_api import Locator, Page, expect
from sqlmodel import Session, select

from e2e.accessibility import assert_no_axe_violations
from e2e.conftest import E2E_MAILBOX_PORT
from e2e.database import portal_engine
from foundation.contacts import find_account
from foundation.models.account import Account, AccountStatus
from foundation.models.digital_keys import Credential
from foundation.models.session import UserSession
from identity.assurance import LevelOfAssurance
from identity.keys.lockout import MAX_CONSECUTIVE_FAILURES, is_locked, record_failure
from identity.keys.records import find_key
from identity.password import set_credentials

# The eID login's steps are the testers' plugin's (docs/testing.md): one copy, which every
# journey here keeps in step with the portal's pages.
from monespace_testing.eid_login import confirm_certificate as confirm_certificate
from monespace_testing.eid_login import enter_pin as enter_pin
from monespace_testing.eid_login import log_in as log_in
from monespace_testing.eid_login import log_out as log_out
from monespace_testing.eid_login import start_eid_login as start_eid_login
from portal.companies.gap import GapDetails, designate_gap, register_company
from portal.companies.register import HttpCompanyRegister
from simulators.eid.card_slots import CardSlots
from simulators.personas.loader import Persona, persona

MAILBOX_API = f"http://127.0.0.1:{E2E_MAILBOX_PORT}/api/messages"


def credentials_step(page: Page, base_url: str, kind: str, username: str, password: str) -> None:
    """The first step of the login with a code key (or the whole login with the password)."""
    page.goto(f"{base_url}/connexion/{kind}")
    page.get_by_role("textbox", name="Nom d'utilisateur").fill(username)
    page.get_by_label("Mot de passe", exact=True).fill(password)
    page.get_by_role("button", name="Continuer").click()


def mails_to(
    address: str, *, subject: str, timeout: float = 15.0, more_than: int = 0
) -> list[dict[str, object]]:
    """The messages with that subject the mail sink received for ``address``, newest first
    (waits until there are more than ``more_than``; the portal sends from its outbox)."""
    deadline = time.monotonic() + timeout
    while True:
        with urllib.request.urlopen(f"{MAILBOX_API}?to={address}", timeout=5) as response:
            found = [m for m in json.loads(response.read()) if m["subject"] == subject]
        if len(found) > more_than or time.monotonic() > deadline:
            return found
        time.sleep(0.3)


def link_in(mail: dict[str, object], path: str, parameter: str = "jeton") -> str:
    """The link of the mail that opens ``path`` with ``?parameter=...``."""
    links = [str(link) for link in mail["links"]]  # type: ignore[attr-defined]
    query = re.escape(f"{path}?{parameter}=")
    matching = [link for link in links if re.search(query, link)]
    assert matching, f"no link to {path} in {links}"
    return matching[0]


def register_and_activate(page: Page, email: str) -> None:
    """From the account form shown at first login to an active account on Mes espaces."""
    expect(page.get_by_role("heading", level=1)).to_have_text("MON COMPTE")
    page.get_by_label("E-mail*", exact=True).fill(email)
    page.get_by_label("E-mail de confirmation*").fill(email)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Merci de valider votre compte via le lien fourni")).to_be_visible()
    [mail] = mails_to(email, subject="Activez votre compte Mon Espace")
    page.goto(link_in(mail, "/mon-compte/activer"))
    expect(page.get_by_role("status")).to_have_text(
        "Votre compte Mon Espace est maintenant activé. Ce compte vous permet de visualiser "
        "certains de vos documents administratifs."
    )
    page.get_by_role("link", name="Mes espaces").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("MES ESPACES")


def log_in_with_account(page: Page, base_url: str, holder: str, email: str) -> None:
    """Logs in; creates and activates the account first if this person has none yet."""
    log_in(page, base_url, holder)
    expect(page).to_have_url(re.compile(r"/(mon-compte/inscription|mes-espaces)/?$"))
    if "/mon-compte/inscription" in page.url:
        register_and_activate(page, email)


def key_tile(page: Page, base_url: str, name: str) -> Locator:
    """The tile of one key in Mes clés numériques (``name`` as the page writes it)."""
    page.goto(base_url + "/mes-cles")
    return page.locator("li.tile").filter(has_text=name)


def remove_key(page: Page, tile: Locator) -> None:
    """Supprimer, then the confirmation; the tile then says the key is not active."""
    tile.get_by_role("button", name="Supprimer").click()
    page.get_by_role("alertdialog").get_by_role("button", name="Supprimer").click()
    expect(page.get_by_role("status")).to_contain_text("La clé numérique a été supprimée")
    expect(tile).to_contain_text("Non activée")


def other_than(code: str) -> str:
    """A well-formed 6-digit code that is not ``code``: the wrong code a journey types."""
    return "000000" if code != "000000" else "111111"


def national_number_of(data_dir: Path, username: str) -> str:
    """Whose username it is, read from the portal's database (the office knows its people)."""
    with Session(portal_engine(data_dir)) as db:
        credential = db.exec(select(Credential).where(Credential.username == username)).one()
        return credential.national_number


def wear_down_key(data_dir: Path, username: str, kind: str) -> None:
    """Brings the key to 99 consecutive failures through the lockout rule, so that the next
    wrong code typed in the browser is the 100th."""
    national_number = national_number_of(data_dir, username)
    with Session(portal_engine(data_dir)) as db:
        key = find_key(db, national_number=national_number, kind=kind)
        assert key is not None, f"no {kind} key for {username}"
        assert not is_locked(key), f"the {kind} key of {username} is locked already"
        while key.consecutive_failures < MAX_CONSECUTIVE_FAILURES - 1:
            assert not record_failure(db, key, now=datetime.now(UTC))


# "Ma gestion des rôles eGov": the people and the company of the seeds' journeys, set up through
# the services against the e2e database (the designation's own journey is
# e2e/test_gap_designation.py).
TEST_COMPANY = "0712345630"  # "Entreprise de test", 0712.345.630
SCREENSHOTS = os.environ.get("MONESPACE_E2E_SCREENSHOTS", "")


def database(data_dir: Path) -> Session:
    return Session(portal_engine(data_dir))


def active_account(data_dir: Path, person: Persona) -> None:
    """The persona's active account with the persona's address, whatever earlier journeys left."""
    with database(data_dir) as db:
        account = find_account(db, person.national_number) or Account(
            national_number=person.national_number,
            surname=person.surname,
            first_names=person.given_names,
            birth_date=person.birth_date,
            email=person.email,
            created_at=datetime.now(UTC),
        )
        account.email, account.status = person.email, AccountStatus.ACTIVE
        account.pending_email = account.deletion_requested_at = None
        db.add(account)
        db.commit()


def with_password_in_reader(
    data_dir: Path, card_slots: CardSlots, person: Persona, username: str, password: str
) -> CardSlots:
    """The persona's active account with a username + password and no other key, the persona's
    card in the first reader."""
    active_account(data_dir, person)
    with database(data_dir) as db:
        set_credentials(
            db,
            national_number=person.national_number,
            username=username,
            password=password,
            now=datetime.now(UTC),
        )
        db.commit()
    card_slots.insert(0, person.slug)
    return card_slots


def card_session(person: Persona, at: datetime) -> UserSession:
    """The session row an eID login would give ``person`` at ``at`` (for the services only)."""
    return UserSession(
        id=secrets.token_hex(16),
        national_number=person.national_number,
        surname=person.surname,
        first_names=person.given_names,
        birth_date=person.birth_date.isoformat(),
        key_kind="eid",
        level=int(LevelOfAssurance.HIGH),
        created_at=at,
        authenticated_at=at,
        last_seen_at=at,
        expires_at=at + timedelta(hours=1),
    )


def make_gap(
    data_dir: Path,
    register_url: str,
    base_url: str,
    *,
    gap: Persona,
    representative: str = "jean-pierre-dumont",
    company_number: str = TEST_COMPANY,
) -> None:
    """The legal representative registers the company (the register is asked over HTTP) and
    designates ``gap``, who gets an active account."""
    now = datetime.now(UTC)
    session = card_session(persona(representative), now)
    with database(data_dir) as db:
        register_company(db, HttpCompanyRegister(register_url, 5), session, company_number, now)
        details = GapDetails(
            gap.surname, gap.given_names, gap.national_number, gap.email, "+32 81 12 34 56"
        )
        designate_gap(db, session, company_number, details, now, public_origin=base_url)
        db.commit()
    active_account(data_dir, gap)


def shoot(page: Page, name: str) -> None:
    """A full-page screenshot in MONESPACE_E2E_SCREENSHOTS, when that is set."""
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)


def checked(page: Page, name: str) -> None:
    """axe-core finds nothing on the page; its screenshot is kept when asked for."""
    assert_no_axe_violations(page)
    shoot(page, name)


def invite_through_the_wizard(page: Page, base_url: str, person: Persona, role: str) -> None:
    """The GAP, logged in, invites ``person`` with ``role`` (its name in the picker) in the six
    steps, with the defaults (Illimité, expiry in a year); the wizard's own journey, refusals
    and keyboard included, is e2e/test_invitation_wizard.py."""
    page.goto(base_url + "/roles/invitations")
    page.get_by_role("link", name="Envoyer une nouvelle invitation").click()
    next_step = page.get_by_role("button", name="Étape suivante")
    next_step.click()  # the company: the only one this GAP manages is chosen
    page.get_by_label("Filtrer les valeurs possibles").fill(role.split(" - ")[-1])
    box = page.get_by_role("checkbox", name=role)
    box.click()  # the state holds the tick: checked once the server answers
    expect(box).to_be_checked()
    page.get_by_role("button", name="Ajouter les valeurs cochées").click()
    next_step.click()
    next_step.click()  # the role's properties: Illimité
    page.get_by_label("Nom", exact=True).fill(person.surname)
    page.get_by_label("Prénom").fill(person.first_name)
    page.get_by_label("Adresse e-mail").fill(person.email)
    page.get_by_role("button", name="Ajouter", exact=True).click()
    expect(page.get_by_role("table", name="Personnes")).to_contain_text(person.email)
    next_step.click()
    page.get_by_label("Message à l'attention des destinataires de l'invitation :").fill(
        "Bienvenue dans l'équipe des dossiers."
    )
    next_step.click()
    page.get_by_role("button", name="Terminer l'invitation").click()
    expect(page.get_by_role("status")).to_contain_text("Opération réussie!")
