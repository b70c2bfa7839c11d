"""JSON over HTTP(S) with the provider: a GET for its documents, a form POST to its token
endpoint. Any failure to reach it or to read its answer is ``ItsmeUnavailableError``."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlencode, urlsplit

from authlib.common.security import is_secure_transport

from identity.itsme.errors import ItsmeUnavailableError

MAX_ANSWER = 1024 * 1024  # a discovery document, a JWKS or a token answer is far smaller


def check_url(url: str) -> str:
    """``url`` if it is https, or http on this machine's loopback (the demo's simulator); what
    itsme answers elsewhere over plain http could be read or changed on the way."""
    if not is_secure_transport(url) or not urlsplit(url).netloc:
        raise ItsmeUnavailableError(f"itsme must be reached over https: {url!r}")
    return url


def get_json(url: str, *, timeout: float) -> tuple[int, Any]:
    request = urllib.request.Request(  # noqa: S310 - scheme checked
        check_url(url), headers={"Accept": "application/json"}
    )
    return _exchange(request, timeout)


def post_form(url: str, form: dict[str, str], *, timeout: float) -> tuple[int, Any]:
    request = urllib.request.Request(  # noqa: S310 - scheme checked
        check_url(url),
        data=urlencode(form).encode("ascii"),
        method="POST",
        headers={
            "Accept": "application/json",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    return _exchange(request, timeout)


def _exchange(request: urllib.request.Request, timeout: float) -> tuple[int, Any]:
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310
            status, raw = int(answer.status), answer.read(MAX_ANSWER + 1)
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read(MAX_ANSWER + 1)
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise ItsmeUnavailableError(f"itsme unreachable at {request.full_url}: {error}") from None
    if len(raw) > MAX_ANSWER:
        raise ItsmeUnavailableError(f"itsme's answer at {request.full_url} is too large")
    try:
        return status, json.loads(raw) if raw else {}
    except ValueError:
        if status >= 400:
            return status, {}
        raise ItsmeUnavailableError(f"itsme answered no JSON at {request.full_url}") from None
