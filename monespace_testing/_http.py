"""JSON over HTTP with the standard library: the simulators' test APIs are small and local."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any


class ServiceUnavailableError(RuntimeError):
    """Nothing answers at a simulator's address: the demo is not running, or another URL is
    needed (the message names the option)."""


class ServiceError(RuntimeError):
    """A simulator answered with an error status; ``status`` and ``body`` say which."""

    def __init__(self, message: str, *, status: int, body: Any) -> None:
        super().__init__(message)
        self.status = status
        self.body = body


class JsonService:
    """One simulator's base URL, and what to tell the tester when it does not answer."""

    def __init__(self, url: str, *, name: str, option: str, timeout: float = 10.0) -> None:
        self.url = url.rstrip("/")
        self.name = name
        self.option = option
        self.timeout = timeout

    def request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        data: bytes | None = None,
        content_type: str | None = None,
    ) -> Any:
        """The decoded JSON answer (None for an empty one); ServiceError for 4xx/5xx."""
        headers = {"Accept": "application/json"}
        if json_body is not None:
            data = json.dumps(json_body).encode()
            content_type = "application/json"
        if content_type:
            headers["Content-Type"] = content_type
        request = urllib.request.Request(  # noqa: S310 - the simulators' own http URLs
            self.url + path, data=data, method=method, headers=headers
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                raw = response.read()
        except urllib.error.HTTPError as error:
            body = _decoded(error.read())
            raise ServiceError(
                f"{self.name} answered {error.code} to {method} {path}: {body}",
                status=error.code,
                body=body,
            ) from None
        except (urllib.error.URLError, OSError) as error:
            raise ServiceUnavailableError(
                f"no {self.name} answers at {self.url} ({error}): start `make demo` in the Mon "
                f"Espace project, give its address with {self.option}, or run with "
                "--monespace-stack=private"
            ) from None
        return _decoded(raw)

    def get(self, path: str) -> Any:
        return self.request("GET", path)

    def post(self, path: str, json_body: Any = None) -> Any:
        return self.request("POST", path, json_body=json_body if json_body is not None else {})

    def delete(self, path: str) -> Any:
        return self.request("DELETE", path)


def _decoded(raw: bytes) -> Any:
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return raw.decode(errors="replace")
