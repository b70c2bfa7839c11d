"""The origin the browser claims must be the portal's configured origin, exactly."""

from __future__ import annotations

import hmac

from identity.eid.auth.errors import WrongOriginError


def check_origin(*, claimed: str, expected: str) -> None:
    # Exact comparison: no normalising of case, ports or trailing slashes, which is where
    # look-alike origins slip through. The configured origin is already normalised.
    # "surrogatepass": a lone surrogate in a claim is one more difference, not an exception.
    if not hmac.compare_digest(
        claimed.encode("utf-8", "surrogatepass"), expected.encode("utf-8", "surrogatepass")
    ):
        raise WrongOriginError(f"token origin {claimed!r} is not the configured {expected!r}")
