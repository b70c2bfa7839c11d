"""Downloads outside Reflex's websocket: "Exporter les attributions de rôles" (format CSV).

A plain HTTP endpoint, so the browser saves the file itself (``Content-Disposition``) and the lines
stream as they are read. It reads the HttpOnly session cookie as the pages' state does; every
check is the service's, made before the first line.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route

from foundation import routes
from foundation.clock import utc_now
from foundation.i18n.error_messages import error_text
from monespace_app.plain_http import NO_STORE, language_of, session_id_of
from portal.companies.assignment_visits import Export, exported
from portal.companies.company_number import CompanyNumberError
from portal.companies.errors import CompanyError, HighAssuranceRequiredError, SessionEndedError
from portal.companies.export import CONTENT_TYPE
from portal.visits import NotHereError, NotLoggedInError

COMPANY_PARAMETER = "entreprise"
# Back through the eID login, then to the company's overview: no session, or one below the eID.
TO_EID = (NotLoggedInError, HighAssuranceRequiredError, SessionEndedError)


def _streamed(export: Export, stack: ExitStack) -> Iterator[bytes]:
    try:
        for line in export.lines:
            yield line.encode("utf-8")
    finally:
        stack.close()  # the read-only unit of work ends with the last line (or a hang-up)


def export_role_assignments(request: Request) -> Response:
    """The company's assignments as CSV for Excel in Belgium (``?entreprise=<number>``)."""
    number = request.query_params.get(COMPANY_PARAMETER, "")
    language = language_of(request)
    stack = ExitStack()
    try:
        export = stack.enter_context(
            exported(session_id_of(request), number, now=utc_now(), language=language)
        )
    except TO_EID:
        overview = f"{routes.ROLE_ASSIGNMENTS_MANAGEMENT}?{COMPANY_PARAMETER}={quote(number)}"
        login = routes.login_then(overview, key="eid")
        return RedirectResponse(login, status_code=303, headers=NO_STORE)
    except NotHereError as refusal:  # an account to create or validate first
        return RedirectResponse(refusal.home, status_code=303, headers=NO_STORE)
    except (CompanyError, CompanyNumberError) as refusal:  # not a company this person manages
        status = 400 if isinstance(refusal, CompanyNumberError) else 403
        return PlainTextResponse(error_text(language, refusal), status, headers=NO_STORE)
    return StreamingResponse(
        _streamed(export, stack),
        media_type=CONTENT_TYPE,
        headers={
            "Content-Disposition": f'attachment; filename="{export.file_name}"',
            **NO_STORE,
        },
    )


export_api = Starlette(
    routes=[Route(routes.ROLE_ASSIGNMENTS_EXPORT, export_role_assignments, methods=["GET"])]
)
