"""itsme: the portal sends the request, the person answers on the phone."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from monespace_testing.itsme import ItsmePhone
from monespace_testing.portal import Portal

NAIMA_PHONE = "+32471000001"


def test_a_request_refused_on_the_phone_opens_no_session(
    portal: Portal, page: Page, itsme_phone: ItsmePhone
) -> None:
    page.goto(portal.link("/connexion/itsme"))
    page.get_by_role("textbox", name="Numéro de GSM (BE +32)").fill("0471 00 00 01")
    page.get_by_role("button", name="Envoyer").click()
    page.get_by_role("button", name="Envoyer la demande").click()  # on itsme's page

    itsme_phone.refuse(NAIMA_PHONE)

    expect(page.get_by_role("alert")).to_have_text(
        "La demande d'identification a été refusée dans l'application itsme. "
        "Si c'était une erreur, recommencez."
    )
