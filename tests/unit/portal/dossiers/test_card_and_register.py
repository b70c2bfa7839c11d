"""The authentic sources a dossier is prefilled from: the card in the reader (files signed by the
National Register, whose certificate must come from a trusted root) and the company register."""

from __future__ import annotations

import pytest

from identity.eid.auth.trust_anchors import TrustAnchors
from identity.eid.errors import FileSignatureError
from identity.eid.signing.errors import NotYourCardError
from portal.companies.register import CompanyRegisterUnavailableError
from portal.dossiers.card_and_register import CardAndRegister
from simulators.personas.loader import persona
from simulators.pki.test_pki import TestPki
from tests.unit.identity.eid.signing.card_on_a_fake_link import FakeReader
from tests.unit.portal.companies.conftest import JEAN_PIERRE, TEST_COMPANY, FakeRegister, company
from tests.unit.simulators.eid.cards import fresh_card


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> TestPki:
    return TestPki(tmp_path_factory.mktemp("sources") / "pki")


def sources(pki: TestPki, slug: str, *, roots: TestPki | None = None) -> CardAndRegister:
    trusted = TrustAnchors.of([(roots or pki).root.certificate])
    register = FakeRegister(
        {TEST_COMPANY: company(TEST_COMPANY, "Entreprise de test", representative=JEAN_PIERRE)}
    )
    return CardAndRegister(
        reader=FakeReader(fresh_card(pki, slug)),
        reader_name=None,
        trust_anchors=lambda: trusted,
        register=register,
    )


def test_identity_and_address_come_from_the_card(pki: TestPki) -> None:
    naima = persona("naima-mremi")
    found = sources(pki, "naima-mremi").person(naima.national_number)
    assert found["eid.national_number"] == naima.national_number
    assert found["eid.surname"] == "Mremi"
    assert found["eid.municipality"] == naima.address.municipality
    assert found["eid.birth_date"] == naima.birth_date.isoformat()


def test_someone_elses_card_gives_nothing(pki: TestPki) -> None:
    with pytest.raises(NotYourCardError):
        sources(pki, "chloe-ducoeur").person(persona("naima-mremi").national_number)


def test_a_card_signed_by_an_untrusted_register_gives_nothing(
    pki: TestPki, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = TestPki(tmp_path_factory.mktemp("elsewhere") / "pki")
    with pytest.raises(FileSignatureError):
        sources(pki, "naima-mremi", roots=elsewhere).person(persona("naima-mremi").national_number)


def test_company_data_come_from_the_register(pki: TestPki) -> None:
    found = sources(pki, "naima-mremi").company(TEST_COMPANY)
    assert found["company.name"] == "Entreprise de test"
    assert found["company.number"] == TEST_COMPANY
    with pytest.raises(CompanyRegisterUnavailableError):
        sources(pki, "naima-mremi").company("0845059050")
