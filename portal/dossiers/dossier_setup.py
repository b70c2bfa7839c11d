"""Wires the dossiers' card work with the portal's settings: the reader, the trust anchors, the
OCSP responder and the company register, as the eID login uses them."""

from __future__ import annotations

from datetime import datetime

from foundation.settings import get_settings
from identity.eid.auth import OcspRevocationChecker, load_trust_anchors
from identity.eid.pcsc_reader import PcscEidReader
from portal.companies.register_setup import company_register
from portal.dossiers.card_and_register import CardAndRegister
from portal.dossiers.receipt import ReceiptContent
from portal.dossiers.signature import SignedReceipt, sign_dossier_receipt
from portal.dossiers.submission import ReceiptSigner


def authentic_sources() -> CardAndRegister:
    settings = get_settings()
    return CardAndRegister(
        reader=PcscEidReader(),
        reader_name=settings.eid_reader or None,
        trust_anchors=lambda: load_trust_anchors(settings.trust_anchors_dir),
        register=company_register(),
    )


def card_signer(pin: str, *, now: datetime) -> ReceiptSigner:
    """Signs with the card in the reader, the PIN typed for this very signature."""
    settings = get_settings()

    def sign(content: ReceiptContent, national_number: str) -> SignedReceipt:
        return sign_dossier_receipt(
            content,
            reader=PcscEidReader(),
            reader_name=settings.eid_reader or None,
            pin=pin,
            expected_national_number=national_number,
            trust_anchors=load_trust_anchors(settings.trust_anchors_dir),
            revocation_checker=OcspRevocationChecker(responder_url=settings.ocsp_url or None),
            now=now,
        )

    return sign
