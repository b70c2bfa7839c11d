"""Wires the eID login of identity/ with the portal's settings and database."""

from __future__ import annotations

from functools import cache

from foundation.db import engine
from foundation.settings import get_settings
from identity.eid.auth import OcspRevocationChecker, SqlChallengeStore, load_trust_anchors
from identity.eid.login import EidLogin
from identity.eid.pcsc_reader import PcscEidReader
from identity.eid.reader_lease import ReaderLeases


@cache
def eid_login() -> EidLogin:
    settings = get_settings()
    return EidLogin(
        reader=PcscEidReader(),
        origin=settings.public_origin,
        challenge_store=SqlChallengeStore(engine()),
        reader_leases=ReaderLeases(engine()),
        # Read at each login, so that a new root dropped in the folder counts at once.
        trust_anchors=lambda: load_trust_anchors(settings.trust_anchors_dir),
        revocation_checker=OcspRevocationChecker(responder_url=settings.ocsp_url or None),
        reader_name=settings.eid_reader or None,
    )
