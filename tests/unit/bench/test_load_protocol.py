"""The load generator's messages are the ones a browser sends: each expectation below is a frame
captured from Chromium on the portal (Playwright's websocket frames), so a drift of the generator
or of the compiled frontend shows here."""

from __future__ import annotations

import json

from bench.load import protocol

ROOT = "reflex___state____state"
CODE_LOGIN = f"{ROOT}.state___code_login_state____code_login_state"
SESSION = f"{ROOT}.state___session_state____session_state"


def test_handler_names_are_the_compiled_frontends() -> None:
    names = protocol.event_names()
    assert names.hydrate == f"{ROOT}.hydrate_and_load"
    assert names.on_load_internal == (
        f"{ROOT}.reflex___state____on_load_internal_state.on_load_internal"
    )
    assert names.update_vars_internal == (
        f"{ROOT}.reflex___state____update_vars_internal_state.update_vars_internal"
    )
    assert names.page_shown == f"{SESSION}.page_shown"
    assert names.logout == f"{SESSION}.logout"
    assert names.submit_credentials == f"{CODE_LOGIN}.submit_credentials"
    assert names.submit_code == f"{CODE_LOGIN}.submit_code"


def test_the_password_form_is_sent_as_the_browser_sends_it() -> None:
    names = protocol.event_names()
    sent = protocol.event(
        names.submit_credentials,
        "/connexion/totp",
        protocol.credentials_payload("charge-50010100255", "WZlvxx8DGnWtOP7zwc-Y"),
    )
    captured = {
        "name": f"{CODE_LOGIN}.submit_credentials",
        "payload": {
            "form": {
                "__reflex_form_data__": [
                    ["username", "charge-50010100255"],
                    ["password", "WZlvxx8DGnWtOP7zwc-Y"],
                    ["field_username", "charge-50010100255"],
                    ["field_password", "WZlvxx8DGnWtOP7zwc-Y"],
                ]
            }
        },
        "router_data": {"pathname": "/connexion/totp", "asPath": "/connexion/totp"},
    }
    assert sent == captured
    assert protocol.code_payload("015940") == {
        "form": {"__reflex_form_data__": [["code", "015940"], ["field_code", "015940"]]}
    }


def test_an_event_without_payload_has_no_payload_key() -> None:
    names = protocol.event_names()
    assert protocol.mount_events(names, "/connexion/") == [
        {
            "name": f"{SESSION}.page_shown",
            "router_data": {"pathname": "/connexion/", "asPath": "/connexion/"},
        },
    ]


def test_a_query_string_goes_in_as_path_and_query() -> None:
    assert protocol.router_data("/connexion?suite=%2Fmes-cles&cle=totp") == {
        "pathname": "/connexion",
        "asPath": "/connexion?suite=%2Fmes-cles&cle=totp",
        "query": {"suite": "/mes-cles", "cle": "totp"},
    }


def test_a_route_change_sends_the_browsers_storage_first() -> None:
    names = protocol.event_names()
    storage = {f"{ROOT}.state___login_return_state____login_return_state.came_from_rx_state_": ""}
    update_vars, on_load = protocol.route_change_events(names, "/connexion/totp", storage)
    assert update_vars["name"] == names.update_vars_internal
    assert update_vars["payload"] == {"vars": storage}
    assert on_load == {
        "name": names.on_load_internal,
        "router_data": {"pathname": "/connexion/totp", "asPath": "/connexion/totp"},
    }
    assert protocol.route_change_events(names, "/aide", {}) == [
        {"name": names.on_load_internal, "router_data": {"pathname": "/aide", "asPath": "/aide"}}
    ]


def test_the_hydrate_rides_in_the_connect_packet_with_the_builds_hashes() -> None:
    names = protocol.event_names()
    hydrate = protocol.hydrate_event(names, "/", {}, ["e02087b0307c8b9c", "d029e8db883816fc"])
    assert protocol.connect_auth(hydrate, "3acc10a4b8744ec49a703b546a540ead") == {
        "event": {
            "name": f"{ROOT}.hydrate_and_load",
            "payload": {"hashes": ["e02087b0307c8b9c", "d029e8db883816fc"]},
            "router_data": {"pathname": "/", "asPath": "/"},
        },
        "state_schema": "3acc10a4b8744ec49a703b546a540ead",
    }
    # Without the build's hashes the backend sends the whole state: nothing else is left out.
    bare = protocol.hydrate_event(names, "/aide", {"k": "v"}, [])
    assert bare["payload"] == {"vars": {"k": "v"}}
    assert protocol.connect_auth(bare, "") == {"event": bare}


def test_the_login_ticket_is_read_from_the_answer_of_the_code() -> None:
    answer = json.loads(
        '{"events":[{"name":"_call_script","router_data":{},"payload":{"javascript_code":'
        '"window.location.assign(\\"/_auth/session?ticket=9be8bd85&suite=/mes-espaces\\")",'
        '"callback":null}}]}'
    )
    (event,) = protocol.frontend_events(answer)
    assert protocol.assigned_location(event) == "/_auth/session?ticket=9be8bd85&suite=/mes-espaces"
    language = {
        "name": "_call_script",
        "payload": {"javascript_code": "document.documentElement.lang = 'fr'", "callback": None},
    }
    assert protocol.assigned_location(language) is None
    assert protocol.sets_language(language)
    assert protocol.redirect_target({"name": "_redirect", "payload": {"path": "/connexion"}}) == (
        "/connexion"
    )
    assert protocol.redirect_target(language) is None


def test_deltas_merge_into_the_pages_state_and_hydration_is_read_from_the_root() -> None:
    names = protocol.event_names()
    state: dict[str, dict[str, object]] = {}
    protocol.merge(
        state, {"delta": {CODE_LOGIN: {"step_rx_state_": "checking", "error_text_rx_state_": ""}}}
    )
    protocol.merge(state, {"delta": {CODE_LOGIN: {"step_rx_state_": "code"}}})
    assert protocol.var(state, CODE_LOGIN, "step") == "code"
    assert protocol.var(state, CODE_LOGIN, "error_text") == ""
    assert protocol.var(state, SESSION, "logged_in") is None
    assert protocol.is_hydrated({"delta": {ROOT: {"is_hydrated_rx_state_": True}}}, names)
    assert not protocol.is_hydrated({"delta": {ROOT: {"is_hydrated_rx_state_": False}}}, names)
    assert not protocol.is_hydrated({"events": []}, names)
