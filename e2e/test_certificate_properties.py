"""Certificate confirmation (seed 004 §2c): "Cliquez ici pour afficher les propriétés du
certificat." shows the card's authentication certificate: subject, issuer, serial number,
validity and SHA-256 fingerprint. The reader is the portal's own, so before the PIN the subject
leaves the holder out, and the page says why in one sentence."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from e2e.steps import checked, confirm_certificate, enter_pin, start_eid_login
from simulators.eid.card_slots import CardSlots
from simulators.personas.loader import persona

pytestmark = pytest.mark.e2e

NAIMA = persona("naima-mremi")
SHOW = "Cliquez ici pour afficher les propriétés du certificat."
PAIRS = r"([0-9A-F]{2}:)+[0-9A-F]{2}"


def test_the_properties_of_the_certificate_without_the_holder(
    page: Page, base_url: str, card_slots: CardSlots
) -> None:
    card_slots.insert(0, NAIMA.slug)
    start_eid_login(page, base_url)
    dialog = page.get_by_role("dialog", name="Confirmer le certificat")
    panel = dialog.locator("#certificate-properties")
    properties = panel.locator("dl")
    expect(properties).not_to_be_visible()  # folded until asked for
    checked(page, "eid-certificate")

    dialog.get_by_text(SHOW).click()
    expect(properties).to_be_visible()
    values = {
        term: properties.locator(f'dt:text-is("{term}") + dd')
        for term in (
            "Sujet",
            "Émetteur",
            "Numéro de série",
            "Valide à partir du",
            "Valide jusqu'au",
            "Empreinte numérique (SHA-256)",
        )
    }
    expect(values["Sujet"]).to_have_text("SERIALNUMBER=…, GN=…, SN=…, CN=…, C=BE")
    expect(values["Émetteur"]).to_contain_text("CN=Citizen CA")
    expect(values["Numéro de série"]).to_have_text(re.compile(f"^{PAIRS}$"))
    moment = r"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}:\d{2} UTC$"
    expect(values["Valide à partir du"]).to_have_text(re.compile(moment))
    expect(values["Valide jusqu'au"]).to_have_text(re.compile(moment))
    fingerprint = values["Empreinte numérique (SHA-256)"]
    expect(fingerprint).to_have_text(re.compile(f"^{PAIRS}$"))
    assert len(fingerprint.inner_text().split(":")) == 32  # 256 bits
    # The short fingerprint above is the start of this one.
    short = re.search(r"Empreinte : ((?:[0-9A-F]{4} ?){4})", dialog.inner_text())
    assert short is not None
    assert fingerprint.inner_text().replace(":", "").startswith(short.group(1).replace(" ", ""))
    # Why the "…": one sentence on the page.
    expect(panel).to_contain_text(
        "ne s'affichent qu'une fois le code PIN vérifié, car le lecteur de cartes est celui de "
        "ce poste"
    )
    # Nothing of Naïma before her PIN.
    for own in (NAIMA.surname, NAIMA.given_names, NAIMA.national_number):
        expect(dialog).not_to_contain_text(own)
    checked(page, "eid-certificate-properties")

    confirm_certificate(page, f"{NAIMA.given_names} {NAIMA.surname}")
    enter_pin(page, "1234")
    expect(page).to_have_url(re.compile(r"/mon-compte/inscription/?$"))
