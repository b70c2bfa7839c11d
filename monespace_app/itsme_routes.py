"""The portal's public keys for itsme (a plain HTTP endpoint, outside Reflex's websocket).

itsme authenticates the portal at its token endpoint by a JWT the portal signs
(``private_key_jwt``), and checks it with the keys published here: the URL given to itsme at
onboarding (``jwks_uri``). Public halves only; anyone may read them.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from foundation import routes
from portal.login.providers import itsme_client_key


async def client_keys(request: Request) -> JSONResponse:
    # Short caching: itsme sees a new key soon after the file is replaced and the portal restarts.
    return JSONResponse(
        itsme_client_key().public_jwks(), headers={"Cache-Control": "public, max-age=300"}
    )


itsme_api = Starlette(routes=[Route(routes.ITSME_CLIENT_JWKS, client_keys, methods=["GET"])])
