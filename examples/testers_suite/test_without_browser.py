"""The simulators read and moved through their own interfaces, without a browser."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from monespace_testing import ServiceError
from monespace_testing.company_register import CompanyRegister
from monespace_testing.demo_clock import DemoClock
from monespace_testing.eid import EidCards

TEST_COMPANY = "0712.345.630"  # « Entreprise de test », Jean-Pierre Dumont its representative


def test_the_register_knows_the_test_company_until_it_fails(
    company_register: CompanyRegister,
) -> None:
    company = company_register.company(TEST_COMPANY)
    assert company["name"] == "Entreprise de test"
    assert [r["surname"] for r in company["representatives"]] == ["Dumont"]
    with company_register.outage(), pytest.raises(ServiceError, match="503"):
        company_register.company(TEST_COMPANY)


def test_a_card_goes_in_and_out_of_a_reader(eid_card: EidCards) -> None:
    card = eid_card("lucien-vandermeulen", reader=3)  # his card is expired
    assert card.reader == 3
    assert card.pin_tries_left == 3
    card.remove()
    assert card.reader is None


def test_the_demo_clock_runs_a_day_ahead_then_comes_back(demo_clock: DemoClock) -> None:
    demo_clock.advance(days=1)
    assert demo_clock.now() - datetime.now(UTC) > timedelta(hours=23)
    demo_clock.reset()
    assert demo_clock.offset == timedelta(0)
