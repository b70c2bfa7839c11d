"""HOTP and TOTP codes against the RFC test vectors, pyotp and Debian's oathtool."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime, timedelta

import pyotp
import pytest

from identity.totp import hotp, new_secret, secret_bytes, time_step, totp
from tests.unit.identity.key_holder import NOW

RFC_SECRET = b"12345678901234567890"

# RFC 4226 Appendix D: HOTP values for counters 0 to 9.
RFC4226_CODES = [
    "755224",
    "287082",
    "359152",
    "969429",
    "338314",
    "254676",
    "287922",
    "162583",
    "399871",
    "520489",
]

# RFC 6238 Appendix B, SHA-1 rows: Unix time and 8-digit code.
RFC6238_SHA1 = [
    (59, "94287082"),
    (1111111109, "07081804"),
    (1111111111, "14050471"),
    (1234567890, "89005924"),
    (2000000000, "69279037"),
    (20000000000, "65353130"),
]


@pytest.mark.parametrize(("counter", "code"), list(enumerate(RFC4226_CODES)))
def test_hotp_gives_the_rfc4226_appendix_d_values(counter: int, code: str) -> None:
    assert hotp(RFC_SECRET, counter) == code


@pytest.mark.parametrize(("unix_time", "code"), RFC6238_SHA1)
def test_totp_gives_the_rfc6238_appendix_b_sha1_values(unix_time: int, code: str) -> None:
    moment = datetime.fromtimestamp(unix_time, tz=UTC)
    assert totp(RFC_SECRET, moment, digits=8) == code


def test_time_step_is_floor_of_unix_time_over_thirty_seconds() -> None:
    assert time_step(datetime.fromtimestamp(59, tz=UTC)) == 1
    assert time_step(datetime.fromtimestamp(60, tz=UTC)) == 2
    assert time_step(datetime.fromtimestamp(1111111109, tz=UTC)) == 0x23523EC


def test_a_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        time_step(datetime(2026, 1, 1))


def test_a_negative_counter_and_odd_digit_counts_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        hotp(RFC_SECRET, -1)
    with pytest.raises(ValueError, match="6 to 10"):
        hotp(RFC_SECRET, 0, digits=5)


def test_our_codes_agree_with_pyotp_over_a_day_of_steps() -> None:
    secret = new_secret(lambda n: bytes(range(n)))
    reference = pyotp.TOTP(secret)
    for minutes in range(0, 24 * 60, 7):
        moment = NOW + timedelta(minutes=minutes, seconds=minutes % 30)
        assert totp(secret_bytes(secret), moment) == reference.at(moment)


@pytest.mark.skipif(
    shutil.which("oathtool") is None,
    reason="oathtool is not installed (apt-get install oathtool; scripts/bootstrap.sh does it)",
)
@pytest.mark.parametrize("offset_seconds", [0, 29, 30, 3600, 86399])
def test_oathtool_gives_the_code_of_our_totp(offset_seconds: int) -> None:
    secret = new_secret(lambda n: bytes(range(7, 7 + n)))
    moment = NOW + timedelta(seconds=offset_seconds)
    answer = subprocess.run(
        ["oathtool", "--totp", "-b", "--now", moment.strftime("%Y-%m-%d %H:%M:%S UTC"), secret],
        capture_output=True,
        text=True,
        check=True,
    )
    assert answer.stdout.strip() == totp(secret_bytes(secret), moment)
