"""No dead link in the key chooser: every key the registry offers has its login page."""

from __future__ import annotations

from foundation import routes
from identity.registry import default_registry
from monespace_app.monespace_app import app


def registered_routes() -> set[str]:
    return {"/" + route.strip("/") for route in app._unevaluated_pages}


def test_every_key_of_the_chooser_has_a_login_page() -> None:
    kinds = [d.kind for _, group in default_registry().grouped() for d in group]
    missing = [kind for kind in kinds if routes.key_login(kind) not in registered_routes()]
    assert missing == []


def test_every_page_route_is_registered_once() -> None:
    assert set(routes.ALL_PAGES) - {routes.HOME} <= registered_routes()
