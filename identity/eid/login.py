"""eID login for a reader attached to the backend machine (kiosk, training laptop, test rig).

Two steps, as the person sees them:
1. ``begin``: a fresh server challenge, and the card's authentication certificate to confirm.
2. ``complete``: the card is read again (files checked against the National Register's
   signature), the PIN verified, the challenge signed; the server then validates the token
   exactly as it would one coming from a reader on the citizen's own computer.

No card handle is kept between the steps: if the card was swapped in between, the certificate
no longer matches the confirmed one and the login stops.

The reader is on the server, so anyone who can open the portal could drive it: a login holds the
reader for the browser that started it (``reader_lease``), each step must come from that browser
(its pre-login cookie's binding, on the lease and on the challenge), and what the person confirms
before the PIN names no one (issuer, validity, fingerprint, and a subject without the holder's
attributes): the holder's name is read only once the PIN has proved the card is theirs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from identity.assurance import LevelOfAssurance
from identity.browser_binding import require_binding
from identity.eid.auth import (
    AuthenticatedCertificate,
    AuthenticationToken,
    ChallengeStore,
    RevocationChecker,
    TrustAnchors,
    algorithm_for_key,
    digest_to_sign,
    issue_challenge,
    validate_token,
)
from identity.eid.auth.challenge import require_usable
from identity.eid.auth.errors import EidAuthenticationError
from identity.eid.card_reading import CardReading
from identity.eid.certificate_properties import CertificateProperties, properties_before_pin
from identity.eid.errors import CardRemovedError, EidError, NoCardError, WrongPinError
from identity.eid.interface import EidCard, EidReader
from identity.eid.key import EID_KEY
from identity.eid.reader_lease import ANY_READER, ReaderLeases
from identity.eid.rrn_certificate import check_rrn_certificate
from identity.sessions import LoginIdentity

CARD_WAIT_SECONDS = 1.5


class CardChangedError(EidError):
    """The card was changed during identification."""


class IdentityMismatchError(EidAuthenticationError):
    """The card's data do not match its certificate."""


@dataclass(frozen=True, slots=True)
class CertificateToConfirm:
    """What the page shows before the PIN: no name, since whoever stands at a kiosk could read it
    from a card left in the reader."""

    reader: str
    issuer: str  # "Citizen CA"
    valid_from: date
    valid_until: date
    fingerprint: str  # SHA-256 of the DER, hex
    pin_tries_left: int
    # "Cliquez ici pour afficher les propriétés du certificat.": the subject without the holder
    # (None only for a stand-in card of a unit test, which has no certificate to show).
    properties: CertificateProperties | None = None


@dataclass(frozen=True, slots=True)
class EidLoginResult:
    identity: LoginIdentity
    photo_jpeg: bytes
    level: LevelOfAssurance
    certificate: AuthenticatedCertificate


def fingerprint(certificate: x509.Certificate) -> str:
    return hashlib.sha256(certificate.public_bytes(Encoding.DER)).hexdigest()


def _common_name(name: x509.Name) -> str:
    values = name.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    return str(values[0].value) if values else name.rfc4514_string()


class EidLogin:
    def __init__(
        self,
        *,
        reader: EidReader,
        origin: str,
        challenge_store: ChallengeStore,
        reader_leases: ReaderLeases,
        trust_anchors: Callable[[], TrustAnchors],
        revocation_checker: RevocationChecker,
        reader_name: str | None = None,
    ) -> None:
        self._reader = reader
        self._origin = origin
        self._challenges = challenge_store
        self._leases = reader_leases
        self._trust_anchors = trust_anchors
        self._revocation = revocation_checker
        self._reader_name = reader_name
        # The readers this login may use share one lease: the configured one, or all.
        self._lease = reader_name or ANY_READER

    def _card(self, reader_name: str | None) -> EidCard:
        return self._reader.wait_for_card(reader=reader_name, timeout=CARD_WAIT_SECONDS)

    def begin(
        self, *, now: datetime, browser_binding: str | None
    ) -> tuple[str, CertificateToConfirm]:
        """Takes the reader for this browser, issues a challenge bound to it and reads the
        certificate the person is asked to confirm. ``ReaderInUseError`` while another browser's
        login holds the reader, ``CookiesRequiredError`` for a browser without its pre-login
        cookie: in both cases the card is not touched."""
        holder = require_binding(browser_binding)
        self._leases.acquire(self._lease, holder, now=now)
        try:
            card = self._card(self._reader_name)
            try:
                certificate = card.read_certificates().authentication
                tries_left = card.pin_tries_left()
                reader = card.reader_name
            finally:
                card.close()
            challenge = issue_challenge(store=self._challenges, now=now, browser_binding=holder)
        except BaseException:
            self._leases.release(self._lease, holder)  # no login under way: the reader is free
            raise
        return challenge.nonce, CertificateToConfirm(
            reader=reader,
            issuer=_common_name(certificate.issuer),
            valid_from=certificate.not_valid_before_utc.date(),
            valid_until=certificate.not_valid_after_utc.date(),
            fingerprint=fingerprint(certificate),
            pin_tries_left=tries_left,
            properties=properties_before_pin(certificate),
        )

    def cancel(self, *, browser_binding: str | None) -> None:
        """The person gave up: the reader is free again (only the holder's own lease goes)."""
        if browser_binding:
            self._leases.release(self._lease, browser_binding)

    def complete(
        self,
        *,
        nonce: str,
        reader: str,
        confirmed_fingerprint: str,
        pin: str,
        now: datetime,
        browser_binding: str | None,
    ) -> EidLoginResult:
        """The PIN and the signature, for the browser that began the login only: its lease on the
        reader and its challenge are checked before the card is asked for the PIN, so no other
        browser can spend the card's tries. A wrong PIN keeps the lease (the person types it
        again); anything else ends the login and frees the reader."""
        holder = require_binding(browser_binding)
        self._leases.renew(self._lease, holder, now=now)
        try:
            require_usable(self._challenges, nonce, browser_binding=holder, now=now)
            result = self._sign_in(
                nonce=nonce,
                reader=reader,
                confirmed_fingerprint=confirmed_fingerprint,
                pin=pin,
                now=now,
            )
        except WrongPinError:
            raise  # the login goes on: the person types the PIN again
        except BaseException:
            self._leases.release(self._lease, holder)
            raise
        self._leases.release(self._lease, holder)
        return result

    def _sign_in(
        self, *, nonce: str, reader: str, confirmed_fingerprint: str, pin: str, now: datetime
    ) -> EidLoginResult:
        try:
            card = self._card(reader)
        except NoCardError as error:
            # It was there when the certificate was read: for the person, it was pulled out.
            raise CardRemovedError(reader) from error
        try:
            reading = card.read_all()
            authentication = reading.certificates.authentication
            if fingerprint(authentication) != confirmed_fingerprint:
                raise CardChangedError(reader)
            algorithm = algorithm_for_key(authentication.public_key())
            digest = digest_to_sign(origin=self._origin, nonce=nonce, algorithm=algorithm)
            card.verify_pin(pin)
            signature = card.sign(digest, hash_algorithm=algorithm.card_hash_name)
        finally:
            card.close()
        anchors = self._trust_anchors()
        person = validate_token(
            AuthenticationToken(
                certificate=authentication.public_bytes(Encoding.DER),
                signature=signature,
                algorithm=algorithm.value,
                origin=self._origin,
                nonce=nonce,
            ),
            expected_origin=self._origin,
            challenge_store=self._challenges,
            trust_anchors=anchors,
            revocation_checker=self._revocation,
            now=now,
            intermediates=[reading.certificates.citizen_ca],
        )
        _check_identity_binding(reading, person, anchors, now)
        identity = reading.identity
        return EidLoginResult(
            identity=LoginIdentity(
                national_number=identity.national_number,
                surname=identity.surname,
                first_names=identity.given_names,
                birth_date=identity.birth_date,
            ),
            photo_jpeg=reading.photo,
            level=EID_KEY.level,
            certificate=person,
        )


def _check_identity_binding(
    reading: CardReading, person: AuthenticatedCertificate, anchors: TrustAnchors, now: datetime
) -> None:
    """The identity files are only worth their RRN signature, and the RRN certificate only
    worth what the card's other certificates are checked for (dates, purpose, a trusted root:
    ``RrnCertificateError``, the same check as the dossiers' card data); the files must name the
    person the authentication certificate names."""
    check_rrn_certificate(reading.certificates.rrn, anchors, now=now)
    if reading.identity.national_number != person.national_number:
        raise IdentityMismatchError(
            f"identity file {reading.identity.national_number} != certificate "
            f"{person.national_number}"
        )
