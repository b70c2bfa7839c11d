"""The messages a page of the portal exchanges with the backend over Reflex's event websocket,
built and read as the compiled frontend does (``.web/utils/state.js``, ``context.js``) and as
``reflex.app.EventNamespace`` expects them.

- The websocket is socket.io on the namespace ``/_event`` at the path ``/_event``, websocket
  transport only, with ``?token=<uuid>``: the tab's token (the browser keeps it in
  sessionStorage, so a full page load in the same tab reconnects with the same one).
- The hydrate event rides in the CONNECT packet: ``auth = {"event": <hydrate_and_load>,
  "state_schema": <the build's schema hash>}``; ``hydrate_and_load``'s payload holds ``hashes``
  (the compiled initial state's, so the backend sends only what differs) and ``vars`` (the
  client-storage cookies the browser holds), and it queues the page's ``on_load`` handlers.
- Every other event: ``emit("event", {"name", "payload"?, "router_data": {"pathname",
  "asPath", "query"?}})`` (an empty payload is left out, as ``ReflexEvent`` does); a form's
  values go as ``{"form": {"__reflex_form_data__": [[name, value], ...]}}``.
- The backend answers with ``event`` messages ``{"delta": {substate: {var_rx_state_: value}},
  "events": [frontend events]}``; there is no end-of-answer marker, so each request says which
  answer it waits for. ``is_hydrated_rx_state_: true`` on the root state ends a page's loading;
  ``_call_script`` with ``window.location.assign("…")`` is a full page load (a login's ticket,
  the logout), ``_redirect`` a client-side route change.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import parse_qsl, urlsplit

NAMESPACE = "/_event"
SOCKETIO_PATH = "/_event"
FORM_DATA_KEY = "__reflex_form_data__"
HYDRATED = "is_hydrated_rx_state_"
VAR_SUFFIX = "_rx_state_"

Event = dict[str, Any]
Update = Mapping[str, Any]

_LOCATION_ASSIGN = re.compile(r"^\s*window\.location\.assign\((?P<url>\".*\")\)\s*;?\s*$")


@dataclass(frozen=True, slots=True)
class EventNames:
    """Full names of the handlers a journey calls, and of the state substates it reads."""

    root: str
    hydrate: str
    on_load_internal: str
    update_vars_internal: str
    session_state: str
    page_shown: str
    logout: str
    code_login_state: str
    submit_credentials: str
    submit_code: str


@cache
def event_names() -> EventNames:
    """Read from the portal's own State classes, from which its frontend is compiled: a renamed
    handler or module changes both alike."""
    from reflex.state import OnLoadInternalState, State, UpdateVarsInternalState

    from state.code_login_state import CodeLoginState
    from state.session_state import SessionState

    root, session, login = (
        State.get_full_name(),
        SessionState.get_full_name(),
        CodeLoginState.get_full_name(),
    )
    return EventNames(
        root=root,
        hydrate=f"{root}.hydrate_and_load",
        on_load_internal=f"{OnLoadInternalState.get_full_name()}.on_load_internal",
        update_vars_internal=f"{UpdateVarsInternalState.get_full_name()}.update_vars_internal",
        session_state=session,
        page_shown=f"{session}.page_shown",
        logout=f"{session}.logout",
        code_login_state=login,
        submit_credentials=f"{login}.submit_credentials",
        submit_code=f"{login}.submit_code",
    )


def router_data(path: str) -> dict[str, Any]:
    """What ``withRouterData`` adds: the page's path, with its query string in ``asPath`` and,
    parsed, in ``query``."""
    parts = urlsplit(path)
    data: dict[str, Any] = {
        "pathname": parts.path or "/",
        "asPath": (parts.path or "/") + (f"?{parts.query}" if parts.query else ""),
    }
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    if query:
        data["query"] = query
    return data


def event(name: str, path: str, payload: Mapping[str, Any] | None = None) -> Event:
    built: Event = {"name": name}
    if payload:
        built["payload"] = dict(payload)
    built["router_data"] = router_data(path)
    return built


def form_payload(fields: Mapping[str, str], refs: Mapping[str, str]) -> dict[str, Any]:
    """A submitted form as ``getFormData`` + ``encodeFormDataArgs`` send it: the named inputs in
    order, then the values of the inputs' refs (``field_<name>``) the form did not submit."""
    entries = [[name, value] for name, value in fields.items()]
    entries += [[name, value] for name, value in refs.items() if name not in fields]
    return {"form": {FORM_DATA_KEY: entries}}


def credentials_payload(username: str, password: str) -> dict[str, Any]:
    return form_payload(
        {"username": username, "password": password},
        {"field_username": username, "field_password": password},
    )


def code_payload(code: str) -> dict[str, Any]:
    return form_payload({"code": code}, {"field_code": code})


def hydrate_event(
    names: EventNames, path: str, storage_vars: Mapping[str, str], hashes: list[str]
) -> Event:
    """``initialEvents(first=true)``: the browser's client-storage values (only when it holds
    any) and the hashes of the compiled initial state (left out when the build's are unknown:
    the backend then sends the whole state)."""
    payload: dict[str, Any] = {}
    if storage_vars:
        payload["vars"] = dict(storage_vars)
    if hashes:
        payload["hashes"] = list(hashes)
    return event(names.hydrate, path, payload)


def connect_auth(hydrate: Event, state_schema: str) -> dict[str, Any]:
    auth: dict[str, Any] = {"event": hydrate}
    if state_schema:
        auth["state_schema"] = state_schema
    return auth


def route_change_events(
    names: EventNames, path: str, storage_vars: Mapping[str, str]
) -> list[Event]:
    """``onLoadInternalEvent``: a client-side navigation's events."""
    events = []
    if storage_vars:
        events.append(event(names.update_vars_internal, path, {"vars": dict(storage_vars)}))
    events.append(event(names.on_load_internal, path))
    return events


def mount_events(names: EventNames, path: str) -> list[Event]:
    """What every page's layout sends once mounted (``components.layout.page_layout``)."""
    return [event(names.page_shown, path)]


# Reading the answers.


def delta_of(update: Update) -> Mapping[str, Mapping[str, Any]]:
    delta = update.get("delta")
    return delta if isinstance(delta, Mapping) else {}


def frontend_events(update: Update) -> list[Mapping[str, Any]]:
    events = update.get("events")
    return [e for e in events if isinstance(e, Mapping)] if isinstance(events, list) else []


def is_hydrated(update: Update, names: EventNames) -> bool:
    return delta_of(update).get(names.root, {}).get(HYDRATED) is True


def assigned_location(frontend_event: Mapping[str, Any]) -> str | None:
    """The URL of a ``_call_script`` that loads another page, None for any other event."""
    if frontend_event.get("name") != "_call_script":
        return None
    code = (frontend_event.get("payload") or {}).get("javascript_code")
    match = _LOCATION_ASSIGN.match(code) if isinstance(code, str) else None
    if match is None:
        return None
    url = json.loads(match["url"])
    return url if isinstance(url, str) else None


def redirect_target(frontend_event: Mapping[str, Any]) -> str | None:
    """The path of a ``_redirect`` (a client-side route change), None for any other event."""
    if frontend_event.get("name") != "_redirect":
        return None
    path = (frontend_event.get("payload") or {}).get("path")
    return path if isinstance(path, str) else None


def sets_language(frontend_event: Mapping[str, Any]) -> bool:
    """The answer of ``SessionState.page_shown``: the page's ``<html lang>`` set."""
    code = (frontend_event.get("payload") or {}).get("javascript_code")
    return (
        frontend_event.get("name") == "_call_script"
        and isinstance(code, str)
        and code.startswith("document.documentElement.lang")
    )


def var(state: Mapping[str, Mapping[str, Any]], substate: str, name: str) -> Any:
    """A var of the merged state the page holds (``None`` if never sent)."""
    return state.get(substate, {}).get(name + VAR_SUFFIX)


def merge(state: dict[str, dict[str, Any]], update: Update) -> None:
    """``applyDelta``: the page's state after an answer."""
    for substate, values in delta_of(update).items():
        if isinstance(values, Mapping):
            state.setdefault(substate, {}).update(values)
