"""Scenario resets against a real database, real virtual cards behind pcscd (the dossiers'
identity is read from the card, their receipt signed by it), the company register over HTTP and
the authenticator phone; and the trainers' page that runs them (its API, the card buttons, a
post from another site refused). The portal itself is not needed: e2e/test_trainers.py shows
the same states through it."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from foundation.clock import aware
from foundation.db import make_engine
from foundation.demo_clock import advance_demo_clock, demo_clock_offset
from foundation.models.account import Account
from foundation.models.companies import RoleAssignment, RoleInvitation, RoleInvitationInvitee
from foundation.models.digital_keys import KeyStatus
from foundation.models.dossiers import Dossier, DossierReceipt
from foundation.models.migrate import upgrade
from foundation.models.outbox import OutboxMessage
from foundation.models.session import UserSession
from foundation.secrets_at_rest import server_keys
from foundation.settings import get_settings
from identity.keys.records import find_key
from identity.password import username_of
from portal.companies.dates import today
from simulators.authenticator.store import Wallet
from simulators.company_register.web import CompanyRegisterSimulator
from simulators.eid.demo_cards import DemoCards, start_demo_cards
from simulators.mailbox.store import MailStore
from simulators.pcsc.stack import PcscStack
from simulators.personas.loader import persona
from simulators.scenarios.reset import DemoParts, reset_demo
from simulators.scenarios.steps import DroppedMail
from simulators.sms_gateway.store import SmsStore
from simulators.trainers_page import TrainersPage
from tests.integration.conftest import free_port
from tests.integration.simulators.http_client import call

pytestmark = pytest.mark.integration

MAROUAN, NAIMA = persona("marouan-el-yakoubi"), persona("naima-mremi")
SECRET = "scenario-resets-secret-key-not-for-production"


@pytest.fixture(scope="module")
def parts(pcsc_stack: PcscStack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoParts]:
    data_dir = tmp_path_factory.mktemp("demo")
    previous = os.environ.get("MONESPACE_SECRET_KEY")
    os.environ["MONESPACE_SECRET_KEY"] = SECRET  # the portal's and the reset's, as in a demo
    get_settings.cache_clear()
    server_keys.cache_clear()
    url = f"sqlite:///{data_dir / 'monespace.db'}"
    upgrade(url)
    cards: DemoCards = start_demo_cards(
        pcsc_stack,
        data_dir,
        trust_anchors_dir=data_dir / "trust-anchors",
        ocsp_port=free_port(),
        personas=(),
    )
    register = CompanyRegisterSimulator(port=0)
    register.start()
    try:
        yield DemoParts(
            data_dir=data_dir,
            database_url=url,
            public_origin="http://localhost:3999",
            company_register_url=register.url,
            trust_anchors_dir=data_dir / "trust-anchors",
            mail_store=MailStore(data_dir / "mailbox"),
            card_slots=cards.slots,
            sms=SmsStore(None),
            wallet=Wallet(),
        )
    finally:
        register.stop()
        cards.stop()
        if previous is None:
            os.environ.pop("MONESPACE_SECRET_KEY", None)
        else:
            os.environ["MONESPACE_SECRET_KEY"] = previous
        get_settings.cache_clear()
        server_keys.cache_clear()


def database(parts: DemoParts) -> Session:
    return Session(make_engine(parts.database_url))


def live_sessions(parts: DemoParts) -> list[UserSession]:
    with database(parts) as db:
        return list(db.exec(select(UserSession).where(col(UserSession.revoked_at).is_(None))))


def readers(parts: DemoParts) -> list[str | None]:
    assert parts.card_slots is not None
    return [status.persona for status in parts.card_slots.status()]


def test_keys(parts: DemoParts) -> None:
    report = reset_demo(parts, "keys")
    assert report.seconds < 30
    with database(parts) as db:
        for kind in ("totp", "email_code"):
            key = find_key(db, national_number=MAROUAN.national_number, kind=kind)
            assert key is not None, kind
            assert key.status == KeyStatus.ACTIVE
        assert username_of(db, MAROUAN.national_number) == "marouan.elyakoubi"
        assert db.exec(select(OutboxMessage)).all() == []  # the set-up's mails are dropped
    assert parts.wallet is not None
    [enrolment] = parts.wallet.all()
    assert (enrolment.issuer, enrolment.account) == ("Mon Espace", MAROUAN.email)
    assert live_sessions(parts) == []
    assert readers(parts)[:2] == [MAROUAN.slug, NAIMA.slug]


def test_companies(parts: DemoParts) -> None:
    reset_demo(parts, "companies")
    now = datetime.now(UTC)
    with database(parts) as db:
        assignments = db.exec(select(RoleAssignment)).all()
        statuses = Counter(a.status for a in assignments)
        assert statuses == {
            "active": 3,
            "requested": 1,
            "rejected": 1,
            "suspended": 1,
            "deactivated": 1,
            "expired": 1,
        }
        ending = [a for a in assignments if a.status == "active" and a.ends_on is not None]
        assert [a.ends_on for a in ending] == [today(now) + timedelta(days=20)]
        accepted = {
            i.invitation_id for i in db.exec(select(RoleInvitationInvitee)) if i.accepted_by
        }
        pending = [i for i in db.exec(select(RoleInvitation)) if i.id not in accepted]
        assert sorted(i.expires_on - today(now) for i in pending) == [
            timedelta(days=3),
            timedelta(days=364),
        ]
        kept = db.exec(select(OutboxMessage)).all()
        assert sorted(m.recipient for m in kept) == sorted(
            [NAIMA.email, persona("elise-wauters").email]
        )
        # The scenario's first step, 95 days back on Belgium's calendar.
        history_dates = {today(aware(a.requested_at)) for a in assignments}
        assert min(history_dates) == today(now) - timedelta(days=95)
    assert live_sessions(parts) == []


def test_dossiers(parts: DemoParts) -> None:
    reset_demo(parts, "dossiers")
    with database(parts) as db:
        made = db.exec(
            select(Dossier).where(
                Dossier.national_number == NAIMA.national_number,
                col(Dossier.procedure_key).is_not(None),
            )
        ).all()
        assert sorted((d.procedure_key, d.status) for d in made) == [
            ("allocation-etudes", "complement_requested"),
            ("allocation-etudes", "submitted"),
            ("prime-renovation", "draft"),
        ]
        signed = db.exec(select(DossierReceipt)).all()
        assert {r.signer_national_number for r in signed} == {NAIMA.national_number}
        assert len(signed) == 2
        # Identity read from the card: the dossier holds the card's surname.
        assert all("Mremi" in d.data or "Mremi" in d.sources for d in made)
        # The submitted one's acknowledgement stays for the mailbox; the others' are dropped.
        assert len(db.exec(select(OutboxMessage)).all()) == 1


def test_first_login_ends_sessions_and_puts_everything_back(parts: DemoParts) -> None:
    reset_demo(parts, "keys")
    assert parts.card_slots is not None
    assert parts.sms is not None
    parts.card_slots.card_of(NAIMA.slug).block_pin()
    parts.sms.add("+32470123456", "un vieux SMS")
    advance_demo_clock(parts.data_dir, timedelta(days=31))
    with database(parts) as db:  # Marouan is logged in somewhere
        db.add(
            UserSession(
                id="a" * 32,
                national_number=MAROUAN.national_number,
                surname=MAROUAN.surname,
                first_names=MAROUAN.given_names,
                birth_date=MAROUAN.birth_date.isoformat(),
                key_kind="eid",
                level=3,
                created_at=datetime.now(UTC),
                authenticated_at=datetime.now(UTC),
                last_seen_at=datetime.now(UTC),
                expires_at=datetime.now(UTC) + timedelta(hours=1),
            )
        )
        db.commit()
    report = reset_demo(parts, "first-login")
    assert report.sessions_ended == 1
    assert live_sessions(parts) == []
    with database(parts) as db:
        assert db.exec(select(Account)).all() == []
    assert demo_clock_offset(parts.data_dir) == timedelta(0)
    assert parts.sms.all() == []
    assert parts.wallet is not None
    assert parts.wallet.all() == []
    assert readers(parts)[:2] == [NAIMA.slug, "chloe-ducoeur"]
    assert parts.card_slots.card_of(NAIMA.slug).content.pin.tries_left == 3


def test_a_mail_the_portal_delivered_before_it_was_dropped_leaves_the_mailbox(
    tmp_path: Path,
) -> None:
    from simulators.scenarios.reset import _take_back_from_mailbox

    store = MailStore(tmp_path / "mailbox")
    for to, subject in (("a@example.be", "Code"), ("a@example.be", "Code"), ("b@example.be", "X")):
        store.add(f"To: {to}\nSubject: {subject}\n\nbody\n".encode(), [to])
    _take_back_from_mailbox(store, [DroppedMail("a@example.be", "Code")])
    assert sorted((m.recipients, m.subject) for m in store.all()) == [
        (("a@example.be",), "Code"),
        (("b@example.be",), "X"),
    ]


@pytest.fixture
def trainers(parts: DemoParts) -> Iterator[TrainersPage]:
    page = TrainersPage([], port=0, clock_dir=parts.data_dir)
    page.attach(parts)
    page.start()
    yield page
    page.stop()


FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def test_the_trainers_page_resets_and_drives_the_cards(
    trainers: TrainersPage, parts: DemoParts
) -> None:
    answer = call("POST", trainers.url + "/api/scenarios/first-login")
    assert answer.status == 200
    assert answer.json()["readers"][:2] == [NAIMA.slug, "chloe-ducoeur"]
    assert call("POST", trainers.url + "/api/scenarios/nope").status == 400
    assert [s["name"] for s in call("GET", trainers.url + "/api/scenarios").json()] == [
        "first-login",
        "keys",
        "companies",
        "dossiers",
    ]

    removed = call(
        "POST", trainers.url + "/lecteurs", body=b"action=retirer&lecteur=0", headers=FORM
    )
    assert removed.status == 303
    assert readers(parts)[0] is None
    inserted = call(
        "POST",
        trainers.url + "/lecteurs",
        body=b"action=inserer&lecteur=0&persona=marouan-el-yakoubi&retour=/guides/004-connexion",
        headers=FORM,
    )
    assert inserted.headers["Location"] == "/guides/004-connexion"
    assert readers(parts)[0] == MAROUAN.slug
    page = call("GET", trainers.url + "/guides/004-connexion").text
    assert "La carte de Marouan El Yakoubi est dans le lecteur 1." in page.replace("&#x27;", "'")
    assert "Comment se connecter à Mon Compte" in page
    call(
        "POST", trainers.url + "/lecteurs", body=b"action=bloquer&persona=naima-mremi", headers=FORM
    )
    assert parts.card_slots is not None
    assert parts.card_slots.card_of(NAIMA.slug).content.pin.tries_left == 0
    assert call("GET", trainers.url + "/guides/nope").status == 404
    for elsewhere in (b"//evil.example", b"/%5Cevil.example", b"/x%0D%0ASet-Cookie:%20a=b"):
        away = call(
            "POST",
            trainers.url + "/lecteurs",
            body=b"action=retirer&lecteur=3&retour=" + elsewhere,
            headers=FORM,
        )
        assert away.headers["Location"] == "/#materiel"

    jobs = call("POST", trainers.url + "/api/jobs/hourly")
    assert jobs.json()["purged_accounts"] == 0


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "http://127.0.0.1:1"},
        {"Host": "evil.example"},
    ],
)
def test_a_post_from_another_site_changes_nothing(
    trainers: TrainersPage, parts: DemoParts, headers: dict[str, str]
) -> None:
    before = readers(parts)
    answer = call(
        "POST",
        trainers.url + "/lecteurs",
        body=b"action=retirer&lecteur=1",
        headers={**FORM, **headers},
    )
    assert answer.status == 403
    assert call("POST", trainers.url + "/api/scenarios/keys", headers=headers).status == 403
    assert readers(parts) == before
    own = {"Origin": trainers.url}
    assert (
        call("POST", trainers.url + "/api/clock", json_body={"reset": True}, headers=own).status
        == 200
    )


def test_a_link_the_portal_delivered_before_the_step_read_it_is_read_from_the_mailbox(
    tmp_path: Path,
) -> None:
    """The running portal delivers the outbox every two seconds and erases each body it sent:
    a step reading its activation link just after may find the row empty, and then reads the
    mail the mailbox received instead of failing the reset."""
    from portal.accounts.links import LinkContext
    from simulators.scenarios.reset import _delivered
    from simulators.scenarios.steps import ScenarioRun, Surroundings

    url = f"sqlite:///{tmp_path / 'monespace.db'}"
    upgrade(url)
    engine = make_engine(url)
    store = MailStore(tmp_path / "mailbox")
    to, subject = "naima@example.be", "Activez votre compte Mon Espace"
    body = "Cliquez : http://localhost:3999/mon-compte/activer?jeton=abc.DEF-123\n"
    store.add(f"To: {to}\nSubject: {subject}\n\n{body}".encode(), [to])
    now = datetime.now(UTC)
    with Session(engine) as db:  # as the portal's delivery leaves the row
        db.add(
            OutboxMessage(
                recipient=to,
                subject=subject,
                text_body="",
                created_at=now,
                next_attempt_at=now,
                sent_at=now,
            )
        )
        db.commit()
    run = ScenarioRun(
        Surroundings(
            engine=engine,
            links=LinkContext(SECRET, "http://localhost:3999"),
            register=None,  # type: ignore[arg-type]  # not reached
            trust_anchors_dir=tmp_path,
            reader_of=lambda _persona: None,
            delivered=lambda address, title: _delivered(store, address, title),
        ),
        now,
    )
    assert run._link_in_mail(to, "/mon-compte/activer", after=0) == "abc.DEF-123"
