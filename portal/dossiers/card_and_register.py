"""The authentic sources as the portal reads them: the eID card in the reader (its identity and
address files, whose National Register signature ``read_all`` checks) and the company register
over HTTP."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from foundation.clock import utc_now
from identity.eid.auth import TrustAnchors
from identity.eid.interface import EidReader
from identity.eid.rrn_certificate import check_rrn_certificate
from identity.eid.signing.errors import NotYourCardError
from portal.companies.register import CompanyRegister, CompanyRegisterUnavailableError
from portal.dossiers.prefill import company_sources, eid_sources

CARD_WAIT_SECONDS = 1.5


class CardAndRegister:
    def __init__(
        self,
        *,
        reader: EidReader,
        reader_name: str | None,
        trust_anchors: Callable[[], TrustAnchors],
        register: CompanyRegister,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self._reader = reader
        self._reader_name = reader_name
        self._trust_anchors = trust_anchors
        self._register = register
        self._clock = clock  # the RRN certificate must be valid when the card is read

    def person(self, national_number: str) -> Mapping[str, str]:
        card = self._reader.wait_for_card(reader=self._reader_name, timeout=CARD_WAIT_SECONDS)
        try:
            reading = card.read_all()
        finally:
            card.close()
        # The files are only worth the National Register's signature, and its certificate only
        # worth its issuer: a card made at home must not bring its own "authentic" address.
        check_rrn_certificate(reading.certificates.rrn, self._trust_anchors(), now=self._clock())
        if reading.identity.national_number != national_number:
            raise NotYourCardError(reading.identity.national_number)
        return eid_sources(reading.identity, reading.address)

    def company(self, company_number: str) -> Mapping[str, str]:
        found = self._register.find(company_number)
        if found is None:  # registered in the portal, yet gone from the register
            raise CompanyRegisterUnavailableError(f"{company_number} not in the register")
        return company_sources(found)
