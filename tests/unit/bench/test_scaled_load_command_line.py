"""bench/scaled_load.py's command line: the logins at one cost in every process, one level or
several."""

from __future__ import annotations

from bench import scaled_load


def test_keycloak_cost_reaches_every_process_as_the_portal_setting() -> None:
    args = scaled_load._parser().parse_args(["--cost", "keycloak"])
    environment = scaled_load.cost_environment(args.cost)
    assert environment["MONESPACE_PASSWORD_HASH_COST"] == "keycloak"
    assert scaled_load._parser().parse_args([]).cost == "portal"
    assert scaled_load.cost_environment("portal")["MONESPACE_PASSWORD_HASH_COST"] == "owasp"


def test_logins_sessions_are_one_level_or_several_and_zero_is_none() -> None:
    parse = scaled_load._parser().parse_args
    assert parse([]).logins_sessions == [12]
    assert parse(["--logins-sessions", "8,12,24"]).logins_sessions == [8, 12, 24]
    assert parse(["--logins-sessions", "0"]).logins_sessions == []
    assert parse(["--ramp", ""]).ramp == ""
