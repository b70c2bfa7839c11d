"""The fixtures' objects against the real simulators over HTTP and the real control socket:
the mailbox, the SMS gateway, the itsme phones, the authenticator phone, the company register,
the demo clock and the virtual cards in pcscd's readers."""

from __future__ import annotations

import io
import json
import smtplib
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import urlencode

import pytest
import qrcode
from authlib.oauth2.rfc7636 import create_s256_code_challenge

from foundation.demo_clock import demo_clock_offset
from identity.itsme import ClientKey
from monespace_testing import ServiceError
from monespace_testing.authenticator import AuthenticatorPhone
from monespace_testing.company_register import CompanyRegister
from monespace_testing.demo_clock import DemoClock
from monespace_testing.eid import EidCards, EidControl, EidControlError
from monespace_testing.eidas_node import EidasNode
from monespace_testing.itsme import ItsmePhone
from monespace_testing.mailbox import Mailbox
from monespace_testing.sms import SmsInbox
from simulators.authenticator.otp import current_code, parse_otpauth
from simulators.authenticator.web import AuthenticatorPhone as PhoneSimulator
from simulators.company_register.web import CompanyRegisterSimulator
from simulators.eid.demo_cards import DemoCards, start_demo_cards
from simulators.eidas_node import EidasNodeSimulator
from simulators.itsme import ItsmeSimulator
from simulators.mailbox.smtp_sink import SmtpSink
from simulators.mailbox.store import MailStore
from simulators.mailbox.web import MailboxWeb
from simulators.pcsc.stack import PcscStack
from simulators.sms_gateway.web import SmsGateway
from simulators.trainers_page import TrainersPage
from tests.integration.conftest import free_port
from tests.integration.itsme_steps import (
    CLIENT_ID,
    REDIRECT_URI,
    SERVICE_CODE,
    open_authorization,
    registered,
)

pytestmark = pytest.mark.integration

SMS_TOKEN = "sms-token-of-this-test"
NAIMA_PHONE = "+32471000001"
OTPAUTH = (
    "otpauth://totp/Mon%20Espace:naima.mremi%40example.be"
    "?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Mon%20Espace"
)


@pytest.fixture
def mail_service(tmp_path: Path) -> Iterator[tuple[SmtpSink, MailboxWeb]]:
    store = MailStore(tmp_path / "mailbox")
    sink, web = SmtpSink(store, port=free_port()), MailboxWeb(store, port=free_port())
    sink.start()
    web.start()
    yield sink, web
    web.stop()
    sink.stop()


def send_mail(sink: SmtpSink, to: str, subject: str, text: str, html: str | None = None) -> None:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "no-reply@monespace.localhost", to, subject
    message.set_content(text)
    if html is not None:
        message.add_alternative(html, subtype="html")
    with smtplib.SMTP(sink.host, sink.port, timeout=10) as smtp:
        smtp.send_message(message)


def test_the_mailbox_waits_for_new_mails_only_and_reads_their_links_and_codes(
    mail_service: tuple[SmtpSink, MailboxWeb],
) -> None:
    sink, web = mail_service
    send_mail(sink, "naima.mremi@example.be", "Votre code de sécurité Mon Espace", "Code : 111111")
    mailbox = Mailbox(web.url)
    # An old mail is never taken for this test's.
    with pytest.raises(AssertionError, match=r"no new mail to naima\.mremi@example\.be"):
        mailbox.wait_for("naima.mremi@example.be", timeout=0.5)
    send_mail(
        sink,
        "naima.mremi@example.be",
        "Votre code de sécurité Mon Espace",
        "Votre code : 424242.",
        '<p><a href="http://localhost:3000/mon-compte/activer?jeton=t0k">Activer</a></p>',
    )
    send_mail(sink, "someone@example.org", "Votre code de sécurité Mon Espace", "Code : 999999")
    mail = mailbox.wait_for("Naima.Mremi@example.be", subject="code de sécurité")
    assert (mail.code(), mail.recipients) == ("424242", ("naima.mremi@example.be",))
    assert mail.link("/mon-compte/activer") == "http://localhost:3000/mon-compte/activer?jeton=t0k"
    assert len(mailbox.messages("naima.mremi@example.be")) == 2
    assert [m.text.strip() for m in mailbox.new_messages("naima.mremi@example.be")] == [
        "Votre code : 424242."
    ]
    mailbox.clear()
    assert mailbox.messages() == []


def test_the_sms_inbox_reads_any_notation_of_a_number(tmp_path: Path) -> None:
    gateway = SmsGateway(tmp_path / "sms", port=0, token=SMS_TOKEN)
    gateway.start()
    try:

        def post(to: str, text: str) -> None:
            request = urllib.request.Request(
                gateway.api_url,
                data=json.dumps({"to": to, "text": text}).encode(),
                headers={
                    "Authorization": f"Bearer {SMS_TOKEN}",
                    "Content-Type": "application/json",
                },
                method="POST",
            )
            with urllib.request.urlopen(request, timeout=5) as answer:
                assert answer.status == 202

        post("+32470123456", "Mon Espace : votre code est 100001.")
        inbox = SmsInbox(gateway.url)
        post("0470 12 34 56", "Mon Espace : votre code est 200002.")
        assert inbox.wait_for("+32 470 12 34 56").code() == "200002"
        assert [s.to for s in inbox.messages("0470/12.34.56")] == ["+32470123456"] * 2
        assert inbox.page_url("+32470123456") == f"{gateway.url}/?to=%2B32470123456"
        with pytest.raises(AssertionError, match="no new SMS"):
            inbox.wait_for("+32471000001", timeout=0.3)
    finally:
        gateway.stop()


@pytest.fixture
def itsme() -> Iterator[ItsmeSimulator]:
    simulator = ItsmeSimulator(port=0, clients=[registered(ClientKey.generate())])
    simulator.start()
    yield simulator
    simulator.stop()


def push_to(itsme: ItsmeSimulator, phone: str) -> None:
    """What the portal and the browser do: the authorization request, the number sent."""
    query = {
        "response_type": "code",
        "client_id": CLIENT_ID,
        "redirect_uri": REDIRECT_URI,
        "scope": f"openid service:{SERVICE_CODE} profile eid",
        "state": "state",
        "nonce": "nonce",
        "code_challenge": create_s256_code_challenge("v" * 50),
        "code_challenge_method": "S256",
        "login_hint": phone,
    }
    visit = open_authorization(itsme, f"{itsme.url}/authorize?{urlencode(query)}")
    assert visit.send(phone).status == 303


def test_the_itsme_phone_answers_the_requests_pushed_during_the_test(
    itsme: ItsmeSimulator,
) -> None:
    push_to(itsme, NAIMA_PHONE)  # before the test: not its request
    phone = ItsmePhone(itsme.url)
    push_to(itsme, NAIMA_PHONE)
    refused = phone.refuse("0471 00 00 01")
    assert (refused.status, refused.phone) == ("refused", NAIMA_PHONE)
    push_to(itsme, NAIMA_PHONE)
    assert phone.approve(NAIMA_PHONE).status == "approved"
    with pytest.raises(AssertionError, match="no itsme request reached"):
        phone.approve(NAIMA_PHONE, timeout=0.3)
    statuses = [r.status for r in phone.requests(NAIMA_PHONE)]
    assert statuses == ["approved", "refused", "pending"]
    assert {p["name"] for p in phone.phones()} >= {"Naïma Mremi", "Marouan El Yakoubi"}
    assert phone.phone_url("+32471000001") == f"{itsme.url}/phone?number=%2B32471000001"


def qr_png(text: str) -> bytes:
    picture = io.BytesIO()
    qrcode.make(text).save(picture, format="PNG")
    return picture.getvalue()


def test_the_authenticator_phone_enrols_a_qr_picture_and_shows_its_codes() -> None:
    now = [datetime(2026, 11, 30, 10, 0, 0, tzinfo=UTC)]  # the start of a 30-second step
    simulator = PhoneSimulator(port=0, clock=lambda: now[0])
    simulator.start()
    try:
        phone = AuthenticatorPhone(simulator.url)
        with pytest.raises(AssertionError, match="enrol"):
            phone.code()

        class Screen:  # what a Playwright locator offers
            def screenshot(self) -> bytes:
                return qr_png(OTPAUTH)

        assert phone.enrol(Screen()) == "naima.mremi@example.be"
        enrolment = parse_otpauth(OTPAUTH)
        first = phone.code()
        assert first == current_code(enrolment, now[0])
        now[0] += timedelta(seconds=30)
        assert phone.next_code(after=first) == current_code(enrolment, now[0])
        assert [c.account for c in phone.codes()] == ["naima.mremi@example.be"]
        with pytest.raises(ServiceError) as refused:
            phone.enrol(qr_png("https://example.org/not-an-enrolment"))
        assert (refused.value.status, refused.value.body["error"]) == (400, "not_otpauth")
        phone.forget_all()
        assert phone.codes() == []
    finally:
        simulator.stop()


def test_the_company_register_is_read_and_made_to_fail() -> None:
    simulator = CompanyRegisterSimulator(port=0)
    simulator.start()
    try:
        register = CompanyRegister(simulator.url)
        company = register.company("BE0712345630")
        assert (company["name"], company["status"]) == ("Entreprise de test", "active")
        dumont = company["representatives"][0]["national_number"]
        assert "Entreprise de test" in [c["name"] for c in register.companies(dumont)]
        with pytest.raises(ServiceError) as unknown:
            register.company("0123.456.749")
        assert unknown.value.status in (400, 404)
        with register.outage():
            assert register.simulation()["unavailable"] is True
            with pytest.raises(ServiceError, match="503"):
                register.company("0712.345.630")
        assert register.simulation() == {"delay_seconds": 0, "unavailable": False}
    finally:
        simulator.stop()


def test_the_eidas_node_gives_its_citizens(tmp_path: Path) -> None:
    simulator = EidasNodeSimulator(port=0, key_dir=tmp_path / "node")
    simulator.start()
    try:
        node = EidasNode(simulator.url)
        lena = node.citizen("lena-schneider")
        assert (lena.name, lena.country, lena.country_name) == ("Lena Schneider", "DE", "Allemagne")
        assert (lena.person_identifier, lena.level) == ("DE/BE/7c1f0e9a4b2d4c6e8f10", "high")
        assert lena.birth_date == "1988-04-17"
        assert [c.slug for c in node.citizens("IT")] == ["giulia-romano", "marco-bianchi"]
        assert {c.country for c in node.citizens()} == {"DE", "FR", "IT", "NL"}
        with pytest.raises(AssertionError, match="no citizen 'nobody'"):
            node.citizen("nobody")
    finally:
        simulator.stop()


def test_the_demo_clock_moves_ahead_and_back(tmp_path: Path) -> None:
    page = TrainersPage([], port=0, clock_dir=tmp_path)
    page.start()
    try:
        clock = DemoClock(page.url)
        clock.advance(days=31)
        assert demo_clock_offset(tmp_path) == timedelta(days=31)  # what the portal reads
        assert clock.now() - datetime.now(UTC) > timedelta(days=30, hours=23)
        clock.advance(timedelta(hours=1))
        assert clock.offset == timedelta(days=31, hours=1)
        with pytest.raises(ServiceError, match="400"):
            clock.set_offset(timedelta(days=-1))
        clock.restore()  # where it was found
        assert clock.offset == timedelta(0)
        assert not (tmp_path / "demo-clock.json").exists()
    finally:
        page.stop()


@pytest.fixture(scope="module")
def demo_cards(
    pcsc_stack: PcscStack, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DemoCards]:
    """As in the demo: Naïma Mremi's card in reader 0, Chloé Ducoeur's in reader 1."""
    cards = start_demo_cards(pcsc_stack, tmp_path_factory.mktemp("demo"), ocsp_port=free_port())
    yield cards
    cards.stop()


def occupants(cards: DemoCards) -> list[str | None]:
    return [slot.persona for slot in cards.slots.status()]


def test_the_cards_move_and_are_put_back_as_they_were(demo_cards: DemoCards) -> None:
    assert occupants(demo_cards) == ["naima-mremi", "chloe-ducoeur", None, None]
    cards = EidCards(EidControl(demo_cards.control_socket))
    marouan = cards("marouan-el-yakoubi")  # the first empty reader
    assert (marouan.reader, marouan.name, marouan.pin) == (2, "Marouan El Yakoubi", "1234")
    assert marouan.email == "marouan.elyakoubi@example.be"
    marouan.block_pin()
    assert marouan.pin_tries_left == 0
    naima = cards.alone("naima-mremi")
    assert (naima.reader, occupants(demo_cards)) == (0, ["naima-mremi", None, None, None])
    cards("chloe-ducoeur", reader=3)
    naima.remove()
    assert naima.reader is None
    assert naima.pin_tries_left is None
    with pytest.raises(EidControlError, match="no persona 'nobody'"):
        cards("nobody")

    cards.restore()
    assert occupants(demo_cards) == ["naima-mremi", "chloe-ducoeur", None, None]
    assert demo_cards.slots.card_of("marouan-el-yakoubi").content.pin.tries_left == 3
