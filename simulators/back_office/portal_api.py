"""The back office's client of the portal's API (``/_api/back-office/`` of Mon Espace), over HTTP
with the Bearer token, as a real administration's system would call it. It knows the portal only
by its URL: no import of the portal's code."""

from __future__ import annotations

import base64
import http.client
import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from foundation.routes import BACK_OFFICE_API

Case = dict[str, Any]


class PortalApiError(Exception):
    """The portal answered with an error: its status, its code and its French message."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message


class PortalUnreachableError(Exception):
    """The portal did not answer (stopped, wrong URL, too slow)."""


@dataclass(frozen=True, slots=True)
class Download:
    content: bytes
    content_type: str
    disposition: str


class PortalBackOffice:
    def __init__(self, portal_url: str, token: str, *, timeout: float = 15.0) -> None:
        if not portal_url.startswith(("http://", "https://")):
            raise ValueError(f"the portal's URL must be http(s): {portal_url!r}")
        self.portal_url = portal_url.rstrip("/")
        self._token = token
        self._timeout = timeout

    def _call(self, method: str, path: str, body: Any = None) -> tuple[bytes, Any]:
        headers = {"Authorization": f"Bearer {self._token}", "Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(  # noqa: S310 - scheme checked in __init__
            f"{self.portal_url}{BACK_OFFICE_API}/{path}", data=data, method=method, headers=headers
        )
        try:
            with urllib.request.urlopen(request, timeout=self._timeout) as answer:  # noqa: S310 - as above
                return answer.read(), answer.headers
        except urllib.error.HTTPError as error:
            raise _api_error(error.code, error.read()) from error
        except (OSError, http.client.HTTPException) as error:  # refused, reset, timed out
            raise PortalUnreachableError(f"{self.portal_url}: {error}") from error

    def _json(self, method: str, path: str, body: Any = None) -> Any:
        content, _headers = self._call(method, path, body)
        try:
            return json.loads(content)
        except ValueError as error:
            raise PortalApiError(502, "invalid_answer", "Réponse illisible du portail.") from error

    def _file(self, path: str) -> Download:
        content, headers = self._call("GET", path)
        return Download(
            content,
            headers.get("Content-Type", "application/octet-stream"),
            headers.get("Content-Disposition", "attachment"),
        )

    def cases(self) -> list[Case]:
        found: list[Case] = self._json("GET", "dossiers")["dossiers"]
        return found

    def case(self, reference: str) -> Case:
        found: Case = self._json("GET", _case(reference))
        return found

    def attachment(self, reference: str, attachment_id: int) -> Download:
        return self._file(f"{_case(reference)}/attachments/{attachment_id}")

    def receipt(self, reference: str) -> Download:
        return self._file(f"{_case(reference)}/receipt")

    def take(self, reference: str) -> Case:
        found: Case = self._json("POST", f"{_case(reference)}/take", {})
        return found

    def request_complement(self, reference: str, message: str) -> Case:
        found: Case = self._json("POST", f"{_case(reference)}/complement", {"message": message})
        return found

    def close(self, reference: str, *, decision: str, document_name: str, document: bytes) -> Case:
        body = {
            "decision": decision,
            "document_name": document_name,
            "document_base64": base64.b64encode(document).decode("ascii"),
        }
        found: Case = self._json("POST", f"{_case(reference)}/close", body)
        return found


def _case(reference: str) -> str:
    return f"dossiers/{quote(reference, safe='')}"


def _api_error(status: int, content: bytes) -> PortalApiError:
    try:
        payload = json.loads(content)
        return PortalApiError(status, str(payload["error"]), str(payload["message"]))
    except (ValueError, KeyError, TypeError):
        return PortalApiError(status, "http_error", f"Le portail a répondu HTTP {status}.")
