"""itsme requests: pending until the phone answers, expired after 120 s; the personas' claims."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from simulators.itsme.directory import PhoneDirectoryError, load_phones
from simulators.itsme.requests import (
    NotPendingError,
    RequestBook,
    RequestStatus,
    UnknownPhoneError,
    UnknownRequestError,
)

START = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
NAIMA = "+32471000001"


class FakeClock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def book(clock: FakeClock) -> RequestBook:
    return RequestBook(load_phones(), clock=clock)


def test_demo_phones_belong_to_the_personas() -> None:
    phones = load_phones()
    assert {number: phone.persona.slug for number, phone in phones.items()} == {
        "+32470123456": "marouan-el-yakoubi",
        NAIMA: "naima-mremi",
        "+32472000002": "chloe-ducoeur",
    }
    assert phones[NAIMA].claims() == {
        "family_name": "Mremi",
        "given_name": "Naïma Samira",
        "name": "Naïma Samira Mremi",
        "birthdate": "1986-03-14",
        "http://itsme.services/v2/claim/BENationalNumber": "86031414204",
        "phone_number": "+32 471000001",
        "phone_number_verified": True,
    }
    assert phones[NAIMA].label == "Naïma Mremi (+32 471 00 00 01)"


def test_a_phone_file_naming_an_unknown_persona_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "phones.toml"
    path.write_text('[phones]\n"+32479999999" = "nobody"\n', encoding="utf-8")
    with pytest.raises(PhoneDirectoryError, match="nobody"):
        load_phones(path)


def test_a_request_is_pending_until_approved(book: RequestBook) -> None:
    request = book.create(NAIMA, "monespace")
    assert book.get(request.id).status is RequestStatus.PENDING
    assert book.approve(request.id).status is RequestStatus.APPROVED
    assert book.get(request.id).status is RequestStatus.APPROVED
    with pytest.raises(NotPendingError) as again:
        book.refuse(request.id)
    assert again.value.status is RequestStatus.APPROVED


def test_a_request_expires_after_120_seconds(book: RequestBook, clock: FakeClock) -> None:
    request = book.create(NAIMA, "monespace")
    clock.now = START + timedelta(seconds=119)
    assert book.get(request.id).status is RequestStatus.PENDING
    assert book.get(request.id).seconds_left(clock.now) == 1
    clock.now = START + timedelta(seconds=120)
    assert book.get(request.id).status is RequestStatus.EXPIRED
    with pytest.raises(NotPendingError) as late:
        book.approve(request.id)
    assert late.value.status is RequestStatus.EXPIRED


def test_unknown_phones_and_requests(book: RequestBook) -> None:
    with pytest.raises(UnknownPhoneError):
        book.create("+32479999999", "monespace")
    with pytest.raises(UnknownRequestError):
        book.get("no-such-request")


def test_a_phone_sees_its_own_requests_newest_first(book: RequestBook, clock: FakeClock) -> None:
    first = book.create(NAIMA, "monespace")
    clock.now += timedelta(seconds=5)
    second = book.create(NAIMA, "monespace")
    book.create("+32472000002", "monespace")
    assert [r.id for r in book.for_phone(NAIMA)] == [second.id, first.id]


def test_old_requests_are_forgotten(book: RequestBook, clock: FakeClock) -> None:
    old = book.create(NAIMA, "monespace")
    clock.now += timedelta(hours=2)
    book.create(NAIMA, "monespace")
    with pytest.raises(UnknownRequestError):
        book.get(old.id)
