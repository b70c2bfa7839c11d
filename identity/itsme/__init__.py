"""The itsme key: identification approved on the person's phone through an itsme-like provider."""

from identity.itsme.client import (
    CreatedRequest,
    HttpItsmeClient,
    ItsmeClient,
    ItsmeStatus,
    RequestState,
    valid_national_number,
)
from identity.itsme.errors import (
    ItsmeError,
    ItsmeExpiredError,
    ItsmeRefusedError,
    ItsmeUnavailableError,
    ItsmeUnknownNumberError,
)
from identity.itsme.key import ITSME_KEY, ItsmeKey
from identity.itsme.service import (
    ItsmeApproved,
    ItsmeOutcome,
    ItsmePending,
    ItsmeRequest,
    poll,
    start,
    wait_for_decision,
)

__all__ = [
    "ITSME_KEY",
    "CreatedRequest",
    "HttpItsmeClient",
    "ItsmeApproved",
    "ItsmeClient",
    "ItsmeError",
    "ItsmeExpiredError",
    "ItsmeKey",
    "ItsmeOutcome",
    "ItsmePending",
    "ItsmeRefusedError",
    "ItsmeRequest",
    "ItsmeStatus",
    "ItsmeUnavailableError",
    "ItsmeUnknownNumberError",
    "RequestState",
    "poll",
    "start",
    "valid_national_number",
    "wait_for_decision",
]
