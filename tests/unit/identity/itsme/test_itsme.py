"""itsme: the request to the phone, polling until approved, refused or expired."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest

from foundation.i18n.error_messages import error_text
from identity import itsme
from identity.assurance import LevelOfAssurance
from identity.registry import KeyGroup, default_registry
from identity.sessions import LoginIdentity
from identity.sms_code import InvalidMobileNumberError
from tests.unit.identity.code_people import NOW

NAIMA = LoginIdentity("85073003328", "Mremi", "Naïma", date(1985, 7, 30))


@dataclass
class ScriptedProvider:
    """An ItsmeClient whose phone answers with the given statuses, one per poll."""

    statuses: list[itsme.ItsmeStatus] = field(default_factory=list)
    known: set[str] = field(default_factory=lambda: {"+32470123456"})
    asked: list[str] = field(default_factory=list)
    polls: int = 0

    def create_request(self, phone: str) -> itsme.CreatedRequest:
        self.asked.append(phone)
        if phone not in self.known:
            raise itsme.ItsmeUnknownNumberError(phone)
        return itsme.CreatedRequest("req-1", 120)

    def request_state(self, request_id: str) -> itsme.RequestState:
        assert request_id == "req-1"
        status = self.statuses[min(self.polls, len(self.statuses) - 1)]
        self.polls += 1
        identity = NAIMA if status is itsme.ItsmeStatus.APPROVED else None
        return itsme.RequestState(status, identity)


def test_itsme_is_a_high_key_beside_the_eid() -> None:
    descriptor = default_registry().get("itsme").descriptor
    assert descriptor.group is KeyGroup.EID
    assert descriptor.level is LevelOfAssurance.HIGH
    assert descriptor.order == 1


def test_start_sends_the_number_in_international_form_and_notes_the_deadline() -> None:
    provider = ScriptedProvider()
    request = itsme.start(provider, "0470 12 34 56", now=NOW)
    assert provider.asked == ["+32470123456"]
    assert request == itsme.ItsmeRequest("req-1", "+32470123456", NOW + timedelta(seconds=120))


def test_a_number_that_is_no_belgian_mobile_is_refused_before_asking_itsme() -> None:
    provider = ScriptedProvider()
    with pytest.raises(InvalidMobileNumberError):
        itsme.start(provider, "02 123 45 67", now=NOW)
    assert provider.asked == []


def test_a_number_without_itsme_says_so() -> None:
    with pytest.raises(itsme.ItsmeUnknownNumberError) as unknown:
        itsme.start(ScriptedProvider(), "+32 499 99 99 99", now=NOW)
    assert "n'est lié à aucun compte itsme" in error_text("fr", unknown.value)


def test_polling_says_pending_with_seconds_left_then_gives_the_identity() -> None:
    provider = ScriptedProvider([itsme.ItsmeStatus.PENDING, itsme.ItsmeStatus.APPROVED])
    request = itsme.start(provider, "+32470123456", now=NOW)
    assert itsme.poll(provider, request, now=NOW + timedelta(seconds=30.5)) == itsme.ItsmePending(
        90
    )
    assert itsme.poll(provider, request, now=NOW + timedelta(seconds=40)) == itsme.ItsmeApproved(
        NAIMA
    )


def test_a_refusal_on_the_phone_is_an_error_with_its_message() -> None:
    provider = ScriptedProvider([itsme.ItsmeStatus.REFUSED])
    request = itsme.start(provider, "+32470123456", now=NOW)
    with pytest.raises(itsme.ItsmeRefusedError) as refused:
        itsme.poll(provider, request, now=NOW)
    assert "refusée" in error_text("fr", refused.value)


def test_a_request_expired_at_the_provider_or_by_our_clock_is_an_expiry() -> None:
    provider = ScriptedProvider([itsme.ItsmeStatus.EXPIRED])
    request = itsme.start(provider, "+32470123456", now=NOW)
    with pytest.raises(itsme.ItsmeExpiredError):
        itsme.poll(provider, request, now=NOW)
    still_pending = ScriptedProvider([itsme.ItsmeStatus.PENDING])
    request = itsme.start(still_pending, "+32470123456", now=NOW)
    with pytest.raises(itsme.ItsmeExpiredError) as expired:
        itsme.poll(still_pending, request, now=NOW + timedelta(seconds=120))
    assert "pas été confirmée à temps" in error_text("fr", expired.value)


class FakeTime:
    def __init__(self) -> None:
        self.now = 1000.0
        self.naps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.naps.append(seconds)
        self.now += seconds


def test_waiting_polls_until_the_phone_approves() -> None:
    provider = ScriptedProvider([itsme.ItsmeStatus.PENDING] * 3 + [itsme.ItsmeStatus.APPROVED])
    time = FakeTime()
    identity = itsme.wait_for_decision(
        provider, "req-1", timeout=60, clock=time.clock, sleep=time.sleep, interval=2
    )
    assert identity == NAIMA
    assert time.naps == [2, 2, 2]


def test_waiting_gives_up_at_the_timeout_without_oversleeping() -> None:
    provider = ScriptedProvider([itsme.ItsmeStatus.PENDING])
    time = FakeTime()
    with pytest.raises(itsme.ItsmeExpiredError):
        itsme.wait_for_decision(
            provider, "req-1", timeout=5, clock=time.clock, sleep=time.sleep, interval=2
        )
    assert time.naps == [2, 2, 1]
    assert time.now == 1005.0


def test_waiting_stops_at_a_refusal() -> None:
    provider = ScriptedProvider([itsme.ItsmeStatus.PENDING, itsme.ItsmeStatus.REFUSED])
    time = FakeTime()
    with pytest.raises(itsme.ItsmeRefusedError):
        itsme.wait_for_decision(provider, "req-1", timeout=60, clock=time.clock, sleep=time.sleep)
    assert provider.polls == 2


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("85073003328", True),
        ("85073003329", False),
        ("0307310007", False),
        ("03073100084", True),
        ("03073100055", True),
    ],
)
def test_national_numbers_from_the_provider_are_checked(number: str, valid: bool) -> None:
    assert itsme.valid_national_number(number) is valid
