"""The eIDAS endpoints (plain HTTP, outside Reflex's websocket): the assertion consumer service,
where the node's answer arrives, and the portal's SAML metadata, which the node reads.

The answer is a cross-site POST: the browser sends none of the portal's SameSite cookies with
it, so nothing here can tell which browser it is. The answer is checked and its outcome kept
under a one-time ticket (``portal.login.eidas_login``); the browser goes on by a 303 to the
return page, a top-level GET on which its cookies are sent again and the binding is checked.
"""

from __future__ import annotations

import asyncio
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from foundation import routes
from foundation.clock import utc_now
from identity.eidas import service_provider_metadata
from portal.login.eidas_login import receive_eidas_answer
from portal.login.providers import eidas_service_provider

NO_STORE = {"Cache-Control": "no-store"}
MAX_FORM_FIELD = 512 * 1024


async def assertion_consumer(request: Request) -> RedirectResponse:
    try:
        form = await request.form(max_files=0, max_fields=4, max_part_size=MAX_FORM_FIELD)
    except Exception:  # a body that is not a form: no answer at all, said on the return page
        form = None
    relay_state = form.get("RelayState") if form is not None else None
    saml_response = form.get("SAMLResponse") if form is not None else None
    ticket = None
    if isinstance(relay_state, str) and isinstance(saml_response, str):
        ticket = await asyncio.to_thread(
            receive_eidas_answer, relay_state, saml_response, now=utc_now()
        )
    location = routes.EIDAS_RETURN + (f"?ticket={quote(ticket, safe='')}" if ticket else "")
    return RedirectResponse(location, status_code=303, headers=NO_STORE)


async def metadata(request: Request) -> Response:
    provider = eidas_service_provider()
    body = service_provider_metadata(
        entity_id=provider.config.sp_entity_id,
        acs_url=provider.config.acs_url,
        keys=provider.config.keys,
        encryption_keys=provider.config.encryption_keys,
    )
    return Response(
        body,
        media_type="application/samlmetadata+xml",
        headers={"Cache-Control": "public, max-age=300"},
    )


eidas_api = Starlette(
    routes=[
        Route(routes.EIDAS_ACS, assertion_consumer, methods=["POST"]),
        Route(routes.EIDAS_METADATA, metadata, methods=["GET"]),
    ]
)
