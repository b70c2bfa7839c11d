"""The paper token: registration office, activation code, card of numbered codes, login."""

from __future__ import annotations

import re
from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlmodel import Session, select

from foundation.i18n.error_messages import error_text
from foundation.models.digital_keys import DigitalKeyRecord, KeyStatus
from foundation.models.paper_token import (
    ActivationCode,
    PaperTokenCard,
    PaperTokenCode,
    RegisteredPerson,
)
from identity import paper_token
from identity.assurance import LevelOfAssurance
from identity.keys.errors import KeyLockedError, LoginAttemptExpiredError
from identity.keys.lockout import MAX_CONSECUTIVE_FAILURES
from identity.keys.records import find_key
from identity.paper_token import errors as e
from identity.paper_token.officers import appoint_officer
from identity.paper_token.registration import ALPHABET
from identity.password.login_attempts import finish_login
from identity.registry import KeyGroup, default_registry
from tests.unit.identity.code_people import NOW, StartAttempt, outbox, sequence

LINK = paper_token.ActivationLink("https://monespace.test", "/cles/activer")
OFFICER = "83041204706"  # an officer of a local registration office
BIRTH = date(1990, 5, 17)


def register(db: Session, **changes: object) -> paper_token.Registration:
    appoint_officer(db, national_number=OFFICER, office="Bureau d'enregistrement local d'Ixelles")
    fields: dict[str, object] = {
        "officer_id": OFFICER,
        "officer_level": LevelOfAssurance.HIGH,
        "surname": "Kowalska",
        "first_names": "Anna Maria",
        "birth_date": BIRTH,
        "document_type": "passport",
        "document_number": "ea 1234567",
        "email": "anna.kowalska@example.pl",
    }
    fields.update(changes)
    registration = paper_token.register_person(db, link=LINK, now=NOW, **fields)  # type: ignore[arg-type]
    db.commit()
    return registration


def reference_of(registration: paper_token.Registration) -> str:
    return parse_qs(urlsplit(registration.activation_url).query)["activation"][0]


def redeem(db: Session, registration: paper_token.Registration, code: str, **later: int) -> str:
    return paper_token.redeem_activation_code(
        db, reference=reference_of(registration), code=code, now=NOW + timedelta(**later)
    )


def test_bis_numbers_carry_the_birth_month_plus_40_and_valid_check_digits() -> None:
    number = paper_token.make_bis_number(BIRTH, 123)
    assert number == "90451712320"
    assert (int(number[:9]) + int(number[9:])) % 97 == 0
    born_2003 = paper_token.make_bis_number(date(2003, 12, 1), 7)
    assert born_2003[2:4] == "52"
    assert (int("2" + born_2003[:9]) + int(born_2003[9:])) % 97 == 0
    assert paper_token.is_valid_bis_number(number)
    assert paper_token.is_valid_bis_number(born_2003)
    assert not paper_token.is_valid_bis_number("90451712321")  # check digits off by one
    assert not paper_token.is_valid_bis_number("85073003328")  # a national number, month 07


def test_the_paper_token_is_a_substantial_code_key_fourth_of_its_group() -> None:
    descriptor = default_registry().get("paper_token").descriptor
    assert descriptor.group is KeyGroup.CODE_AND_PASSWORD
    assert descriptor.level is LevelOfAssurance.SUBSTANTIAL
    assert descriptor.order == 4


def test_registration_makes_a_bis_number_an_activation_code_and_an_activation_mail(
    db: Session,
) -> None:
    registration = register(db)
    person = registration.person
    assert paper_token.is_valid_bis_number(person.bis_number)
    assert person.bis_number.startswith("904517")
    assert (person.surname, person.document_number) == ("Kowalska", "EA1234567")
    code = registration.activation_code
    assert re.fullmatch(r"[2-9A-HJ-NP-Z]{5}( [2-9A-HJ-NP-Z]{5}){3}", code)
    assert registration.expires_at == NOW + timedelta(days=7)
    stored = db.exec(select(ActivationCode)).one()
    assert code.replace(" ", "") not in stored.code_hash

    [mail] = outbox(db)
    assert mail.recipient == "anna.kowalska@example.pl"
    assert mail.subject == "Activez votre clé numérique Mon Espace"
    assert "Bonjour Anna Maria Kowalska" in mail.text_body
    assert registration.activation_url in mail.text_body
    assert registration.activation_url.startswith("https://monespace.test/cles/activer?activation=")
    assert code not in mail.text_body  # the code is on paper, the link in the mail
    assert "29/11/2026" in mail.text_body  # valid 7 days (Brussels time)


def test_the_activation_mail_is_in_the_language_of_the_office_page(db: Session) -> None:
    registration = register(db, language="de")
    [mail] = outbox(db)
    assert mail.subject == "Aktivieren Sie Ihren digitalen Schlüssel für Mon Espace"
    assert mail.text_body.startswith("Guten Tag Anna Maria Kowalska,")
    assert f"Meinen digitalen Schlüssel aktivieren: {registration.activation_url}" in (
        mail.text_body
    )
    assert "der Code ist bis zum 29/11/2026 um 08:00 gültig." in mail.text_body
    # Until the person chooses at activation, the office page's language is theirs.
    assert db.exec(select(RegisteredPerson.language)).one() == "de"
    paper_token.issue_activation_code(
        db,
        officer_id=OFFICER,
        officer_level=LevelOfAssurance.HIGH,
        bis_number=registration.person.bis_number,
        link=LINK,
        now=NOW,
    )
    assert outbox(db)[-1].subject == mail.subject


def test_the_activation_code_uses_no_ambiguous_characters() -> None:
    assert not set("01OI") & set(ALPHABET)
    assert len(ALPHABET) == 32


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("surname", "  "),
        ("first_names", ""),
        ("birth_date", date(2026, 11, 23)),
        ("birth_date", date(1899, 12, 31)),
        ("document_type", "library_card"),
        ("document_number", "A!"),
        ("email", "anna@"),
        ("officer_id", ""),
    ],
)
def test_a_registration_with_a_missing_or_wrong_field_names_the_field(
    db: Session, field: str, value: object
) -> None:
    with pytest.raises(e.RegistrationFieldError) as refused:
        register(db, **{field: value})
    assert refused.value.field == field
    assert error_text("fr", refused.value)
    assert outbox(db) == []


def test_a_document_is_registered_once(db: Session) -> None:
    first = register(db)
    with pytest.raises(e.AlreadyRegisteredError) as again:
        register(db, document_number="EA1234567", email="other@example.be")
    assert first.person.bis_number in error_text("fr", again.value)


def test_the_activation_code_works_once_typed_in_any_case_and_grouping(db: Session) -> None:
    registration = register(db)
    typed = registration.activation_code.lower().replace(" ", "-")
    assert redeem(db, registration, typed) == registration.person.bis_number
    db.commit()
    with pytest.raises(e.ActivationCodeUsedError):
        redeem(db, registration, registration.activation_code)


def test_three_wrong_activation_codes_void_it_even_across_rollbacks(db: Session) -> None:
    registration = register(db)
    wrong = "22222 22222 22222 22222"
    messages = []
    for left in (2, 1):
        with pytest.raises(e.WrongActivationCodeError) as refused:
            redeem(db, registration, wrong)
        assert refused.value.tries_left == left
        messages.append(error_text("fr", refused.value))
        db.rollback()
    assert messages == [
        "Le code d'activation est incorrect. Il vous reste 2 essai(s).",
        "Le code d'activation est incorrect. Il vous reste 1 essai(s).",
    ]
    with pytest.raises(e.ActivationCodeVoidError) as void:
        redeem(db, registration, wrong)
    assert "bureau d'enregistrement local" in error_text("fr", void.value)
    db.rollback()
    with pytest.raises(e.ActivationCodeVoidError):
        redeem(db, registration, registration.activation_code)


def test_a_malformed_activation_code_does_not_spend_an_attempt(db: Session) -> None:
    registration = register(db)
    for typed in ("ABCDE", "00000 00000 00000 00000", "OOOOO IIIII 11111 22222"):
        with pytest.raises(e.ActivationCodeFormatError):
            redeem(db, registration, typed)
    assert redeem(db, registration, registration.activation_code)


def test_the_activation_code_expires_after_seven_days(db: Session) -> None:
    registration = register(db)
    with pytest.raises(e.ActivationCodeExpiredError) as expired:
        redeem(db, registration, registration.activation_code, days=7)
    assert "7 jours" in error_text("fr", expired.value)
    assert redeem(db, registration, registration.activation_code, days=6, hours=23)


def test_an_unknown_activation_link_is_refused(db: Session) -> None:
    register(db)
    with pytest.raises(e.ActivationLinkError):
        paper_token.redeem_activation_code(
            db, reference="forged", code="22222 22222 22222 22222", now=NOW
        )


def test_a_new_activation_code_from_the_office_voids_the_old_one(db: Session) -> None:
    first = register(db)
    second = paper_token.issue_activation_code(
        db,
        officer_id=OFFICER,
        officer_level=LevelOfAssurance.HIGH,
        bis_number=first.person.bis_number,
        link=LINK,
        now=NOW,
    )
    db.commit()
    with pytest.raises(e.ActivationCodeVoidError):
        redeem(db, first, first.activation_code)
    assert redeem(db, second, second.activation_code) == first.person.bis_number
    assert len(outbox(db)) == 2


def token_holder(db: Session) -> tuple[str, list[tuple[int, str]]]:
    bis = register(db).person.bis_number
    codes = paper_token.create_token_card(
        db, national_number=bis, now=NOW, random=sequence(*range(100000, 100024))
    )
    db.commit()
    return bis, codes


def test_a_card_has_24_numbered_codes_shown_once_and_stored_hashed(db: Session) -> None:
    bis, codes = token_holder(db)
    assert [n for n, _ in codes] == list(range(1, 25))
    assert codes[0] == (1, "100000")
    stored = db.exec(select(PaperTokenCode)).all()
    assert len(stored) == 24
    assert all(code not in row.code_hash for row, (_, code) in zip(stored, codes, strict=True))
    key = find_key(db, national_number=bis, kind="paper_token")
    assert key is not None
    assert key.status == KeyStatus.ACTIVE
    assert key.destination == "anna.kowalska@example.pl"
    assert paper_token.codes_left(db, national_number=bis) == 24


def test_the_card_is_mailed_to_the_registered_address(db: Session) -> None:
    bis, codes = token_holder(db)
    address = paper_token.send_token_card(db, national_number=bis, codes=codes, now=NOW)
    db.commit()
    assert address == "anna.kowalska@example.pl"
    mail = outbox(db)[-1]
    assert mail.subject == "Votre token Mon Espace"
    assert "n°  7 : 100006" in mail.text_body
    assert mail.html_body is not None
    assert "100023" in mail.html_body


def test_a_new_card_voids_the_old_one(db: Session, start_attempt: StartAttempt) -> None:
    bis, old = token_holder(db)
    paper_token.create_token_card(
        db, national_number=bis, now=NOW, count=5, random=sequence(*range(200000, 200005))
    )
    db.commit()
    cards = db.exec(select(PaperTokenCard)).all()
    assert [card.voided_at is None for card in cards] == [False, True]
    attempt = start_attempt("paper_token", national_number=bis)
    number = paper_token.pick_code_number(
        db, attempt_id=attempt, national_number=bis, now=NOW, random=sequence(0)
    )
    assert number == 1
    with pytest.raises(e.WrongTokenCodeError):
        paper_token.verify_token_code(
            db, attempt_id=attempt, national_number=bis, code=old[0][1], now=NOW
        )
    db.rollback()
    paper_token.verify_token_code(
        db, attempt_id=attempt, national_number=bis, code="200000", now=NOW
    )


def test_login_asks_one_number_and_keeps_it_across_attempts_until_its_code_is_used(
    db: Session, start_attempt: StartAttempt
) -> None:
    bis, codes = token_holder(db)
    first = start_attempt("paper_token", national_number=bis)
    number = paper_token.pick_code_number(
        db, attempt_id=first, national_number=bis, now=NOW, random=sequence(6)
    )
    db.commit()
    assert number == 7
    assert paper_token.pick_code_number(db, attempt_id=first, national_number=bis, now=NOW) == 7
    second = start_attempt("paper_token", national_number=bis)
    assert paper_token.pick_code_number(db, attempt_id=second, national_number=bis, now=NOW) == 7

    attempt = paper_token.verify_token_code(
        db, attempt_id=second, national_number=bis, code=" 100 006 ", now=NOW
    )
    finish_login(db, attempt_id=attempt.id, key_kind="paper_token", now=NOW)
    db.commit()
    assert paper_token.codes_left(db, national_number=bis) == 23

    third = start_attempt("paper_token", national_number=bis)
    again = paper_token.pick_code_number(
        db, attempt_id=third, national_number=bis, now=NOW, random=sequence(6)
    )
    assert again == 8  # number 7 is spent: the seventh unused number is now 8
    with pytest.raises(e.WrongTokenCodeError) as replayed:
        paper_token.verify_token_code(
            db, attempt_id=third, national_number=bis, code=codes[6][1], now=NOW
        )
    assert "code n° 8" in error_text("fr", replayed.value)


def test_a_wrong_token_code_counts_toward_the_lockout_of_the_key(
    db: Session, start_attempt: StartAttempt
) -> None:
    bis, codes = token_holder(db)
    key = find_key(db, national_number=bis, kind="paper_token")
    assert key is not None
    key.consecutive_failures = MAX_CONSECUTIVE_FAILURES - 2
    db.add(key)
    db.commit()
    attempt = start_attempt("paper_token", national_number=bis)
    paper_token.pick_code_number(
        db, attempt_id=attempt, national_number=bis, now=NOW, random=sequence(0)
    )
    with pytest.raises(e.WrongTokenCodeError):
        paper_token.verify_token_code(
            db, attempt_id=attempt, national_number=bis, code="999999", now=NOW
        )
    db.rollback()
    with pytest.raises(KeyLockedError):
        paper_token.verify_token_code(
            db, attempt_id=attempt, national_number=bis, code="999999", now=NOW
        )
    db.rollback()
    with pytest.raises(KeyLockedError) as still_locked:
        paper_token.verify_token_code(
            db, attempt_id=attempt, national_number=bis, code=codes[0][1], now=NOW
        )
    assert still_locked.value.key_kind == "paper_token"  # its way out is the office
    locked = db.exec(select(DigitalKeyRecord)).one()
    assert locked.status == KeyStatus.LOCKED


def test_a_malformed_token_code_is_refused_without_counting(
    db: Session, start_attempt: StartAttempt
) -> None:
    bis, _ = token_holder(db)
    attempt = start_attempt("paper_token", national_number=bis)
    paper_token.pick_code_number(db, attempt_id=attempt, national_number=bis, now=NOW)
    with pytest.raises(e.TokenCodeFormatError):
        paper_token.verify_token_code(
            db, attempt_id=attempt, national_number=bis, code="12AB", now=NOW
        )
    key = find_key(db, national_number=bis, kind="paper_token")
    assert key is not None
    assert key.consecutive_failures == 0


def test_a_code_cannot_be_checked_before_a_number_was_asked(
    db: Session, start_attempt: StartAttempt
) -> None:
    bis, codes = token_holder(db)
    attempt = start_attempt("paper_token", national_number=bis)
    with pytest.raises(e.NoCodeNumberError):
        paper_token.verify_token_code(
            db, attempt_id=attempt, national_number=bis, code=codes[0][1], now=NOW
        )


def test_an_attempt_of_someone_else_is_refused(db: Session, start_attempt: StartAttempt) -> None:
    bis, _ = token_holder(db)
    attempt = start_attempt("paper_token", national_number=bis)
    with pytest.raises(LoginAttemptExpiredError):
        paper_token.pick_code_number(db, attempt_id=attempt, national_number="85073003328", now=NOW)


def test_a_used_up_card_says_so(db: Session, start_attempt: StartAttempt) -> None:
    bis = register(db).person.bis_number
    [(_, code)] = paper_token.create_token_card(
        db, national_number=bis, now=NOW, count=1, random=sequence(555555)
    )
    db.commit()
    attempt = start_attempt("paper_token", national_number=bis)
    assert paper_token.pick_code_number(db, attempt_id=attempt, national_number=bis, now=NOW) == 1
    paper_token.verify_token_code(db, attempt_id=attempt, national_number=bis, code=code, now=NOW)
    db.commit()
    later = start_attempt("paper_token", national_number=bis)
    with pytest.raises(e.TokenExhaustedError) as exhausted:
        paper_token.pick_code_number(db, attempt_id=later, national_number=bis, now=NOW)
    assert "nouveau token" in error_text("fr", exhausted.value)


def test_a_registered_person_has_an_identity_for_the_login(db: Session) -> None:
    person: RegisteredPerson = register(db).person
    identity = paper_token.registered_identity(db, person.bis_number)
    assert identity is not None
    assert (identity.surname, identity.first_names, identity.birth_date) == (
        "Kowalska",
        "Anna Maria",
        BIRTH,
    )
    assert paper_token.registered_identity(db, "85073003328") is None
