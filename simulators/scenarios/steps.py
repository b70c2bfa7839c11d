"""Carries out a scenario's steps through the portal's own services, as the people would have.

Each step's actor logs in with the eID card (a real session, opened and redeemed as a browser's
login would be, then ended), and acts through the same functions the pages call: the account is
created at first login and activated from its e-mail's link, keys are activated through their
wizards (the registration code read from the e-mail, the app's QR code scanned by the
authenticator phone), roles go through the GAP's services, dossiers are started from the card,
signed with it and submitted. A step happens ``day`` days before the reset: services take the
time as a parameter, so the histories carry those dates.
"""

from __future__ import annotations

import base64
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, delete, select

from foundation import routes
from foundation.clock import BRUSSELS
from foundation.models.companies import AssignmentStatus, RoleAssignment
from foundation.models.outbox import OutboxMessage
from foundation.models.session import UserSession
from identity.assurance import LevelOfAssurance
from identity.browser_binding import browser_binding, new_browser_token
from identity.eid.auth import OcspRevocationChecker, load_trust_anchors
from identity.eid.pcsc_reader import PcscEidReader
from identity.sessions import LoginIdentity, open_session, redeem_ticket, revoke
from monespace_app.jobs import run_hourly_jobs
from portal.accounts import actions as account_actions
from portal.accounts.links import LinkContext
from portal.companies import transitions
from portal.companies.acceptance import accept
from portal.companies.dates import today
from portal.companies.direct import DirectDraft, assign_by_national_number
from portal.companies.gap import GapDetails, designate_gap, register_company
from portal.companies.invitations import InvitationDraft, Invitee, create_invitation
from portal.companies.people import Person
from portal.companies.register import CompanyRegister
from portal.companies.requests import approve, reject
from portal.dossiers import administration, dossier_visits
from portal.dossiers.card_and_register import CardAndRegister
from portal.dossiers.receipt import ReceiptContent
from portal.dossiers.signature import SignedReceipt, sign_dossier_receipt
from portal.keys import actions as key_actions
from simulators.authenticator.otp import current_code
from simulators.authenticator.store import Wallet
from simulators.authenticator.web import enrol_image
from simulators.personas.loader import Persona, persona
from simulators.scenarios import model
from simulators.scenarios.model import ScenarioError, Step

LANGUAGE = "fr"  # the pages the steps stand for are the French ones
USER_AGENT = "Scénario de démonstration (simulators/scenarios)"
# A small well-formed PDF: what the steps attach where a form asks for a document.
ATTACHMENT = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
)
SIX_DIGITS = re.compile(r"\b(\d{6})\b")


@dataclass(frozen=True, slots=True)
class DroppedMail:
    """A mail a step caused but the scenario does not keep; if the portal delivered it before
    the step was over, the mailbox holds it: its recipient and subject find it there."""

    recipient: str
    subject: str


@dataclass
class Surroundings:
    """What the steps reach besides the database: the portal's links and origin, the company
    register over HTTP, the authenticator phone, the readers and the trust anchors."""

    engine: Engine
    links: LinkContext
    register: CompanyRegister
    trust_anchors_dir: Path
    reader_of: Callable[[str], str | None]  # persona -> the PC/SC reader holding their card
    wallet: Wallet = field(default_factory=Wallet)
    # The text of the newest mail the mailbox received for (address, subject): the running
    # portal may deliver a step's mail before the step reads it, and delivery erases the body
    # from the outbox.
    delivered: Callable[[str, str], str | None] = lambda _address, _subject: None


class ScenarioRun:
    def __init__(self, surroundings: Surroundings, now: datetime) -> None:
        self.s = surroundings
        self.now = now
        self.invitations: dict[str, str] = {}
        self.dossiers: dict[str, str] = {}
        self.dropped: list[DroppedMail] = []

    @property
    def public_origin(self) -> str:
        return self.s.links.public_origin

    # -- the run ---------------------------------------------------------------------------

    def run(self, step: Step) -> None:
        at = days_before_in_belgium(self.now, step.day)
        mark = self._last_mail_id()
        action = step.action
        try:
            if isinstance(action, model.OpenAccount):
                self.open_account(action, at)
            elif isinstance(action, model.ActivateKeys):
                self.activate_keys(action, at)
            elif isinstance(action, model.RegisterCompany):
                self.register_company(action, at)
            elif isinstance(action, model.Invite):
                self.invite(action, at)
            elif isinstance(action, model.Accept):
                self.accept(action, at)
            elif isinstance(action, model.Decide):
                self.decide(action, at)
            elif isinstance(action, model.Assign):
                self.assign(action, at)
            elif isinstance(action, model.ChangeAssignment):
                self.change(action, at)
            elif isinstance(action, model.HourlyJobs):
                self.hourly_jobs(at)
            elif isinstance(action, model.MakeDossier):
                self.dossier(action, at)
            else:
                self.back_office(action, at)
        finally:
            if not step.keep_mail:
                self._drop_mail_after(mark)

    # -- people ----------------------------------------------------------------------------

    @contextmanager
    def logged_in(self, slug: str, at: datetime) -> Iterator[str]:
        """An eID login of ``slug`` at ``at``, as a browser's: a session bound to a browser
        token, its ticket redeemed; ended (logged out) after the block."""
        person = persona(slug)
        binding = browser_binding(new_browser_token())
        identity = LoginIdentity(
            person.national_number, person.surname, person.given_names, person.birth_date
        )
        with Session(self.s.engine) as db:
            session_id, ticket = open_session(
                db,
                identity=identity,
                key_kind="eid",
                level=LevelOfAssurance.HIGH,
                now=at,
                browser_binding=binding,
                user_agent=USER_AGENT,
            )
            redeem_ticket(db, ticket, browser_binding=binding, now=at)
            db.commit()
        try:
            yield session_id
        finally:
            with Session(self.s.engine) as db:
                revoke(db, session_id, now=at)
                db.commit()

    @contextmanager
    def acting(self, slug: str, at: datetime) -> Iterator[tuple[Session, UserSession]]:
        """A unit of work of ``slug`` logged in with the card: committed if the block ends."""
        with self.logged_in(slug, at) as session_id, Session(self.s.engine) as db:
            row = db.get(UserSession, session_id)
            assert row is not None
            yield db, row
            db.commit()

    def open_account(self, step: model.OpenAccount, at: datetime) -> None:
        email = step.email or persona(step.persona).email
        mark = self._last_mail_id()
        with self.logged_in(step.persona, at) as session_id:
            account_actions.open_account(
                session_id,
                self.s.links,
                email=email,
                confirmation=email,
                language=LANGUAGE,
                now=at,
                bind=self.s.engine,
            )
        link = self._link_in_mail(email, routes.ACTIVATE_ACCOUNT, after=mark)
        account_actions.follow_link(
            "activate", self.s.links, token=link, now=at, bind=self.s.engine
        )

    def activate_keys(self, step: model.ActivateKeys, at: datetime) -> None:
        person = persona(step.persona)
        with self.logged_in(step.persona, at) as session_id:
            for kind in step.kinds:
                if kind == "totp":
                    self._activate_app(session_id, at)
                elif kind == "email_code":
                    self._activate_email_code(session_id, person, at)
            key_actions.save_credentials(
                session_id,
                username=step.username,
                password=step.password,
                now=at,
                bind=self.s.engine,
            )

    def _activate_app(self, session_id: str, at: datetime) -> None:
        """Step "Activer": the phone scans the QR code shown, the person types its code."""
        page = key_actions.open_wizard(session_id, kind="totp", now=at, bind=self.s.engine)
        started = page.opening.started
        if not page.opening.allowed or not started.qr_src:
            raise ScenarioError("the mobile app's wizard showed no QR code")
        image = base64.b64decode(started.qr_src.split(",", 1)[1])
        enrolment = enrol_image(self.s.wallet, image)
        key_actions.confirm_enrolment(
            session_id,
            kind="totp",
            code=current_code(enrolment, at),
            secret=started.secret,
            now=at,
            bind=self.s.engine,
        )

    def _activate_email_code(self, session_id: str, person: Persona, at: datetime) -> None:
        mark = self._last_mail_id()
        key_actions.send_registration_code(
            session_id, kind="email_code", destination=person.email, now=at, bind=self.s.engine
        )
        found = SIX_DIGITS.search(self._newest_mail_to(person.email, after=mark))
        if found is None:
            raise ScenarioError(f"no registration code in the e-mail to {person.email}")
        key_actions.confirm_enrolment(
            session_id,
            kind="email_code",
            code=found.group(1),
            secret="",
            now=at,
            bind=self.s.engine,
        )

    # -- companies -------------------------------------------------------------------------

    def register_company(self, step: model.RegisterCompany, at: datetime) -> None:
        gap = persona(step.gap)
        with self.acting(step.representative, at) as (db, session):
            register_company(db, self.s.register, session, step.company, at)
            details = GapDetails(
                gap.surname, gap.given_names, gap.national_number, gap.email, step.gap_phone
            )
            designate_gap(db, session, step.company, details, at, public_origin=self.public_origin)

    def invite(self, step: model.Invite, at: datetime) -> None:
        start = today(at)
        draft = InvitationDraft(
            company_number=step.company,
            role_codes=step.roles,
            valid_from=start,
            valid_until=_after(start, step.valid_days),
            persons=tuple(
                Invitee(p.surname, p.given_names, p.email) for p in map(persona, step.persons)
            ),
            message=step.message,
            expires_on=_after(start, step.expires_in_days),
        )
        with self.acting(step.by, at) as (db, session):
            created = create_invitation(
                db, session, draft, at, public_origin=self.public_origin, page_language=LANGUAGE
            )
        self.invitations[step.name] = created.id

    def accept(self, step: model.Accept, at: datetime) -> None:
        invitation = self.invitations.get(step.invitation)
        if invitation is None:
            raise ScenarioError(f"no invitation named '{step.invitation}' before this step")
        with self.acting(step.persona, at) as (db, session):
            accept(
                db,
                session,
                invitation,
                persona(step.persona).email,
                at,
                public_origin=self.public_origin,
            )

    def _assignment(self, db: Session, slug: str, role: str, *statuses: str) -> int:
        found = db.exec(
            select(RoleAssignment.id).where(
                RoleAssignment.national_number == persona(slug).national_number,
                RoleAssignment.role_code == role,
                col(RoleAssignment.status).in_(statuses),
            )
        ).first()
        if found is None:
            raise ScenarioError(f"{slug} has no {role} in status {', '.join(statuses)}")
        return found

    def decide(self, step: model.Decide, at: datetime) -> None:
        with self.acting(step.by, at) as (db, session):
            assignment = self._assignment(db, step.persona, step.role, AssignmentStatus.REQUESTED)
            if step.approve:
                approve(db, session, assignment, at, public_origin=self.public_origin)
            else:
                reject(db, session, assignment, step.reason, at, public_origin=self.public_origin)

    def assign(self, step: model.Assign, at: datetime) -> None:
        person = persona(step.persona)
        start = today(at)
        draft = DirectDraft(
            step.company, step.roles, valid_from=start, valid_until=_after(start, step.valid_days)
        )
        with self.acting(step.by, at) as (db, session):
            assign_by_national_number(
                db,
                session,
                Person(person.national_number, person.surname, person.given_names, person.email),
                draft,
                at,
                public_origin=self.public_origin,
                page_language=LANGUAGE,
            )

    def change(self, step: model.ChangeAssignment, at: datetime) -> None:
        change = transitions.stop if step.change == "stop" else transitions.deactivate
        with self.acting(step.by, at) as (db, session):
            held = (AssignmentStatus.ACTIVE, AssignmentStatus.DEACTIVATED)
            assignment = self._assignment(db, step.persona, step.role, *held)
            change(db, session, assignment, at, public_origin=self.public_origin)

    def hourly_jobs(self, at: datetime) -> None:
        run_hourly_jobs(at, bind=self.s.engine, public_origin=self.public_origin)

    # -- dossiers --------------------------------------------------------------------------

    def dossier(self, step: model.MakeDossier, at: datetime) -> None:
        person = persona(step.persona)
        reader = self.s.reader_of(step.persona)
        if reader is None:
            raise ScenarioError(f"the card of {step.persona} must be in a reader (readers = …)")
        anchors = self.s.trust_anchors_dir
        sources = CardAndRegister(
            reader=PcscEidReader(),
            reader_name=reader,
            trust_anchors=lambda: load_trust_anchors(anchors),
            register=self.s.register,
            clock=lambda: at,
        )
        bind = self.s.engine
        with self.logged_in(step.persona, at) as session_id:
            reference = dossier_visits.start(
                session_id, step.procedure, step.space, sources=sources, now=at, bind=bind
            )
            # Files first: a step's save checks its file fields too.
            for field_key, file_name in step.attachments.items():
                dossier_visits.attach(
                    session_id, reference, field_key, file_name, ATTACHMENT, now=at, bind=bind
                )
            for step_key, values in step.values.items():
                problems = dossier_visits.save_step(
                    session_id, reference, step_key, values, version=None, now=at, bind=bind
                )
                if problems:
                    raise ScenarioError(f"dossier {step.name}, {step_key}: {sorted(problems)}")
            if step.until == "submitted":
                signer = self._card_signer(person, reader, at)
                dossier_visits.sign(
                    session_id, reference, version=None, signer=signer, now=at, bind=bind
                )
                dossier_visits.submit(
                    session_id,
                    reference,
                    version=None,
                    public_origin=self.public_origin,
                    now=at,
                    bind=bind,
                )
        self.dossiers[step.name] = reference

    def _card_signer(
        self, person: Persona, reader: str, at: datetime
    ) -> Callable[[ReceiptContent, str], SignedReceipt]:
        """The card in ``reader`` signs with the persona's PIN, as typed on the dossier's page;
        its certificate checked against the trust anchors and the OCSP responder."""
        anchors = self.s.trust_anchors_dir

        def sign(content: ReceiptContent, national_number: str) -> SignedReceipt:
            return sign_dossier_receipt(
                content,
                reader=PcscEidReader(),
                reader_name=reader,
                pin=person.card.pin,
                expected_national_number=national_number,
                trust_anchors=load_trust_anchors(anchors),
                revocation_checker=OcspRevocationChecker(),
                now=at,
            )

        return sign

    def back_office(self, step: model.BackOffice, at: datetime) -> None:
        reference = self.dossiers.get(step.dossier)
        if reference is None:
            raise ScenarioError(f"no dossier named '{step.dossier}' before this step")
        with Session(self.s.engine) as db:
            administration.take(db, reference, now=at)
            if step.complement:
                administration.request_complement(
                    db,
                    reference,
                    message=step.complement,
                    public_origin=self.public_origin,
                    now=at,
                )
            db.commit()

    # -- the outbox --------------------------------------------------------------------------

    def _last_mail_id(self) -> int:
        with Session(self.s.engine) as db:
            ids = db.exec(select(OutboxMessage.id).order_by(col(OutboxMessage.id).desc()))
            return ids.first() or 0

    def _mails_after(self, db: Session, mark: int) -> list[OutboxMessage]:
        return list(
            db.exec(
                select(OutboxMessage)
                .where(col(OutboxMessage.id) > mark)
                .order_by(col(OutboxMessage.id).desc())
            ).all()
        )

    def _newest_mail_to(self, address: str, *, after: int) -> str:
        with Session(self.s.engine) as db:
            newest = next(
                (mail for mail in self._mails_after(db, after) if mail.recipient == address), None
            )
            if newest is None:
                raise ScenarioError(f"no e-mail to {address}")
            if newest.sent_at is None:
                return newest.text_body
            subject = newest.subject
        # Delivered meanwhile: the mailbox has the body (SMTP is done when sent_at is set).
        for _ in range(50):
            body = self.s.delivered(address, subject)
            if body:
                return body
            time.sleep(0.1)
        raise ScenarioError(f"the e-mail to {address} was delivered and is not in the mailbox")

    def _link_in_mail(self, address: str, path: str, *, after: int) -> str:
        """The ``jeton`` of the link to ``path`` in the newest e-mail to ``address``."""
        found = re.search(
            re.escape(path) + r"\?jeton=([A-Za-z0-9._\-]+)",
            self._newest_mail_to(address, after=after),
        )
        if found is None:
            raise ScenarioError(f"no link to {path} in the e-mail to {address}")
        return found.group(1)

    def _drop_mail_after(self, mark: int) -> None:
        """The mails of a step the scenario does not keep leave the outbox (noted, for the
        mailbox to lose any the portal delivered meanwhile)."""
        with Session(self.s.engine) as db:
            for mail in self._mails_after(db, mark):
                self.dropped.append(DroppedMail(mail.recipient, mail.subject))
            db.exec(delete(OutboxMessage).where(col(OutboxMessage.id) > mark))
            db.commit()


def days_before_in_belgium(now: datetime, day: int) -> datetime:
    """``day`` (≤ 0) calendar days from ``now`` in Belgium, at the same time of day there. Not
    ``now + timedelta(days=day)``: across a change of summer time that instant can fall on
    another Belgian day late in the evening (at 23:30 in winter, 95 days earlier in summer was
    already the next day), and assignments' dates are Belgian days."""
    local = now.astimezone(BRUSSELS)
    wall = datetime.combine(local.date() + timedelta(days=day), local.time())
    return wall.replace(tzinfo=BRUSSELS).astimezone(now.tzinfo)


def _after(start: date, days: int | None) -> date | None:
    return None if days is None else start + timedelta(days=days)
