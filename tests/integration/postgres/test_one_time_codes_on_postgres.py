"""A one-time code spent by two backends at once (a double submit, two tabs): the activation
code of a registration office, the code an e-mail brought. It works once."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from foundation.models.account import AccountStatus
from foundation.models.digital_keys import Credential
from foundation.models.paper_token import PaperTokenCard
from foundation.models.session import UserSession
from identity import paper_token
from identity.assurance import LevelOfAssurance
from identity.email_code import start_enrolment
from identity.one_time_code.errors import CodeAlreadyUsedError
from identity.one_time_code.flows import confirm_enrolment
from identity.paper_token.errors import ActivationCodeUsedError
from identity.paper_token.officers import appoint_officer
from identity.password import set_credentials
from portal.keys import first_key
from portal.login.code_login import submit_code, submit_password
from tests.integration.postgres.racing import each_backend_at_once, meeting_before
from tests.unit.identity.key_holder import FAST
from tests.unit.identity.key_people import outbox, six_digits_in
from tests.unit.portal.visitors import NAIMA, NOW, open_account

pytestmark = pytest.mark.integration

LINK = paper_token.ActivationLink("https://monespace.test", "/cles/activer")
OFFICER = "83041204706"
PASSWORD = "correct horse battery"
BINDING = "b" * 64


def count(engine: Engine, table: type) -> int:
    with Session(engine) as db:
        return db.exec(select(func.count()).select_from(table)).one()


def anna_registered(engine: Engine) -> tuple[str, str]:
    """The reference in the e-mailed link and the code printed for Anna at the office."""
    with Session(engine) as db:
        appoint_officer(db, national_number=OFFICER, office="Namur")
        registration = paper_token.register_person(
            db,
            officer_id=OFFICER,
            officer_level=LevelOfAssurance.HIGH,
            surname="Kowalska",
            first_names="Anna",
            birth_date=date(1990, 5, 17),
            document_type="passport",
            document_number="EA1234567",
            email="anna@example.pl",
            link=LINK,
            now=NOW,
        )
        db.commit()
    reference = parse_qs(urlsplit(registration.activation_url).query)["activation"][0]
    return reference, registration.activation_code


def test_an_activation_code_spent_twice_at_once_gives_one_paper_token(
    postgres_engine: Engine, backends: list[Engine]
) -> None:
    reference, code = anna_registered(postgres_engine)
    form = paper_token.FirstKeyForm(
        reference=reference,
        code=code,
        username="anna.kowalska",
        password="Zomer-2026-Warszawa!",
        language="fr",
        terms_accepted=True,
    )

    def activate(engine: Engine) -> object:
        return first_key.activate_first_key(
            None, form, key="paper_token", secret="", first_code="", now=NOW, bind=engine
        )

    with meeting_before(backends, r"^UPDATE activation_code SET used_at") as meeting:
        outcomes = each_backend_at_once(backends, activate)

    assert meeting.together == 2, "both had checked the code before either spent it"
    assert [type(done) for done in outcomes.results] == [paper_token.TokenActivation]
    assert [type(error) for error in outcomes.errors] == [ActivationCodeUsedError]
    assert count(postgres_engine, PaperTokenCard) == 1
    assert count(postgres_engine, Credential) == 1


def test_an_email_code_submitted_twice_at_once_opens_one_session(
    postgres_engine: Engine, backends: list[Engine]
) -> None:
    open_account(postgres_engine, AccountStatus.ACTIVE)
    with Session(postgres_engine) as db:
        set_credentials(
            db,
            national_number=NAIMA.national_number,
            username="naima.m",
            password=PASSWORD,
            now=NOW,
            settings=FAST,
        )
        start_enrolment(db, national_number=NAIMA.national_number, email="n@example.be", now=NOW)
        enrolment_code = six_digits_in(outbox(db)[-1].text_body)
        confirm_enrolment(
            db,
            kind="email_code",
            national_number=NAIMA.national_number,
            code=enrolment_code,
            now=NOW,
        )
        db.commit()
    later = NOW + timedelta(minutes=1)
    attempt_id = submit_password(
        kind="email_code",
        username="naima.m",
        password=PASSWORD,
        now=later,
        browser_binding=BINDING,
        settings=FAST,
        bind=postgres_engine,
    ).attempt_id
    with Session(postgres_engine) as db:
        code = six_digits_in(outbox(db)[-1].text_body)

    def code_step(engine: Engine) -> str:
        return submit_code(
            kind="email_code",
            attempt_id=attempt_id,
            code=code,
            now=later,
            browser_binding=BINDING,
            bind=engine,
        )

    with meeting_before(backends, r"^UPDATE one_time_code SET used_at") as meeting:
        outcomes = each_backend_at_once(backends, code_step)

    assert meeting.together == 2, "both had checked the code before either spent it"
    assert len(outcomes.results) == 1
    assert [type(error) for error in outcomes.errors] == [CodeAlreadyUsedError]
    assert count(postgres_engine, UserSession) == 1
