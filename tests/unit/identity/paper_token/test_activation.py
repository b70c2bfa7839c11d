"""Activation of a first key from the e-mailed link: the code, the choices, the card or the app."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from foundation.models.digital_keys import Credential, KeyStatus
from foundation.models.paper_token import ActivationCode, RegisteredPerson
from foundation.models.session import UserSession
from identity import paper_token
from identity.keys.errors import InvalidCodeError, ReplayedCodeError
from identity.keys.records import find_key
from identity.paper_token import errors as e
from identity.password import check_credentials
from identity.password.errors import PasswordTooShortError, UsernameTakenError
from identity.totp import start_enrolment
from identity.totp.otp import totp
from identity.totp.secret import secret_bytes
from identity.totp.verification import verify
from tests.unit.identity.code_people import NOW, outbox
from tests.unit.identity.paper_token.test_paper_token import reference_of, register

PASSWORD = "Tulipes-de-Cracovie-7"


def typed(registration: paper_token.Registration, **changes: object) -> paper_token.FirstKeyForm:
    """What Anna types on the way to her first key (with ``changes``)."""
    fields: dict[str, object] = {
        "reference": reference_of(registration),
        "code": registration.activation_code,
        "username": "anna.k",
        "password": PASSWORD,
        "language": "nl",
        "terms_accepted": True,
    }
    fields.update(changes)
    return paper_token.FirstKeyForm(**fields)  # type: ignore[arg-type]


def activate(
    db: Session, registration: paper_token.Registration, **changes: object
) -> paper_token.TokenActivation:
    result = paper_token.activate_paper_token(db, typed(registration, **changes), now=NOW)
    db.commit()
    return result


def test_the_first_step_names_the_person_and_leaves_the_code_unspent(db: Session) -> None:
    registration = register(db)
    reference = reference_of(registration)
    code = registration.activation_code.lower()
    assert paper_token.person_for_code(db, reference=reference, code=code, now=NOW) == (
        "Anna Maria Kowalska"
    )
    # Checked again (a reload of the page) it still works: nothing was spent.
    assert paper_token.person_for_code(db, reference=reference, code=code, now=NOW)
    assert db.exec(select(ActivationCode)).one().used_at is None


def test_a_wrong_code_at_the_first_step_counts_and_the_third_voids_it(db: Session) -> None:
    registration = register(db)
    reference = reference_of(registration)
    with pytest.raises(e.WrongActivationCodeError) as first:
        paper_token.person_for_code(db, reference=reference, code="A" * 20, now=NOW)
    assert first.value.tries_left == 2
    with pytest.raises(e.WrongActivationCodeError):
        paper_token.person_for_code(db, reference=reference, code="B" * 20, now=NOW)
    with pytest.raises(e.ActivationCodeVoidError):
        paper_token.person_for_code(db, reference=reference, code="C" * 20, now=NOW)
    with pytest.raises(e.ActivationCodeVoidError):  # the right code no longer helps
        activate(db, registration)


def test_activation_spends_the_code_and_makes_credentials_card_and_mail(db: Session) -> None:
    registration = register(db)
    outbox_before = len(outbox(db))
    result = activate(db, registration)
    assert isinstance(result, paper_token.TokenActivation)
    bis = registration.person.bis_number
    assert (result.bis_number, result.username) == (bis, "anna.k")
    assert result.email == "anna.kowalska@example.pl"
    assert [number for number, _ in result.codes] == list(range(1, 25))
    assert db.exec(select(ActivationCode)).one().used_at is not None
    assert db.exec(select(RegisteredPerson)).one().language == "nl"
    key = find_key(db, national_number=bis, kind="paper_token")
    assert key is not None
    assert key.status == KeyStatus.ACTIVE
    assert db.get(Credential, bis) is not None
    assert check_credentials(db, username="anna.k", password=PASSWORD, now=NOW) == bis
    # The card comes in the language Anna chose on the page ("Ma préférence linguistique").
    card_mail = outbox(db)[outbox_before:][-1]
    assert card_mail.subject == "Uw Mon Espace-token"
    number, code = result.codes[0]
    assert f"nr.  {number}: {code}" in card_mail.text_body
    assert '<html lang="nl">' in (card_mail.html_body or "")
    with pytest.raises(e.ActivationCodeUsedError):
        activate(db, registration, username="anna.k2")


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"terms_accepted": False}, e.TermsNotAcceptedError),
        ({"language": "pl"}, e.LanguageChoiceError),
        ({"password": "court"}, PasswordTooShortError),
    ],
)
def test_a_refused_choice_leaves_the_code_usable(
    db: Session, changes: dict[str, object], error: type[Exception]
) -> None:
    registration = register(db)
    with pytest.raises(error):
        activate(db, registration, **changes)
    db.rollback()
    assert db.exec(select(ActivationCode)).one().used_at is None
    assert db.get(Credential, registration.person.bis_number) is None
    assert isinstance(activate(db, registration), paper_token.TokenActivation)


def test_a_username_already_taken_is_refused_and_the_code_stays_usable(db: Session) -> None:
    first = register(db)
    activate(db, first)
    second = register(db, document_number="XY998877", email="jan@example.pl")
    with pytest.raises(UsernameTakenError):
        activate(db, second)
    db.rollback()
    assert isinstance(activate(db, second, username="jan.n"), paper_token.TokenActivation)


def test_the_printed_card_runs_the_numbers_down_three_columns() -> None:
    from state.token_activation_state import card_layout

    codes = [(n, f"{n:06d}") for n in range(1, 25)]
    rows = card_layout(codes)
    assert len(rows) == 8
    assert rows[0] == ["1", "000001", "9", "000009", "17", "000017"]
    assert rows[7][-2:] == ["24", "000024"]
    assert card_layout(codes[:5]) == [
        ["1", "000001", "3", "000003", "5", "000005"],
        ["2", "000002", "4", "000004"],
    ]


def activate_app(
    db: Session, registration: paper_token.Registration, secret: str, first_code: str = ""
) -> paper_token.MobileAppActivation:
    result = paper_token.activate_mobile_app(
        db,
        typed(registration),
        secret=secret,
        first_code=first_code or totp(secret_bytes(secret), NOW),
        now=NOW,
    )
    db.commit()
    return result


def test_the_mobile_app_is_activated_with_its_first_code_and_no_card(db: Session) -> None:
    registration = register(db)
    bis = registration.person.bis_number
    secret = start_enrolment()
    done = activate_app(db, registration, secret)
    assert (done.bis_number, done.full_name, done.username) == (
        bis,
        "Anna Maria Kowalska",
        "anna.k",
    )
    key = find_key(db, national_number=bis, kind="totp")
    assert key is not None
    assert key.status == KeyStatus.ACTIVE
    assert find_key(db, national_number=bis, kind="paper_token") is None
    assert db.exec(select(ActivationCode)).one().used_at is not None
    assert check_credentials(db, username="anna.k", password=PASSWORD, now=NOW) == bis
    # The app's first code was spent by the activation; its next one opens a login.
    with pytest.raises(ReplayedCodeError):
        verify(db, national_number=bis, code=totp(secret_bytes(secret), NOW), now=NOW)
    later = NOW + timedelta(seconds=30)
    assert verify(db, national_number=bis, code=totp(secret_bytes(secret), later), now=later)


def test_a_wrong_first_code_of_the_app_leaves_the_activation_code_usable(db: Session) -> None:
    registration = register(db)
    secret = start_enrolment()
    right = totp(secret_bytes(secret), NOW)
    with pytest.raises(InvalidCodeError):
        activate_app(
            db, registration, secret, first_code="000000" if right != "000000" else "111111"
        )
    db.rollback()
    assert db.exec(select(ActivationCode)).one().used_at is None
    assert db.get(Credential, registration.person.bis_number) is None
    assert activate_app(db, registration, secret).username == "anna.k"


def test_only_the_app_and_the_token_can_be_chosen_with_an_activation_code() -> None:
    paper_token.check_choices(language="fr", terms_accepted=True, key="totp")
    paper_token.check_choices(language="fr", terms_accepted=True, key="paper_token")
    with pytest.raises(e.KeyChoiceError):
        paper_token.check_choices(language="fr", terms_accepted=True, key="eid")


def test_a_recovery_with_a_new_activation_code_ends_every_session_of_the_person(
    db: Session,
) -> None:
    from datetime import date

    from identity.assurance import LevelOfAssurance
    from identity.sessions import LoginIdentity, open_session

    registration = register(db)
    bis = registration.person.bis_number
    identity = LoginIdentity(bis, "Kowalska", "Anna", date(1990, 5, 17))
    earlier, _ = open_session(
        db, identity=identity, key_kind="paper_token", level=LevelOfAssurance.SUBSTANTIAL, now=NOW
    )
    db.commit()
    activate(db, registration)
    row = db.get(UserSession, earlier)
    assert row is not None
    assert row.revoked_at is not None
