"""A first key from the office's link: the code names its person, the last step activates the
key and ends any session of this browser in the same unit of work."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from foundation.models.session import UserSession
from identity import paper_token
from identity.assurance import LevelOfAssurance
from identity.paper_token.errors import TermsNotAcceptedError, WrongActivationCodeError
from identity.paper_token.officers import appoint_officer
from portal.keys import first_key
from tests.unit.portal.visitors import NOW, log_in

LINK = paper_token.ActivationLink("https://monespace.test", "/cles/activer")
OFFICER = "83041204706"


def registered(engine: Engine) -> tuple[str, str]:
    """The reference in the e-mailed link and the code printed for Anna."""
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


def form(reference: str, code: str, *, terms: bool = True) -> paper_token.FirstKeyForm:
    return paper_token.FirstKeyForm(
        reference=reference,
        code=code,
        username="anna.kowalska",
        password="Zomer-2026-Warszawa!",
        language="fr",
        terms_accepted=terms,
    )


def test_the_code_names_its_person_and_a_wrong_one_counts(engine: Engine) -> None:
    reference, code = registered(engine)
    assert first_key.person_for_code(reference, code, now=NOW, bind=engine) == "Anna Kowalska"
    with pytest.raises(WrongActivationCodeError) as wrong:
        first_key.person_for_code(reference, "22222 22222 22222 22222", now=NOW, bind=engine)
    assert wrong.value.tries_left == 2


def test_the_token_is_activated_and_the_browser_logged_out(engine: Engine) -> None:
    reference, code = registered(engine)
    session_id = log_in(engine)
    done = first_key.activate_first_key(
        session_id,
        form(reference, code),
        key="paper_token",
        secret="",
        first_code="",
        now=NOW,
        bind=engine,
    )
    assert isinstance(done, paper_token.TokenActivation)
    assert (done.username, len(done.codes)) == ("anna.kowalska", paper_token.CARD_SIZE)
    with Session(engine) as db:
        row = db.get(UserSession, session_id)
        assert row is not None
        assert row.revoked_at is not None


def test_without_the_terms_accepted_nothing_is_spent(engine: Engine) -> None:
    reference, code = registered(engine)
    session_id = log_in(engine)
    with pytest.raises(TermsNotAcceptedError):
        first_key.activate_first_key(
            session_id,
            form(reference, code, terms=False),
            key="paper_token",
            secret="",
            first_code="",
            now=NOW,
            bind=engine,
        )
    assert first_key.person_for_code(reference, code, now=NOW, bind=engine) == "Anna Kowalska"
    with Session(engine) as db:
        row = db.get(UserSession, session_id)
        assert row is not None
        assert row.revoked_at is None
