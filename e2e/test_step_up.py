"""Levels of assurance, enforced (#13, DESIGN §2): a stolen password alone no longer opens a space
with personal data. Sophie logged in with her username + password (level low) lands on Mes
espaces; her citizen dashboard needs the substantial level, so the key chooser opens as the
step-up: it says why, offers the keys that reach the level and greys the two that do not. She
logs in with her mobile app's code and is back on her dashboard, national number and all.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from e2e.accessibility import assert_no_axe_violations
from e2e.steps import credentials_step, database
from foundation.models.account import Account, AccountStatus
from foundation.models.digital_keys import DigitalKeyRecord
from foundation.secrets_at_rest import derive_keys
from foundation.settings import Settings
from identity.keys.kinds import KeyKind
from identity.password import set_credentials
from identity.totp.otp import time_step, totp
from identity.totp.secret import new_secret, sealed_secret, secret_bytes

pytestmark = pytest.mark.e2e

NATIONAL_NUMBER = "79061500285"  # Sophie Lenoir: an account, a password and the mobile app
USERNAME, PASSWORD = "sophie.lenoir", "Marelle-sous-la-pluie-79"
DASHBOARD = "/citoyen/tableau-de-bord"
REACHING = (
    "IDENTIFICATION avec un lecteur de cartes eID",
    "IDENTIFICATION via itsme",
    "IDENTIFICATION avec un code de sécurité via une application mobile",
    "IDENTIFICATION avec un code de sécurité via SMS",
    "IDENTIFICATION avec code de sécurité via token",
)
BELOW = (
    "IDENTIFICATION avec un code de sécurité envoyé par e-mail",
    "IDENTIFICATION avec vos nom d'utilisateur et mot de passe",
)


@pytest.fixture(scope="module")
def app_secret(e2e_data_dir: Path) -> str:
    """Sophie's active account, her username + password and her mobile app (the secret it
    holds, sealed under the running portal's own key), whose last code was used two minutes ago
    so that the code of now is new."""
    secret = new_secret()
    now = datetime.now(UTC)
    # The portal's own secret key, kept in its data folder (made there now if still unused).
    portal_keys = derive_keys(Settings(data_dir=e2e_data_dir).resolved_secret_key())
    with database(e2e_data_dir) as db:
        db.add(
            Account(
                national_number=NATIONAL_NUMBER,
                surname="Lenoir",
                first_names="Sophie",
                birth_date=date(1979, 6, 15),
                email="sophie.lenoir@example.be",
                status=AccountStatus.ACTIVE,
                created_at=now,
                activated_at=now,
            )
        )
        set_credentials(
            db, national_number=NATIONAL_NUMBER, username=USERNAME, password=PASSWORD, now=now
        )
        db.add(
            DigitalKeyRecord(
                national_number=NATIONAL_NUMBER,
                kind=KeyKind.TOTP,
                created_at=now,
                secret=sealed_secret(secret, national_number=NATIONAL_NUMBER, keys=portal_keys),
                last_totp_step=time_step(now - timedelta(minutes=2)),
            )
        )
        db.commit()
    return secret


def test_a_password_alone_is_stepped_up_before_the_dashboard(
    page: Page, base_url: str, app_secret: str
) -> None:
    credentials_step(page, base_url, "password", USERNAME, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("MES ESPACES")
    page.get_by_role("link", name="Mon tableau de bord").click()

    # The step-up: the key chooser of the substantial level, which will come back here.
    step_up = f"?suite={quote(DASHBOARD, safe='')}&niveau=substantiel"
    expect(page).to_have_url(re.compile(r"/connexion/?" + re.escape(step_up) + "$"))
    expect(
        page.get_by_text(
            "Cette page contient des données personnelles : choisissez une clé de niveau "
            "substantiel ou élevé."
        )
    ).to_be_visible()
    for name in REACHING:
        expect(page.get_by_role("link", name=name)).to_be_visible()
    for name in BELOW:
        expect(page.get_by_role("link", name=name)).to_have_count(0)
        greyed = page.locator(".key-link-below").filter(has_text=name)
        expect(greyed).to_contain_text("Niveau insuffisant pour cette page")
    assert_no_axe_violations(page)
    # Nothing of the dashboard was shown on the way.
    expect(page.get_by_text(NATIONAL_NUMBER)).to_have_count(0)

    # Her mobile app reaches the level: username + password, then the app's code.
    page.get_by_role("link", name=REACHING[2]).click()
    expect(page).to_have_url(re.compile(r"/connexion/totp"))
    page.get_by_role("textbox", name="Nom d'utilisateur").fill(USERNAME)
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Continuer").click()
    page.get_by_role("textbox", name="Saisissez votre code unique").fill(
        totp(secret_bytes(app_secret), datetime.now(UTC))
    )
    page.get_by_role("button", name="Continuer").click()

    # Back where she was going, and the space's pages open now.
    expect(page).to_have_url(re.compile(re.escape(DASHBOARD) + "/?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("MON TABLEAU DE BORD")
    page.goto(base_url + "/citoyen/profil")
    expect(page.get_by_text(NATIONAL_NUMBER)).to_be_visible()


def test_the_account_page_steps_up_too_and_a_plain_login_shows_every_key(
    page: Page, base_url: str, app_secret: str
) -> None:
    page.goto(base_url + "/connexion")
    expect(page.get_by_text("Cette page contient des données personnelles")).to_have_count(0)
    for name in (*REACHING, *BELOW):
        expect(page.get_by_role("link", name=name)).to_be_visible()
    credentials_step(page, base_url, "password", USERNAME, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("MES ESPACES")
    page.goto(base_url + "/compte")
    expect(page).to_have_url(re.compile(r"/connexion/?\?suite=%2Fcompte(%2F)?&niveau=substantiel$"))
    expect(page.get_by_text("sophie.lenoir@example.be")).to_have_count(0)
