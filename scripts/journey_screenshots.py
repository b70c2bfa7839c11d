"""Takes the screenshots of docs/journey.md from a running `make demo` (Naïma's card in reader 1).

    .venv/bin/python scripts/journey_screenshots.py [docs/screenshots/journey]

It walks Naïma Mremi's first login as a person would: it reads the activation e-mail from the
demo's mailbox page, and leaves her account active. Run it on a fresh demo (rm var/monespace.db).
"""

from __future__ import annotations

import json
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Page, expect, sync_playwright

BASE = "http://localhost:3000"
MAILBOX = "http://127.0.0.1:8026"
EMAIL = "naima.mremi@example.org"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]


def shoot(page: Page, folder: Path, name: str) -> None:
    page.wait_for_timeout(400)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
    print(f"  {name}.png")


def activation_link() -> str:
    for _ in range(50):
        api = f"{MAILBOX}/api/messages?to={EMAIL}"
        with urllib.request.urlopen(api, timeout=5) as reply:  # noqa: S310 - loopback http
            mails = json.loads(reply.read())
        if mails:
            return str(mails[0]["links"][0])
        time.sleep(0.3)
    raise SystemExit("no activation e-mail arrived")


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots/journey")
    folder.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(BASE + "/")
        shoot(page, folder, "01-home")
        page.get_by_role("link", name="Me connecter").click()
        shoot(page, folder, "02-key-chooser")
        page.get_by_role("link", name="IDENTIFICATION avec un lecteur de cartes eID").click()
        shoot(page, folder, "03-eid-instructions")
        page.get_by_role("button", name="S'identifier").click()
        expect(page.get_by_role("dialog")).to_be_visible()
        shoot(page, folder, "04-eid-certificate")
        page.get_by_text("Cliquez ici pour afficher les propriétés du certificat.").click()
        expect(page.locator("#certificate-properties dl")).to_be_visible()
        shoot(page, folder, "04b-eid-certificate-properties")
        page.get_by_role("button", name="OK").click()
        page.get_by_label("Code PIN de votre carte d'identité").fill("0000")
        page.get_by_role("button", name="Valider").click()
        expect(page.get_by_role("alert")).to_be_visible()
        shoot(page, folder, "05-eid-wrong-pin")
        page.get_by_label("Code PIN de votre carte d'identité").fill("1234")
        page.get_by_role("button", name="Valider").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("MON COMPTE")
        shoot(page, folder, "06-account-form")
        page.get_by_label("E-mail*", exact=True).fill(EMAIL)
        page.get_by_label("E-mail de confirmation*").fill(EMAIL)
        page.get_by_role("button", name="Enregistrer").click()
        expect(page.get_by_text("Merci de valider")).to_be_visible()
        shoot(page, folder, "07-account-pending")
        link = activation_link()
        page.goto(MAILBOX + "/")
        shoot(page, folder, "08-mailbox")
        page.get_by_role("link", name="Activez votre compte Mon Espace").click()
        shoot(page, folder, "09-activation-mail")
        page.goto(link)
        expect(page.get_by_role("status")).to_be_visible()
        shoot(page, folder, "10-account-activated")
        page.get_by_role("link", name="Mes espaces").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("MES ESPACES")
        shoot(page, folder, "11-my-spaces")
        page.get_by_role("link", name="Mon tableau de bord").first.click()
        expect(page.get_by_role("link", name="8 Mes notifications")).to_be_visible()
        shoot(page, folder, "12-citizen-dashboard")
        page.get_by_role("link", name="Mes notifications").first.click()
        shoot(page, folder, "13-notifications")
        page.get_by_role("link", name="Mon profil").click()
        expect(page.get_by_role("img")).to_be_visible()
        shoot(page, folder, "14-profile")
        page.goto(BASE + "/enseignement/tableau-de-bord")
        expect(page.get_by_role("button", name="Valider")).to_be_visible()
        shoot(page, folder, "15-teaching-email-choice")
        page.get_by_role("button", name="Valider").click()
        expect(page.get_by_role("link", name="2 Mes documents")).to_be_visible()
        shoot(page, folder, "16-teaching-dashboard")
        page.goto(BASE + "/compte")
        expect(page.get_by_label("Nouvel e-mail*")).to_be_visible()
        page.get_by_text("Naïma Mremi").first.click()
        shoot(page, folder, "17-account-information")
        page.goto(BASE + "/compte/suppression")
        expect(page.get_by_role("button", name="Supprimer votre compte")).to_be_visible()
        shoot(page, folder, "18-account-deletion")
        page.get_by_role("button", name="Supprimer votre compte").click()
        expect(page.get_by_text("Votre compte est supprimé.")).to_be_visible()
        shoot(page, folder, "19-account-deleted")
        page.get_by_role("button", name="Annuler la suppression de mon compte").click()
        expect(page.get_by_role("status")).to_be_visible()
        shoot(page, folder, "20-deletion-withdrawn")
        browser.close()


if __name__ == "__main__":
    main()
