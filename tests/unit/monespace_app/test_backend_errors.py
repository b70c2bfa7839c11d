"""A failed event reads the portal's words in the page's language: "try again" while the
database or the state store is out of reach, the helpdesk otherwise."""

from __future__ import annotations

import pytest
import redis.exceptions
from sqlalchemy import exc as sql_errors

from monespace_app.backend_errors import backend_exception_handler, is_unavailability


def _database_down() -> sql_errors.OperationalError:
    return sql_errors.OperationalError(
        "SELECT 1", {}, Exception("connection refused: is the server running?")
    )


def test_a_database_out_of_reach_is_temporary() -> None:
    assert is_unavailability(_database_down())
    assert is_unavailability(redis.exceptions.ConnectionError("Connection refused"))


def _load_account() -> None:
    try:
        raise _database_down()
    except sql_errors.OperationalError as lost:
        raise RuntimeError("could not load the account") from lost


def test_an_error_raised_while_handling_a_lost_connection_is_temporary_too() -> None:
    with pytest.raises(RuntimeError) as raised:
        _load_account()
    assert is_unavailability(raised.value)


def test_a_bug_is_not_called_temporary() -> None:
    assert not is_unavailability(KeyError("missing"))
    assert not is_unavailability(
        sql_errors.IntegrityError("INSERT", {}, Exception("duplicate key"))
    )


def test_the_toast_carries_the_four_languages_and_picks_the_pages() -> None:
    script = str(backend_exception_handler(_database_down()).args)
    for words in (
        "Service momentan\\\\u00e9ment indisponible",
        "Dienst tijdelijk niet beschikbaar",
        "Service temporarily unavailable",
        "document.documentElement.lang",
    ):
        assert words in script
    assert "Contact the website administrator" not in script


def test_an_unexpected_error_points_to_the_helpdesk() -> None:
    script = str(backend_exception_handler(ValueError("bug")).args)
    assert "helpdesk" in script
    assert "indisponible" not in script
