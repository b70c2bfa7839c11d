"""The administration's back office, simulated: an agent's pages on loopback that handle the
dossiers submitted in Mon Espace through the portal's API (HTTP and the Bearer token only).

Pages: ``GET /`` the cases to handle; ``GET /dossier?reference=…`` opens one; ``GET
/dossiers/<reference>`` the case; ``POST …/prendre-en-charge``, ``POST …/complement`` (form:
``message``), ``POST …/cloture`` (multipart: ``decision``, ``document_source`` = ``generate`` or
``upload``, ``document``); ``GET …/pieces/<id>`` and ``GET …/accuse`` hand the portal's files
over. ``GET /api/status`` says which portal it calls.
"""

from __future__ import annotations

from collections.abc import Callable
from email.parser import BytesParser
from email.policy import HTTP
from http import HTTPStatus
from urllib.parse import parse_qs, quote, unquote

from simulators.back_office.decision_document import DecisionFacts, decision_file_name, decision_pdf
from simulators.back_office.pages import (
    DONE,
    case_page,
    case_path,
    cases_page,
    problem_page,
)
from simulators.back_office.portal_api import (
    Download,
    PortalApiError,
    PortalBackOffice,
    PortalUnreachableError,
)
from simulators.loopback_web import (
    BodyTooLargeError,
    Clock,
    LoopbackService,
    SimulatorHandler,
    query_param,
    utc_now,
)

DEFAULT_PORT = 8032
# A decision PDF of the portal's largest size, with the form around it.
MAX_FORM = 11 * 1024 * 1024
_ACTIONS = ("prendre-en-charge", "complement", "cloture")


def form_fields(content_type: str, body: bytes) -> dict[str, tuple[str | None, bytes]]:
    """A multipart/form-data body: field name → (file name or None, bytes)."""
    head = f"Content-Type: {content_type}\r\n\r\n".encode("latin-1", "replace")
    message = BytesParser(policy=HTTP).parsebytes(head + body)
    fields: dict[str, tuple[str | None, bytes]] = {}
    if not message.is_multipart():
        return fields
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if isinstance(name, str):
            payload = part.get_payload(decode=True)
            fields[name] = (part.get_filename(), payload if isinstance(payload, bytes) else b"")
    return fields


def _text(fields: dict[str, tuple[str | None, bytes]], name: str) -> str:
    return fields.get(name, (None, b""))[1].decode("utf-8", "replace")


def make_handler(portal: PortalBackOffice, clock: Clock) -> type[SimulatorHandler]:
    class BackOfficeHandler(SimulatorHandler):
        server_version = "MonEspaceBackOffice/1"

        def on_get(self) -> None:
            path = self.url_path
            parts = [unquote(p) for p in path.strip("/").split("/")]
            if path == "/":
                self._cases()
            elif path == "/api/status":
                self.send_json(HTTPStatus.OK, {"portal_url": portal.portal_url})
            elif path == "/dossier":
                reference = (query_param(self.url_query, "reference") or "").strip().upper()
                self.redirect(case_path(reference) if reference else "/")
            elif len(parts) == 2 and parts[0] == "dossiers":
                notice = DONE.get(query_param(self.url_query, "fait") or "", "")
                self._case(parts[1], notice=notice)
            elif len(parts) == 3 and parts[0] == "dossiers" and parts[2] == "accuse":
                self._hand_over(lambda: portal.receipt(parts[1]), parts[1])
            elif len(parts) == 4 and parts[0] == "dossiers" and parts[2] == "pieces":
                if parts[3].isdigit():
                    self._hand_over(lambda: portal.attachment(parts[1], int(parts[3])), parts[1])
                else:
                    self.not_found()
            else:
                self.not_found()

        def on_post(self) -> None:
            parts = [unquote(p) for p in self.url_path.strip("/").split("/")]
            if len(parts) != 3 or parts[0] != "dossiers" or parts[2] not in _ACTIONS:
                self.not_found()
                return
            reference, action = parts[1], parts[2]
            try:
                body = self.read_body(MAX_FORM)
            except BodyTooLargeError:
                self._case(reference, error="Le fichier est trop volumineux (10 Mo au plus).")
                return
            typed: dict[str, str] = {}
            try:
                if action == "prendre-en-charge":
                    portal.take(reference)
                    done = "pris"
                elif action == "complement":
                    form = parse_qs(body.decode("utf-8", "replace"))
                    typed["message"] = (form.get("message") or [""])[0]
                    portal.request_complement(reference, typed["message"])
                    done = "complement"
                else:
                    self._close(reference, body, typed)
                    done = "cloture"
            except PortalApiError as error:
                self._case(reference, error=error.message, typed=typed, status=error.status)
                return
            except PortalUnreachableError:
                self._unreachable()
                return
            self.redirect(f"{case_path(reference)}?fait={done}")

        def _close(self, reference: str, body: bytes, typed: dict[str, str]) -> None:
            fields = form_fields(self.headers.get("Content-Type", ""), body)
            typed["decision"] = _text(fields, "decision")
            typed["document_source"] = _text(fields, "document_source") or "generate"
            file_name, document = fields.get("document", (None, b""))
            if typed["document_source"] == "generate":
                # No decision, no document: the portal then says what is missing.
                file_name, document = None, b""
                if typed["decision"].strip():
                    file_name, document = self._generated(reference, typed["decision"])
            portal.close(
                reference,
                decision=typed["decision"],
                document_name=file_name or "decision.pdf",
                document=document,
            )

        def _generated(self, reference: str, decision: str) -> tuple[str, bytes]:
            case = portal.case(reference)
            facts = DecisionFacts(
                reference=case["reference"],
                title=case["title"],
                applicant=(case["company"] or {}).get("name") or case["holder"]["name"],
                decision=decision.strip(),
                decided_at=clock(),
            )
            return decision_file_name(case["reference"]), decision_pdf(facts)

        def _cases(self) -> None:
            try:
                self.send_page(HTTPStatus.OK, cases_page(portal.cases()))
            except PortalApiError as error:
                self.send_page(HTTPStatus.BAD_GATEWAY, cases_page([], error=error.message))
            except PortalUnreachableError:
                self._unreachable()

        def _case(
            self,
            reference: str,
            *,
            notice: str = "",
            error: str = "",
            typed: dict[str, str] | None = None,
            status: int = HTTPStatus.OK,
        ) -> None:
            try:
                case = portal.case(reference)
            except PortalApiError as refusal:
                self.send_page(
                    HTTPStatus(refusal.status if refusal.status in (401, 404) else 502),
                    problem_page(f"Dossier {reference}", refusal.message),
                )
                return
            except PortalUnreachableError:
                self._unreachable()
                return
            page = case_page(case, notice=notice, error=error, typed=typed)
            self.send_page(HTTPStatus(status), page)

        def _hand_over(self, fetch: Callable[[], Download], reference: str) -> None:
            try:
                found = fetch()
            except PortalApiError as refusal:
                self.send_page(
                    HTTPStatus.NOT_FOUND if refusal.status == 404 else HTTPStatus.BAD_GATEWAY,
                    problem_page(f"Dossier {reference}", refusal.message),
                )
                return
            except PortalUnreachableError:
                self._unreachable()
                return
            self.send_body(
                HTTPStatus.OK,
                found.content,
                found.content_type,
                {"Content-Disposition": found.disposition, "X-Content-Type-Options": "nosniff"},
            )

        def _unreachable(self) -> None:
            message = (
                f"Le portail Mon Espace ne répond pas à {portal.portal_url}. "
                "Vérifiez qu'il est démarré, puis rechargez la page."
            )
            self.send_page(HTTPStatus.BAD_GATEWAY, problem_page("Portail injoignable", message))

    return BackOfficeHandler


class BackOfficeSimulator(LoopbackService):
    """The back office on ``http://host:port``, handling the dossiers of ``portal_url``."""

    def __init__(
        self,
        portal_url: str,
        token: str,
        host: str = "127.0.0.1",
        port: int = DEFAULT_PORT,
        *,
        clock: Clock = utc_now,
    ) -> None:
        self.portal = PortalBackOffice(portal_url, token)
        super().__init__(make_handler(self.portal, clock), host=host, port=port)

    def case_url(self, reference: str) -> str:
        return f"{self.url}/dossiers/{quote(reference, safe='')}"
