"""Reflex configuration, derived from the portal's own settings."""

import reflex as rx

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
    telemetry_enabled=False,
    show_built_with_reflex=False,
    default_color_mode="light",
    plugins=[],
    disable_plugins=[rx.plugins.SitemapPlugin],
)
