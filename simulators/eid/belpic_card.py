"""The card OS of the virtual Belgian eID card: the BELPIC applet's commands.

The vpcd link calls ``power_up`` / ``power_down`` / ``reset`` / ``execute`` from its thread; the
control server may block or unblock the PIN from another, hence the lock.
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass

from virtualsmartcard.VirtualSmartcard import SmartcardOS

from simulators.eid.card_keys import (
    BASIC_KEY_REFERENCE,
    NON_REPUDIATION_KEY_REFERENCE,
    BasicKey,
    Signer,
)
from simulators.eid.card_profile import CardProfile
from simulators.eid.command_apdu import CommandApdu, ResponseApdu
from simulators.eid.file_system import DedicatedFile, FileSystem
from simulators.eid.pin import (
    MAX_PUK_TRIES,
    PIN_BLOCK_LENGTH,
    CardholderPin,
    UnblockingKey,
    decode_pin_block,
)
from simulators.eid.status_words import (
    CardStatusError,
    StatusWord,
    bytes_available,
    wrong_le,
)

log = logging.getLogger(__name__)

ISO_CLA = 0x00
PROPRIETARY_CLA = 0x80
BELPIC_PIN_REFERENCE = 0x01
LIFE_CYCLE_ISSUED = 0x0F
CARD_DATA_LENGTH = 0x1C
CARD_DATA_WITH_PIN_TRIES_LENGTH = 0x1F
CHALLENGE_TAG = 0x94  # INTERNAL AUTHENTICATE's data: 94 || length || challenge

Handler = Callable[[CommandApdu], ResponseApdu]


@dataclass
class CardContent:
    """What is written in the card at personalisation; the PIN counter changes with use."""

    profile: CardProfile
    master_file: DedicatedFile
    pin: CardholderPin
    signers: dict[int, Signer]  # key reference → private key
    chip_number: bytes  # 16 bytes, also the serial number of GET CARD DATA
    label: str = ""
    puk: UnblockingKey | None = None  # applet 1.7: RESET RETRY COUNTER takes it
    basic_key: BasicKey | None = None  # applet 1.8: INTERNAL AUTHENTICATE uses it


@dataclass
class SecurityEnvironment:
    algorithm_reference: int
    key_reference: int


class BelpicCard(SmartcardOS):  # type: ignore[misc] # virtualsmartcard is untyped
    """The BELPIC applet as a virtualsmartcard card OS (getATR, powerUp, powerDown, reset,
    execute), so that any vpcd link, ours or the library's, can drive it."""

    def __init__(self, content: CardContent) -> None:
        self.content = content
        self.lock = threading.RLock()
        self.file_system = FileSystem(content.master_file)
        self._pin_verified = False
        # VERIFY right before (MSE SET may sit between) a non-repudiation signature.
        self._pin_fresh = False
        self._pin_fresh_for_next = False
        self._security_environment: SecurityEnvironment | None = None
        self._pending_response = b""
        self._handlers: dict[int, tuple[int, Handler]] = {
            0xA4: (ISO_CLA, self._select),
            0xB0: (ISO_CLA, self._read_binary),
            0x20: (ISO_CLA, self._verify),
            0x24: (ISO_CLA, self._change_reference_data),
            0x2C: (ISO_CLA, self._reset_retry_counter),
            0x88: (ISO_CLA, self._internal_authenticate),
            0x22: (ISO_CLA, self._manage_security_environment),
            0x2A: (ISO_CLA, self._perform_security_operation),
            0xC0: (ISO_CLA, self._get_response),
            0x84: (ISO_CLA, self._get_challenge),
            0xE4: (PROPRIETARY_CLA, self._get_card_data),
            0xE6: (PROPRIETARY_CLA, self._log_off),
        }

    @property
    def atr(self) -> bytes:
        return self.content.profile.atr

    # -- virtualsmartcard's SmartcardOS interface ----------------------------------------

    def getATR(self) -> bytes:  # noqa: N802 - the library's name
        return self.atr

    def powerUp(self) -> None:  # noqa: N802
        self.power_up()

    def powerDown(self) -> None:  # noqa: N802
        self.power_down()

    # -- power ---------------------------------------------------------------------------

    def power_up(self) -> None:
        with self.lock:
            self._reset_session()

    def power_down(self) -> None:
        with self.lock:
            self._reset_session()

    def reset(self) -> None:
        with self.lock:
            self._reset_session()

    def _reset_session(self) -> None:
        self.file_system.reset()
        self._pin_verified = False
        self._pin_fresh = self._pin_fresh_for_next = False
        self._security_environment = None
        self._pending_response = b""

    # -- commands ------------------------------------------------------------------------

    def execute(self, raw: bytes) -> bytes:
        """Answers any byte string with data and a status word; never raises."""
        with self.lock:
            self._pin_fresh, self._pin_fresh_for_next = self._pin_fresh_for_next, False
            try:
                command = CommandApdu.parse(raw)
                response = self._dispatch(command)
            except CardStatusError as error:
                response = ResponseApdu(status_word=error.status_word)
            except Exception:  # a bug in the card must not take the reader down with it
                log.exception("card OS failure on %s", raw.hex())
                response = ResponseApdu(status_word=StatusWord.NO_PRECISE_DIAGNOSIS)
            return response.to_bytes()

    def _dispatch(self, command: CommandApdu) -> ResponseApdu:
        entry = self._handlers.get(command.ins)
        if entry is None:
            raise CardStatusError(StatusWord.INS_NOT_SUPPORTED)
        cla, handler = entry
        if command.cla != cla:
            raise CardStatusError(StatusWord.CLA_NOT_SUPPORTED)
        if command.ins != 0xC0:
            self._pending_response = b""
        if command.ins == 0x22:
            self._pin_fresh_for_next = self._pin_fresh
        return handler(command)

    def _select(self, command: CommandApdu) -> ResponseApdu:
        if command.p2 not in (0x00, 0x0C):
            raise CardStatusError(StatusWord.INCORRECT_P1_P2)
        if not command.data:
            raise CardStatusError(StatusWord.WRONG_LENGTH)
        if command.p1 in (0x00, 0x02):
            if len(command.data) != 2:
                raise CardStatusError(StatusWord.WRONG_LENGTH)
            self.file_system.select_file_id(int.from_bytes(command.data, "big"))
        elif command.p1 == 0x08:
            self.file_system.select_path(command.data)
        elif command.p1 == 0x04:
            self.file_system.select_name(command.data)
        else:
            raise CardStatusError(StatusWord.INCORRECT_P1_P2)
        return ResponseApdu()

    def _read_binary(self, command: CommandApdu) -> ResponseApdu:
        if command.data:
            raise CardStatusError(StatusWord.WRONG_LENGTH)
        if command.p1 & 0x80:  # short EF identifiers: not offered by the applet
            raise CardStatusError(StatusWord.INCORRECT_P1_P2)
        offset = (command.p1 << 8) | command.p2
        return ResponseApdu(self.file_system.read_binary(offset, command.le or 256))

    def _verify(self, command: CommandApdu) -> ResponseApdu:
        if command.p1 != 0x00:
            raise CardStatusError(StatusWord.INCORRECT_P1_P2)
        if command.p2 != BELPIC_PIN_REFERENCE:
            raise CardStatusError(StatusWord.REFERENCED_DATA_NOT_FOUND)
        pin = self.content.pin
        if not command.data:  # status query: spends no try
            return ResponseApdu(status_word=pin.status())
        candidate = decode_pin_block(command.data)
        self._pin_verified = False
        pin.verify(candidate)
        self._pin_verified = True
        self._pin_fresh_for_next = True
        return ResponseApdu()

    def _pin_reference(self, command: CommandApdu, *, p1: tuple[int, ...] = (0x00,)) -> None:
        if command.p1 not in p1:
            raise CardStatusError(StatusWord.INCORRECT_P1_P2)
        if command.p2 != BELPIC_PIN_REFERENCE:
            raise CardStatusError(StatusWord.REFERENCED_DATA_NOT_FOUND)

    def _change_reference_data(self, command: CommandApdu) -> ResponseApdu:
        """``00 24 00 01 10`` + old PIN block + new PIN block: a wrong old PIN spends a try."""
        self._pin_reference(command)
        if len(command.data) != 2 * PIN_BLOCK_LENGTH:
            raise CardStatusError(StatusWord.WRONG_LENGTH)
        old = decode_pin_block(command.data[:PIN_BLOCK_LENGTH])
        new = decode_pin_block(command.data[PIN_BLOCK_LENGTH:])
        self._pin_verified = False
        self.content.pin.change(old, new)
        self._pin_verified = True  # the manual: the access right is granted, as by VERIFY
        return ResponseApdu()

    def _reset_retry_counter(self, command: CommandApdu) -> ResponseApdu:
        """Applet 1.7 (ISO 7816-4): P1 00 = PUK block + new PIN block, P1 01 = PUK block only
        (the PIN stays). Applet 1.8 answers it only after the municipality's EXTERNAL
        AUTHENTICATE with its administration role, which no citizen's reader has: 6982."""
        self._pin_reference(command, p1=(0x00, 0x01))
        puk = self.content.puk
        if puk is None:
            raise CardStatusError(StatusWord.SECURITY_STATUS_NOT_SATISFIED)
        with_new_pin = command.p1 == 0x00
        expected = (2 if with_new_pin else 1) * PIN_BLOCK_LENGTH
        if len(command.data) != expected:
            raise CardStatusError(StatusWord.WRONG_LENGTH)
        candidate = decode_pin_block(command.data[:PIN_BLOCK_LENGTH])
        new_pin = decode_pin_block(command.data[PIN_BLOCK_LENGTH:]) if with_new_pin else None
        self._pin_verified = False
        puk.reset_retry_counter(self.content.pin, candidate, new_pin)
        return ResponseApdu()

    def _internal_authenticate(self, command: CommandApdu) -> ResponseApdu:
        """``00 88 02 81 32 94 30`` + 48-byte challenge: the basic key's raw r‖s (applet 1.8).
        No PIN; the current security environment is cleared."""
        basic_key = self.content.basic_key
        if basic_key is None:
            raise CardStatusError(StatusWord.INS_NOT_SUPPORTED)
        if command.p2 != BASIC_KEY_REFERENCE:
            raise CardStatusError(StatusWord.REFERENCED_DATA_NOT_FOUND)
        challenge = _challenge(command.data)
        signature = basic_key.authenticate(command.p1, challenge)
        self._security_environment = None
        return self._limited_to_le(signature, command.le)

    def _manage_security_environment(self, command: CommandApdu) -> ResponseApdu:
        if (command.p1, command.p2) != (0x41, 0xB6):
            raise CardStatusError(StatusWord.INCORRECT_P1_P2)
        data = command.data
        if len(data) != 5 or data[0] != 0x04 or data[1] != 0x80 or data[3] != 0x84:
            raise CardStatusError(StatusWord.WRONG_DATA)
        algorithm, key = data[2], data[4]
        if algorithm not in self.content.profile.algorithm_references:
            raise CardStatusError(StatusWord.WRONG_DATA)
        if key not in self.content.signers:
            raise CardStatusError(StatusWord.REFERENCED_DATA_NOT_FOUND)
        self._security_environment = SecurityEnvironment(algorithm, key)
        return ResponseApdu()

    def _perform_security_operation(self, command: CommandApdu) -> ResponseApdu:
        if (command.p1, command.p2) != (0x9E, 0x9A):
            raise CardStatusError(StatusWord.INCORRECT_P1_P2)
        environment = self._security_environment
        if environment is None:
            raise CardStatusError(StatusWord.CONDITIONS_OF_USE_NOT_SATISFIED)
        if not command.data:
            raise CardStatusError(StatusWord.WRONG_LENGTH)
        if not self._pin_verified:
            raise CardStatusError(StatusWord.SECURITY_STATUS_NOT_SATISFIED)
        # The non-repudiation key wants the PIN typed for this very signature.
        if environment.key_reference == NON_REPUDIATION_KEY_REFERENCE and not self._pin_fresh:
            raise CardStatusError(StatusWord.SECURITY_STATUS_NOT_SATISFIED)
        signer = self.content.signers[environment.key_reference]
        signature = signer.sign(environment.algorithm_reference, command.data)
        if self.content.profile.answers_with_get_response:
            self._pending_response = signature
            return ResponseApdu(status_word=bytes_available(len(signature)))
        return self._limited_to_le(signature, command.le)

    def _get_response(self, command: CommandApdu) -> ResponseApdu:
        if (command.p1, command.p2) != (0x00, 0x00):
            raise CardStatusError(StatusWord.INCORRECT_P1_P2)
        pending = self._pending_response
        if not pending:
            raise CardStatusError(StatusWord.CONDITIONS_OF_USE_NOT_SATISFIED)
        wanted = command.le or 256
        if wanted > len(pending):
            raise CardStatusError(wrong_le(len(pending)))
        self._pending_response = pending[wanted:]
        if self._pending_response:
            return ResponseApdu(pending[:wanted], bytes_available(len(self._pending_response)))
        return ResponseApdu(pending[:wanted])

    def _get_challenge(self, command: CommandApdu) -> ResponseApdu:
        if (command.p1, command.p2) != (0x00, 0x00) or command.data:
            raise CardStatusError(StatusWord.INCORRECT_P1_P2)
        return ResponseApdu(secrets.token_bytes(command.le or 256))

    def _get_card_data(self, command: CommandApdu) -> ResponseApdu:
        profile = self.content.profile
        if command.p1 != 0x00 or command.data:
            raise CardStatusError(StatusWord.INCORRECT_P1_P2)
        if command.p2 == 0x01 and profile.card_data_with_pin_tries:
            data = self._card_data() + bytes([self.content.pin.tries_left, 0x00, 0x00])
        elif command.p2 == 0x00:
            data = self._card_data()
        else:
            raise CardStatusError(StatusWord.INCORRECT_P1_P2)
        if command.le is not None and command.le != len(data):
            raise CardStatusError(wrong_le(len(data)))
        return ResponseApdu(data)

    def _card_data(self) -> bytes:
        profile = self.content.profile
        data = bytearray(CARD_DATA_LENGTH)
        data[0:16] = self.content.chip_number[:16].ljust(16, b"\x00")
        data[16:21] = bytes([0x53, 0x4C, 0x49, 0x4E, 0x01])  # component, OS, softmask codes
        data[21] = profile.applet_version
        data[22:24] = b"\x00\x01"  # global OS version
        data[24] = 0x01  # applet interface version
        data[25] = 0x01  # PKCS#1 support
        data[26] = 0x01  # key exchange version
        data[27] = LIFE_CYCLE_ISSUED
        return bytes(data)

    def _log_off(self, command: CommandApdu) -> ResponseApdu:
        if (command.p1, command.p2) != (0x00, 0x00) or command.data:
            raise CardStatusError(StatusWord.INCORRECT_P1_P2)
        self._pin_verified = False
        self._security_environment = None
        return ResponseApdu()

    def _limited_to_le(self, data: bytes, le: int | None) -> ResponseApdu:
        if le is not None and le < len(data) and le != 256:
            raise CardStatusError(wrong_le(len(data)))
        return ResponseApdu(data)

    # -- tester controls -----------------------------------------------------------------

    def block_pin(self) -> None:
        with self.lock:
            self.content.pin.block()

    def unblock_pin(self) -> None:
        """The tester's reset, standing for the municipality: PIN and PUK tries full again."""
        with self.lock:
            self.content.pin.unblock()
            if self.content.puk is not None:
                self.content.puk.tries_left = MAX_PUK_TRIES


def _challenge(data: bytes) -> bytes:
    """The value of the ``94`` TLV, its length in ASN.1 form (one byte, or ``81`` + one byte)."""
    if len(data) < 2 or data[0] != CHALLENGE_TAG:
        raise CardStatusError(StatusWord.WRONG_DATA)
    length, start = data[1], 2
    if length == 0x81 and len(data) >= 3:
        length, start = data[2], 3
    elif length >= 0x80:
        raise CardStatusError(StatusWord.WRONG_DATA)
    if len(data) != start + length:
        raise CardStatusError(StatusWord.WRONG_DATA)
    return data[start:]
