"""After a login, the browser goes back to the page that sent it to log in (single sign-on),
unless the person's account needs something first; never to another site."""

from __future__ import annotations

import pytest

from foundation import routes
from portal.login.completion import keeps_return_for_later, return_after_login


def test_an_active_account_goes_back_to_the_page_that_asked() -> None:
    assert return_after_login(routes.MY_SPACES, routes.ROLE_MANAGEMENT) == routes.ROLE_MANAGEMENT
    assert return_after_login(routes.MY_SPACES, None) == routes.MY_SPACES
    assert return_after_login(routes.MY_SPACES, "") == routes.MY_SPACES


@pytest.mark.parametrize(
    "home", [routes.ACCOUNT_FORM, routes.ACCOUNT_PENDING, routes.ACCOUNT_DELETED]
)
def test_an_account_that_needs_something_first_goes_to_its_own_page(home: str) -> None:
    assert return_after_login(home, routes.GAP_DESIGNATION) == home


@pytest.mark.parametrize(
    "came_from", ["https://evil.example/", "//evil.example/x", "/\\evil.example", "roles"]
)
def test_a_path_of_another_site_is_ignored(came_from: str) -> None:
    assert return_after_login(routes.MY_SPACES, came_from) == routes.MY_SPACES


@pytest.mark.parametrize("home", [routes.ACCOUNT_FORM, routes.ACCOUNT_PENDING])
def test_the_page_asked_for_is_kept_while_the_account_is_created(home: str) -> None:
    invitation = f"{routes.ROLE_INVITATION_ACCEPT}?invitation=abc"
    assert keeps_return_for_later(home, invitation)
    assert not keeps_return_for_later(home, None)
    assert not keeps_return_for_later(home, "https://evil.example/")


@pytest.mark.parametrize("home", [routes.MY_SPACES, routes.ACCOUNT_DELETED])
def test_otherwise_it_is_used_or_dropped_at_once(home: str) -> None:
    assert not keeps_return_for_later(home, routes.ROLE_MANAGEMENT)
