"""The portal's itsme client against the itsme simulator over real HTTP: the whole code flow,
and each answer it must not believe (a reused code, a wrong PKCE verifier, another login's
state or code, an answer of another issuer, a provider whose keys changed or that lies about
its issuer)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from identity import itsme
from identity.sessions import LoginIdentity
from simulators.itsme import ItsmeSimulator, ProviderKey
from tests.integration.itsme_steps import (
    answer_on_phone,
    approved_answer,
    open_authorization,
    query_of,
    registered,
    relying_party,
)

pytestmark = pytest.mark.integration

NAIMA = "+32471000001"
NAIMA_IDENTITY = LoginIdentity(
    national_number="86031414204",
    surname="Mremi",
    first_names="Naïma Samira",
    birth_date=datetime(1986, 3, 14).date(),
)


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC).replace(microsecond=0)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def client_key() -> itsme.ClientKey:
    return itsme.ClientKey.generate()


@pytest.fixture
def provider(clock: Clock, client_key: itsme.ClientKey) -> Iterator[ItsmeSimulator]:
    simulator = ItsmeSimulator(port=0, clock=clock, clients=[registered(client_key)])
    simulator.start()
    yield simulator
    simulator.stop()


@pytest.fixture
def rp(provider: ItsmeSimulator, client_key: itsme.ClientKey) -> itsme.ItsmeRelyingParty:
    return relying_party(provider, client_key)


def test_an_approved_login_gives_the_person_of_the_signed_id_token(
    provider: ItsmeSimulator, rp: itsme.ItsmeRelyingParty, clock: Clock
) -> None:
    answer, pending = approved_answer(provider, rp, NAIMA, clock.now)
    found = rp.finish(pending, answer, now=clock.now)
    assert found.identity == NAIMA_IDENTITY
    assert len(found.subject) == 36


def test_an_answer_is_good_once(
    provider: ItsmeSimulator, rp: itsme.ItsmeRelyingParty, clock: Clock
) -> None:
    answer, pending = approved_answer(provider, rp, NAIMA, clock.now)
    rp.finish(pending, answer, now=clock.now)
    with pytest.raises(itsme.ItsmeInvalidTokenError, match="already used"):
        rp.finish(pending, answer, now=clock.now)


def test_a_wrong_pkce_verifier_gets_no_token(
    provider: ItsmeSimulator, rp: itsme.ItsmeRelyingParty, clock: Clock
) -> None:
    answer, pending = approved_answer(provider, rp, NAIMA, clock.now)
    other_verifier = dataclasses.replace(pending, code_verifier="x" * 86)
    with pytest.raises(itsme.ItsmeInvalidTokenError, match="code_verifier"):
        rp.finish(other_verifier, answer, now=clock.now)


def test_a_code_from_another_login_is_refused_even_with_this_logins_state(
    provider: ItsmeSimulator, rp: itsme.ItsmeRelyingParty, clock: Clock
) -> None:
    """Code injection: an attacker's code (his own login) slipped into the victim's return with
    the victim's state. The victim's PKCE verifier does not match the attacker's challenge."""
    attackers, _ = approved_answer(provider, rp, NAIMA, clock.now)
    _, victims_pending = rp.begin(phone=None, language="fr", now=clock.now)
    injected = {**attackers, "state": victims_pending.state}
    with pytest.raises(itsme.ItsmeInvalidTokenError):
        rp.finish(victims_pending, injected, now=clock.now)


def test_the_return_of_another_login_is_refused(
    provider: ItsmeSimulator, rp: itsme.ItsmeRelyingParty, clock: Clock
) -> None:
    """Login CSRF: a return link made in someone else's browser carries their state."""
    answer, _ = approved_answer(provider, rp, NAIMA, clock.now)
    _, mine = rp.begin(phone=None, language="fr", now=clock.now)
    with pytest.raises(itsme.ItsmeStateMismatchError):
        rp.finish(mine, answer, now=clock.now)


def test_a_code_too_old_is_refused(
    provider: ItsmeSimulator, rp: itsme.ItsmeRelyingParty, clock: Clock
) -> None:
    answer, pending = approved_answer(provider, rp, NAIMA, clock.now)
    clock.now += timedelta(minutes=4)  # codes live 3 minutes
    with pytest.raises(itsme.ItsmeInvalidTokenError, match="expired"):
        rp.finish(pending, answer, now=clock.now)


def test_an_answer_naming_another_issuer_is_refused(
    provider: ItsmeSimulator, rp: itsme.ItsmeRelyingParty, clock: Clock
) -> None:
    answer, pending = approved_answer(provider, rp, NAIMA, clock.now)
    with pytest.raises(itsme.ItsmeInvalidTokenError, match="issuer"):
        rp.finish(pending, {**answer, "iss": "https://idp.attacker.example"}, now=clock.now)


@pytest.mark.parametrize(
    ("answer_on_the_page", "error"),
    [("refuse", itsme.ItsmeRefusedError), ("cancel", itsme.ItsmeCancelledError)],
)
def test_a_refusal_or_a_cancel_is_said_as_such(
    provider: ItsmeSimulator,
    rp: itsme.ItsmeRelyingParty,
    clock: Clock,
    answer_on_the_page: str,
    error: type[Exception],
) -> None:
    url, pending = rp.begin(phone=NAIMA, language="fr", now=clock.now)
    visit = open_authorization(provider, url)
    visit.send(NAIMA)
    if answer_on_the_page == "refuse":
        answer_on_phone(provider, NAIMA, approve=False)
        answer = visit.back_to_portal()
    else:
        answer = query_of(visit.cancel().headers["Location"])
    with pytest.raises(error):
        rp.finish(pending, answer, now=clock.now)


def test_an_unanswered_request_is_an_expiry(
    provider: ItsmeSimulator, rp: itsme.ItsmeRelyingParty, clock: Clock
) -> None:
    url, pending = rp.begin(phone="+32479999999", language="fr", now=clock.now)
    visit = open_authorization(provider, url)
    visit.send("+32479999999")  # nobody's phone: the request can only expire
    clock.now += timedelta(seconds=121)
    with pytest.raises(itsme.ItsmeExpiredError):
        rp.finish(pending, visit.back_to_portal(), now=clock.now)


def test_a_new_provider_key_is_fetched_once_its_tokens_name_it(
    provider: ItsmeSimulator, rp: itsme.ItsmeRelyingParty, clock: Clock
) -> None:
    first, pending = approved_answer(provider, rp, NAIMA, clock.now)
    rp.finish(pending, first, now=clock.now)
    provider.provider.key = ProviderKey.generate()  # the provider rotates its key
    clock.now += timedelta(minutes=1)  # the portal fetches keys again at most every 30 s
    second, pending = approved_answer(provider, rp, NAIMA, clock.now)
    assert rp.finish(pending, second, now=clock.now).identity == NAIMA_IDENTITY


def test_a_provider_claiming_another_issuer_is_not_used(
    provider: ItsmeSimulator, client_key: itsme.ClientKey, clock: Clock
) -> None:
    provider.provider.issuer = "https://idp.prd.itsme.services/v2"
    with pytest.raises(itsme.ItsmeUnavailableError, match="issuer"):
        relying_party(provider, client_key).begin(phone=NAIMA, language="fr", now=clock.now)


def test_a_client_key_itsme_does_not_know_gets_no_token(
    provider: ItsmeSimulator, clock: Clock
) -> None:
    impostor = relying_party(provider, itsme.ClientKey.generate())
    answer, pending = approved_answer(provider, impostor, NAIMA, clock.now)
    with pytest.raises(itsme.ItsmeUnavailableError, match="401"):
        impostor.finish(pending, answer, now=clock.now)
