"""A dossier's files as downloads: ``/_telechargement/dossier?reference=…&piece=<id>`` (an
attachment, a decision) or ``&document=accuse`` (the signed receipt).

A plain HTTP endpoint, so that the browser saves the file itself. It reads the HttpOnly session
cookie as the pages' state does; every check (the visit, the READ permission of the role matrix
at this moment, the file being this dossier's) is ``portal.dossiers.dossier_downloads``'.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from foundation import routes
from foundation.clock import utc_now
from foundation.i18n.error_messages import error_text
from monespace_app.plain_http import NO_STORE, attachment_disposition, language_of, session_id_of
from portal.dossiers.dossier_downloads import download
from portal.dossiers.errors import (
    AttachmentNotFoundError,
    DossierError,
    DossierNotFoundError,
    DossierSessionEndedError,
)
from portal.visits import NotHereError, NotLoggedInError

# Back through the eID login, then to the dossier's page.
TO_LOGIN = (NotLoggedInError, DossierSessionEndedError)
NOT_FOUND = (DossierNotFoundError, AttachmentNotFoundError)


def download_dossier_file(request: Request) -> Response:
    query = request.query_params
    reference = query.get("reference", "")
    language = language_of(request)
    try:
        found = download(
            session_id_of(request),
            reference,
            piece=query.get("piece"),
            document=query.get("document"),
            now=utc_now(),
        )
    except TO_LOGIN:
        login = routes.login_then(routes.dossier(reference), key="eid")
        return RedirectResponse(login, status_code=303, headers=NO_STORE)
    except NotHereError as refusal:  # an account to create or validate first
        return RedirectResponse(refusal.home, status_code=303, headers=NO_STORE)
    except DossierError as refusal:
        status = 404 if isinstance(refusal, NOT_FOUND) else 403
        return PlainTextResponse(error_text(language, refusal), status, headers=NO_STORE)
    return Response(
        found.content,
        media_type=found.media_type,
        headers={
            "Content-Disposition": attachment_disposition(found.file_name),
            "X-Content-Type-Options": "nosniff",
            **NO_STORE,
        },
    )


download_api = Starlette(
    routes=[Route(routes.DOSSIER_DOWNLOAD, download_dossier_file, methods=["GET"])]
)
