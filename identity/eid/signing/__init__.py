"""Signing with the eID card's non-repudiation key (no Reflex here, no PDF either).

    with open_signing_session(reader, reader_name=..., pin=..., expected_national_number=...,
                              trust_anchors=..., revocation_checker=..., now=now) as session:
        session.certificate            # the checked signature certificate (file 5039)
        session.sign_digest(digest)    # VERIFY, then the card signs; the value CMS carries

The certificate is checked before any PIN try is spent: the card belongs to the person
(``NotYourCardError``), dates, key usage nonRepudiation (``SigningCertificatePurposeError``),
chain to the trust anchors and revocation, with the checks of ``identity.eid.auth``.
"""
