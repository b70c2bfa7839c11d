"""The portal's API for the administration's back office, JSON over HTTP under
``/_api/back-office/``, each call with ``Authorization: Bearer <back_office_token>``:

- ``GET  dossiers``: the cases to handle (``{"dossiers": [...]}``);
- ``GET  dossiers/{reference}``: one case (values, files, history, possible ``actions``);
- ``GET  dossiers/{reference}/attachments/{id}``: one of its files; ``.../receipt``: the signed PDF;
- ``POST dossiers/{reference}/take``; ``.../complement`` ``{"message": …}``;
  ``.../close``: ``{"decision": …, "document_name": …, "document_base64": …}``, or a multipart
  form with ``decision`` and the file ``document``. Each answers the case as it now is.

Errors are ``{"error": <code>, "message": <French text>}`` with 401 (token), 404, 409 (state),
413 or 422. The token is checked before anything else; each call is one unit of work.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlmodel import Session
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from foundation import routes
from foundation.clock import utc_now
from foundation.db import session_scope
from foundation.i18n.error_messages import error_text
from foundation.settings import get_settings
from monespace_app.plain_http import NO_STORE, attachment_disposition
from portal.dossiers import back_office_view as view
from portal.dossiers.administration import (
    BackOfficeRefusedError,
    ComplementMessageMissingError,
    DecisionMissingError,
    require_back_office,
)
from portal.dossiers.attachments import ANY_DOCUMENT
from portal.dossiers.dossier_downloads import DossierFile, piece_id
from portal.dossiers.errors import AttachmentNotFoundError, AttachmentRefusedError, DossierError
from portal.dossiers.forms.problems import FILE_TOO_LARGE, FieldProblem
from portal.dossiers.forms.uploads import MAX_UPLOAD_BYTES, MAX_UPLOAD_MEGABYTES

LANGUAGE = "fr"
# A decision document of the largest size, in base64, with the decision's words.
MAX_BODY = MAX_UPLOAD_BYTES * 4 // 3 + 256 * 1024
_T = TypeVar("_T")


def _error(error: DossierError, status: int | None = None) -> JSONResponse:
    message = error_text(LANGUAGE, error)
    problem = getattr(error, "problem", None)
    if isinstance(problem, FieldProblem):
        message = f"{message} {problem.message(LANGUAGE)}"
    status = status or view.http_status(error)
    headers = {**NO_STORE, **({"WWW-Authenticate": "Bearer"} if status == 401 else {})}
    return JSONResponse({"error": view.error_code(error), "message": message}, status, headers)


def _refused(request: Request) -> JSONResponse | None:
    """The token's check, before the body is read: None when the back office may go on."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    try:
        require_back_office(
            token.strip() if scheme.lower() == "bearer" else None,
            get_settings().resolved_back_office_token(),
        )
    except BackOfficeRefusedError as error:
        return _error(error)
    return None


def _in_unit_of_work(work: Callable[[Session], _T]) -> _T:
    with session_scope() as db:
        return work(db)


async def _answer(work: Callable[[Session], Any]) -> Response:
    """``work`` in one unit of work (rolled back on a refusal), as JSON or as a file."""
    try:
        found = await run_in_threadpool(_in_unit_of_work, work)
    except DossierError as error:
        return _error(error)
    if isinstance(found, DossierFile):
        return Response(
            found.content,
            media_type=found.media_type,
            headers={"Content-Disposition": attachment_disposition(found.file_name), **NO_STORE},
        )
    return JSONResponse(found, headers=NO_STORE)


def _reference(request: Request) -> str:
    return str(request.path_params["reference"])


async def list_cases(request: Request) -> Response:
    if refused := _refused(request):
        return refused
    return await _answer(lambda db: {"dossiers": view.case_list(db)})


async def show_case(request: Request) -> Response:
    if refused := _refused(request):
        return refused
    reference = _reference(request)
    return await _answer(lambda db: view.case_detail(db, reference))


async def case_attachment(request: Request) -> Response:
    if refused := _refused(request):
        return refused
    reference = _reference(request)
    typed = str(request.path_params["attachment_id"])
    attachment_id = piece_id(typed)
    if attachment_id is None:
        return _error(AttachmentNotFoundError(typed))
    return await _answer(lambda db: view.case_attachment(db, reference, attachment_id))


async def case_receipt(request: Request) -> Response:
    if refused := _refused(request):
        return refused
    reference = _reference(request)
    return await _answer(lambda db: view.case_receipt(db, reference))


async def take_case(request: Request) -> Response:
    if refused := _refused(request):
        return refused
    reference = _reference(request)
    return await _answer(lambda db: view.take(db, reference, now=utc_now()))


def _too_large(request: Request) -> bool:
    try:
        return int(request.headers.get("Content-Length") or 0) > MAX_BODY
    except ValueError:
        return True


async def _json_object(request: Request) -> dict[str, Any] | None:
    if _too_large(request):
        return None
    try:
        payload = await request.json()
    except ValueError:
        return None
    return payload if isinstance(payload, dict) else None


async def ask_complement(request: Request) -> Response:
    if refused := _refused(request):
        return refused
    reference = _reference(request)
    payload = await _json_object(request)
    if payload is None:
        return _error(ComplementMessageMissingError(reference))
    message, origin = payload.get("message"), get_settings().public_origin
    return await _answer(
        lambda db: view.request_complement(
            db, reference, message=message, public_origin=origin, now=utc_now()
        )
    )


async def _decision(request: Request, reference: str) -> tuple[object, object, bytes]:
    """(decision, document's name, document) from a multipart form or from JSON (base64)."""
    if request.headers.get("Content-Type", "").startswith("multipart/form-data"):
        try:
            async with request.form(max_files=1, max_part_size=MAX_BODY) as form:
                upload = form.get("document")
                if not isinstance(upload, UploadFile):
                    raise DecisionMissingError(reference)
                return form.get("decision"), upload.filename, await upload.read()
        except (MultiPartException, HTTPException) as error:
            raise DecisionMissingError(reference) from error
    payload = await _json_object(request)
    if payload is None:
        raise DecisionMissingError(reference)
    document = view.decoded_document(reference, payload.get("document_base64"))
    return payload.get("decision"), payload.get("document_name"), document


async def close_case(request: Request) -> Response:
    if refused := _refused(request):
        return refused
    reference = _reference(request)
    if _too_large(request):
        problem = FieldProblem(FILE_TOO_LARGE, {"max": str(MAX_UPLOAD_MEGABYTES)})
        return _error(AttachmentRefusedError(problem, field=ANY_DOCUMENT.key), 413)
    try:
        decision, name, document = await _decision(request, reference)
    except DossierError as refusal:
        return _error(refusal)
    origin = get_settings().public_origin
    return await _answer(
        lambda db: view.close(
            db,
            reference,
            decision=decision,
            document_name=name,
            document=document,
            public_origin=origin,
            now=utc_now(),
        )
    )


_CASE = f"{routes.BACK_OFFICE_API}/dossiers/{{reference}}"
back_office_api = Starlette(
    routes=[
        Route(f"{routes.BACK_OFFICE_API}/dossiers", list_cases, methods=["GET"]),
        Route(_CASE, show_case, methods=["GET"]),
        Route(f"{_CASE}/attachments/{{attachment_id}}", case_attachment, methods=["GET"]),
        Route(f"{_CASE}/receipt", case_receipt, methods=["GET"]),
        Route(f"{_CASE}/take", take_case, methods=["POST"]),
        Route(f"{_CASE}/complement", ask_complement, methods=["POST"]),
        Route(f"{_CASE}/close", close_case, methods=["POST"]),
    ]
)
