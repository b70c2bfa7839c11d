"""A session with a Belgian eID card over PC/SC (pyscard): files, PIN, signatures.

The reader that finds the card is ``identity.eid.pcsc_reader``."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from datetime import date

from cryptography import x509

from identity.eid import apdu
from identity.eid.apdu import KeyReference, StatusWord
from identity.eid.card_authentication import (
    CHALLENGE_LENGTH,
    basic_public_key,
    verify_card_answer,
)
from identity.eid.card_reading import CardReading, EidCertificates, SignatureScheme, SigningKey
from identity.eid.certificate_der import parse_certificate
from identity.eid.errors import (
    CardDataError,
    CardExpiredError,
    CardNotGenuineError,
    CardRemovedError,
    InvalidPinFormatError,
    NoCardError,
    NoReaderError,
    NotBelgianEidError,
    PinBlockedError,
    PinUnblockAtMunicipalityError,
    PukBlockedError,
    StatusWordError,
    WrongPinError,
    WrongPukError,
)
from identity.eid.file_signature import (
    check_identity_matches_certificate,
    verify_identity_files,
    verify_photo,
)
from identity.eid.identity_file import Address, Identity, parse_address, parse_identity
from identity.eid.pcsc_link import PcscConnection, PcscContext

POLL_INTERVAL = 0.05
# READ BINARY's offset has 15 bits (P1's top bit means a short file id): no file is longer. The
# longest on a real card, the photo, is about 4 KB. A card sending more is broken or hostile.
MAX_FILE_LENGTH = 0x8000
# GET RESPONSE rounds for one answer: 256 bytes each, so 64 cover 16 KB (a signature: one).
MAX_RESPONSE_ROUNDS = 64
CARD_DATA_LENGTH = 28
APPLET_VERSION_OFFSET = 21
ECDSA_FROM_APPLET = 0x18

# Paths from the MF, without 3F00.
IDENTITY = bytes.fromhex("DF014031")
IDENTITY_SIGNATURE = bytes.fromhex("DF014032")
ADDRESS = bytes.fromhex("DF014033")
ADDRESS_SIGNATURE = bytes.fromhex("DF014034")
PHOTO = bytes.fromhex("DF014035")
BASIC_KEY = bytes.fromhex("DF014040")  # applet 1.8: the card's basic public key
AUTHENTICATION_CERTIFICATE = bytes.fromhex("DF005038")
SIGNATURE_CERTIFICATE = bytes.fromhex("DF005039")
CA_CERTIFICATE = bytes.fromhex("DF00503A")
ROOT_CERTIFICATE = bytes.fromhex("DF00503B")
RRN_CERTIFICATE = bytes.fromhex("DF00503C")

_DIGEST_SIZES = {
    "sha1": 20,
    "sha224": 28,
    "sha256": 32,
    "sha384": 48,
    "sha512": 64,
    "sha3-256": 32,
    "sha3-384": 48,
    "sha3-512": 64,
}
# MSE SET algorithm references. Applet 1.8: ECDSA with the hash named, or 40 for any digest.
_ECDSA_ALGORITHMS = {
    "sha256": 0x01,
    "sha384": 0x02,
    "sha512": 0x04,
    "sha3-256": 0x08,
    "sha3-384": 0x10,
    "sha3-512": 0x20,
}
_ECDSA_ANY_DIGEST = 0x40
# Applet 1.7: PKCS#1 v1.5 over a DigestInfo we build (01), or RSASSA-PSS by hash (10, 20).
_RSA_PKCS1_WITH_DIGEST_INFO = 0x01
_RSA_PSS = {"sha1": 0x10, "sha256": 0x20}
_DIGEST_INFO_PREFIX = {
    "sha1": bytes.fromhex("3021300906052b0e03021a05000414"),
    "sha256": bytes.fromhex("3031300d060960864801650304020105000420"),
    "sha384": bytes.fromhex("3041300d060960864801650304020205000430"),
    "sha512": bytes.fromhex("3051300d060960864801650304020305000440"),
}
_KEY_REFERENCES = {
    SigningKey.AUTHENTICATION: KeyReference.AUTHENTICATION,
    SigningKey.NON_REPUDIATION: KeyReference.NON_REPUDIATION,
}


class PcscEidCard:
    """A session with the card in one reader. After a removal, ``reconnect`` opens a new one."""

    def __init__(
        self, context: PcscContext, connection: PcscConnection, *, today: Callable[[], date]
    ) -> None:
        self._context = context
        self._connection: PcscConnection | None = connection
        self._today = today
        self.reader_name = connection.reader
        self.applet_version = self._identify()

    # -- session -------------------------------------------------------------------------

    def _identify(self) -> int:
        data, status = self._transmit(apdu.get_card_data())
        if status != StatusWord.OK:
            # Another application may be selected: select the BELPIC applet and ask again.
            _, selected = self._transmit(apdu.select_aid(apdu.BELPIC_AID))
            if selected != StatusWord.OK:
                raise NotBelgianEidError(f"BELPIC applet absent ({selected:04X})")
            data, status = self._transmit(apdu.get_card_data())
        if status != StatusWord.OK or len(data) != CARD_DATA_LENGTH:
            raise NotBelgianEidError(f"GET CARD DATA answered {status:04X}")
        return data[APPLET_VERSION_OFFSET]

    def reconnect(self, timeout: float) -> None:
        """Drops the old handle (broken after a removal) and connects to the card again.

        pcscd notices a removal at its next poll (0.4 s): until then a connection may open on
        a card that is gone, so a failed first command also means "try again".
        """
        self.close()
        deadline = time.monotonic() + timeout
        while True:
            # A fresh context too: the old one dies with pcscd when it restarts.
            try:
                self._context = PcscContext()
                self._connection = self._context.connect(self.reader_name)
                self.applet_version = self._identify()
                return
            except (NoCardError, NoReaderError, CardRemovedError):
                self.close()  # the new context too (releasing twice is harmless)
                if time.monotonic() >= deadline:
                    raise
                time.sleep(POLL_INTERVAL)

    def close(self) -> None:
        """Ends the session: the card handle and the PC/SC context it came with.

        The context goes too: pcscd serves at most 200 contexts per daemon and answers the next
        one "Access denied", so a portal that kept them would stop reading cards.
        """
        if self._connection is not None:
            self._connection.disconnect()
            self._connection = None
        self._context.release()

    def __enter__(self) -> PcscEidCard:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- APDU exchange -------------------------------------------------------------------

    def _transmit(self, command: bytes) -> tuple[bytes, int]:
        """Sends a command, following 61xx (GET RESPONSE) and 6Cxx (send again with Le=xx)."""
        if self._connection is None:
            raise CardRemovedError("no open connection to the card")
        data, status = self._connection.transmit(command)
        if status >> 8 == 0x6C and len(command) >= 5:
            data, status = self._connection.transmit(command[:-1] + bytes([status & 0xFF]))
        collected = data
        rounds = 0
        while status >> 8 == 0x61:
            rounds += 1
            if rounds > MAX_RESPONSE_ROUNDS:  # a card that never ends its answer
                raise CardDataError(f"more than {MAX_RESPONSE_ROUNDS} GET RESPONSE rounds")
            data, status = self._connection.transmit(apdu.get_response(status & 0xFF))
            if status >> 8 == 0x6C:
                data, status = self._connection.transmit(apdu.get_response(status & 0xFF))
            collected += data
        return collected, status

    def _expect_ok(self, name: str, command: bytes) -> bytes:
        data, status = self._transmit(command)
        if status != StatusWord.OK:
            raise StatusWordError(name, status)
        return data

    def read_file(self, path: bytes) -> bytes:
        """SELECT by path, then READ BINARY in 252-byte chunks until the end of the file."""
        self._expect_ok(f"SELECT {path.hex()}", apdu.select_path(path))
        content = bytearray()
        while True:
            data, status = self._transmit(apdu.read_binary(len(content), apdu.READ_CHUNK))
            if status == StatusWord.WRONG_PARAMETERS_OFFSET:
                break
            if status != StatusWord.OK:
                raise StatusWordError(f"READ BINARY {path.hex()}", status)
            content += data
            if len(data) < apdu.READ_CHUNK:
                break
            if len(content) >= MAX_FILE_LENGTH:  # the next offset would not fit READ BINARY
                raise CardDataError(f"file {path.hex()} longer than {MAX_FILE_LENGTH} bytes")
        return bytes(content)

    # -- reading -------------------------------------------------------------------------

    def read_identity(self) -> Identity:
        return parse_identity(self.read_file(IDENTITY))

    def read_address(self) -> Address:
        return parse_address(self.read_file(ADDRESS))

    def read_photo(self) -> bytes:
        return self.read_file(PHOTO)

    def _certificate(self, path: bytes) -> x509.Certificate:
        try:
            return parse_certificate(self.read_file(path))
        except ValueError as error:
            raise CardDataError(f"unreadable certificate {path.hex()}") from error

    def read_certificates(self) -> EidCertificates:
        return EidCertificates(
            authentication=self._certificate(AUTHENTICATION_CERTIFICATE),
            signature=self._certificate(SIGNATURE_CERTIFICATE),
            citizen_ca=self._certificate(CA_CERTIFICATE),
            root=self._certificate(ROOT_CERTIFICATE),
            rrn=self._certificate(RRN_CERTIFICATE),
        )

    def read_all(self) -> CardReading:
        identity_raw = self.read_file(IDENTITY)
        identity_signature = self.read_file(IDENTITY_SIGNATURE)
        address_raw = self.read_file(ADDRESS)
        address_signature = self.read_file(ADDRESS_SIGNATURE)
        photo = self.read_file(PHOTO)
        certificates = self.read_certificates()
        verify_identity_files(
            rrn_certificate=certificates.rrn,
            identity=identity_raw,
            identity_signature=identity_signature,
            address=address_raw,
            address_signature=address_signature,
        )
        identity = parse_identity(identity_raw)
        verify_photo(photo, identity.photo_digest)
        self._check_genuine(identity)
        check_identity_matches_certificate(identity.national_number, certificates.authentication)
        if identity.expired_on(self._today()):
            raise CardExpiredError(f"card valid until {identity.card_valid_until}")
        return CardReading(
            identity=identity,
            address=parse_address(address_raw),
            photo=photo,
            certificates=certificates,
            applet_version=self.applet_version,
        )

    def _check_genuine(self, identity: Identity) -> None:
        """Applet 1.8: file 4040 must be the basic key the signed identity file names, and the
        card must sign a fresh challenge with it (what the official eID viewer checks)."""
        if not identity.basic_key_digest:
            if self.applet_version >= ECDSA_FROM_APPLET:
                raise CardNotGenuineError("applet 1.8 identity file without a basic key hash")
            return
        public_key = basic_public_key(self.read_file(BASIC_KEY), identity.basic_key_digest)
        challenge = secrets.token_bytes(CHALLENGE_LENGTH)
        verify_card_answer(public_key, challenge, self.authenticate_card(challenge))

    def authenticate_card(self, challenge: bytes) -> bytes:
        """INTERNAL AUTHENTICATE: the basic key's raw r‖s over a 48-byte challenge (1.8)."""
        return self._expect_ok("INTERNAL AUTHENTICATE", apdu.internal_authenticate(challenge))

    # -- PIN and signatures --------------------------------------------------------------

    def pin_tries_left(self) -> int:
        _, status = self._transmit(apdu.pin_status())
        if status == StatusWord.AUTHENTICATION_METHOD_BLOCKED:
            return 0
        if status >> 4 == 0x63C:
            return status & 0x0F
        if status == StatusWord.OK:
            return 3
        raise StatusWordError("VERIFY (status)", status)

    def verify_pin(self, pin: str) -> None:
        _, status = self._transmit(apdu.verify_pin(pin))
        _check_pin_answer("VERIFY", status)

    def change_pin(self, old: str, new: str) -> None:
        """CHANGE REFERENCE DATA: a wrong old PIN spends a try, as VERIFY does."""
        _, status = self._transmit(apdu.change_pin(old, new))
        if status == StatusWord.WRONG_DATA:
            raise InvalidPinFormatError("the card refused the new PIN's format")
        _check_pin_answer("CHANGE REFERENCE DATA", status)

    def unblock_pin(self, puk: str, new_pin: str | None = None) -> None:
        """RESET RETRY COUNTER with the PUK of the PIN letter (applet 1.7 cards); with
        ``new_pin`` the PIN changes too. Applet 1.8 cards leave it to the municipality."""
        _, status = self._transmit(apdu.reset_retry_counter(puk, new_pin))
        if status == StatusWord.OK:
            return
        if status == StatusWord.SECURITY_STATUS_NOT_SATISFIED:
            raise PinUnblockAtMunicipalityError(f"RESET RETRY COUNTER answered {status:04X}")
        if status == StatusWord.AUTHENTICATION_METHOD_BLOCKED:
            raise PukBlockedError()
        if status >> 4 == 0x63C:
            raise WrongPukError(status & 0x0F)
        if status == StatusWord.WRONG_DATA:
            raise InvalidPinFormatError("the card refused the PUK's or the new PIN's format")
        raise StatusWordError("RESET RETRY COUNTER", status)

    def sign(
        self,
        digest: bytes,
        *,
        hash_algorithm: str,
        key: SigningKey = SigningKey.AUTHENTICATION,
        pin: str | None = None,
        scheme: SignatureScheme | None = None,
    ) -> bytes:
        """Has the card sign ``digest``; with ``pin``, VERIFY goes right before (required for
        the non-repudiation key). RSA cards give PKCS#1 v1.5 (or PSS), ECDSA cards raw r‖s."""
        if _DIGEST_SIZES.get(hash_algorithm) != len(digest):
            raise ValueError(
                f"a {hash_algorithm} digest is {_DIGEST_SIZES.get(hash_algorithm)} bytes"
            )
        algorithm, data = self._signature_input(digest, hash_algorithm, scheme)
        self._expect_ok(
            "MSE SET", apdu.manage_security_environment(algorithm, _KEY_REFERENCES[key])
        )
        if pin is not None:
            self.verify_pin(pin)
        signature, status = self._transmit(apdu.perform_signature(data))
        if status == StatusWord.SECURITY_STATUS_NOT_SATISFIED:
            raise StatusWordError("PSO: PIN not verified", status)
        if status != StatusWord.OK:
            raise StatusWordError("PSO COMPUTE DIGITAL SIGNATURE", status)
        return signature

    def _signature_input(
        self, digest: bytes, hash_algorithm: str, scheme: SignatureScheme | None
    ) -> tuple[int, bytes]:
        """The MSE SET algorithm reference and the data PSO takes, for this card's keys."""
        ecdsa_card = self.applet_version >= ECDSA_FROM_APPLET
        if scheme is None:
            scheme = SignatureScheme.ECDSA if ecdsa_card else SignatureScheme.PKCS1_V15
        found: int | None = None
        if ecdsa_card and scheme is SignatureScheme.ECDSA:
            found = _ECDSA_ALGORITHMS.get(hash_algorithm)
        elif ecdsa_card and scheme is SignatureScheme.ECDSA_RAW:
            found = _ECDSA_ANY_DIGEST
        elif not ecdsa_card and scheme is SignatureScheme.PSS:
            found = _RSA_PSS.get(hash_algorithm)
        elif not ecdsa_card and scheme is SignatureScheme.PKCS1_V15:
            prefix = _DIGEST_INFO_PREFIX.get(hash_algorithm)
            if prefix is not None:
                return _RSA_PKCS1_WITH_DIGEST_INFO, prefix + digest
        if found is None:
            raise ValueError(
                f"an applet {self.applet_version:02X} card does not sign {scheme} "
                f"with {hash_algorithm}"
            )
        return found, digest

    def log_off(self) -> None:
        self._expect_ok("LOG OFF", apdu.log_off())


def _check_pin_answer(command: str, status: int) -> None:
    """The card's answer to a PIN presented (VERIFY, CHANGE REFERENCE DATA) as an error."""
    if status == StatusWord.OK:
        return
    if status == StatusWord.AUTHENTICATION_METHOD_BLOCKED:
        raise PinBlockedError()
    if status >> 4 == 0x63C:
        tries_left = status & 0x0F
        if tries_left == 0:
            raise PinBlockedError()
        raise WrongPinError(tries_left)
    raise StatusWordError(command, status)
