"""pyHanko runs its own event loop: signing and checking a receipt must also work where a loop
already runs in the thread (Playwright's synchronous API in a test, an async caller)."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from identity.eid.auth.revocation import RevocationStatus
from identity.eid.auth.trust_anchors import TrustAnchors
from portal.dossiers.receipt_signature import check_signed_receipt
from portal.dossiers.signature import sign_dossier_receipt
from simulators.personas.loader import persona
from simulators.pki.test_pki import TestPki
from tests.unit.identity.eid.auth.conftest import FixedRevocationChecker
from tests.unit.identity.eid.signing.card_on_a_fake_link import NOW, FakeReader
from tests.unit.portal.dossiers.receipts import receipt_content
from tests.unit.simulators.eid.cards import fresh_card


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> TestPki:
    return TestPki(tmp_path_factory.mktemp("loop") / "pki")


def test_sign_and_check_inside_a_running_loop(pki: TestPki) -> None:
    async def inside() -> bool:
        signed = sign_dossier_receipt(
            receipt_content(signed_at=NOW),
            reader=FakeReader(fresh_card(pki, "naima-mremi")),
            reader_name=None,
            pin="1234",
            expected_national_number=persona("naima-mremi").national_number,
            trust_anchors=TrustAnchors.of([pki.root.certificate]),
            revocation_checker=FixedRevocationChecker(RevocationStatus.GOOD),
            now=NOW,
        )
        check = check_signed_receipt(signed.pdf, trust_roots=[pki.root.certificate], now=NOW)
        return check.intact and check.trusted

    # A thread of its own for the loop: the test runner's thread may hold one already.
    with ThreadPoolExecutor(1) as worker:
        assert worker.submit(asyncio.run, inside()).result()
