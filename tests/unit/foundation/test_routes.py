from foundation import routes


def test_routes_are_unique_and_absolute() -> None:
    assert len(set(routes.ALL_PAGES)) == len(routes.ALL_PAGES)
    assert all(route.startswith("/") for route in routes.ALL_PAGES)


def test_key_login_route_sits_under_the_key_chooser() -> None:
    assert routes.key_login("eid") == "/connexion/eid"
