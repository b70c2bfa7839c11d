"""Reflex configuration, derived from the portal's own settings."""

import os

import reflex as rx
from reflex_base.constants import StateManagerMode

from foundation.settings import get_settings

settings = get_settings()

config = rx.Config(
    app_name="monespace_app",
    db_url=settings.effective_database_url,
    frontend_port=settings.port,
    backend_port=settings.port,
    api_url=settings.public_origin,
    deploy_url=settings.public_origin,
    # The event websocket (and the API's CORS) only for pages of the portal's own origin: a page
    # elsewhere cannot drive a visitor's session through their browser (#13).
    cors_allowed_origins=[settings.public_origin],
    backend_host="127.0.0.1",
    # The client address the throttles count by: X-Forwarded-For only through trusted proxies.
    trusted_proxy_hops=settings.trusted_proxy_hops,
    # One process (make demo): the tabs' states in its memory, each dropped an hour after its
    # last event, so the idle cost follows the live tabs, not every tab since the start (the disk
    # manager listed and stat-ed every file it ever wrote, 5 per tab, in its purge loop), and no
    # state, with its session cookie header, lands on disk. Several backends: Redis, shared
    # (docs/scaling.md). Set explicitly, Reflex would no longer pick Redis from REFLEX_REDIS_URL.
    state_manager_mode=(
        StateManagerMode.REDIS if os.environ.get("REFLEX_REDIS_URL") else StateManagerMode.MEMORY
    ),
    telemetry_enabled=False,
    show_built_with_reflex=False,
    default_color_mode="light",
    plugins=[],
    disable_plugins=[rx.plugins.SitemapPlugin],
)
