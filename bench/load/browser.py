"""One virtual browser tab on the portal: its cookies (the pre-login cookie every page answer
sets, the session cookie the login's ticket sets, the client-storage cookies the page writes),
its tab token, the page it shows and that page's event websocket.

A full page load (the first visit, a login's ticket, the logout) is an HTTP GET that follows
redirects like a browser, then a new websocket whose CONNECT packet carries the hydrate event,
then the layout's two mount events; a click on a link of the portal is a client-side route
change over the open websocket (``on_load_internal``). Each round trip is timed from the send to
the answer it waits for and handed to the run's ``Recorder``."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote, urljoin, urlsplit

import aiohttp
import socketio  # type: ignore[import-untyped]
from yarl import URL

from bench.load import protocol
from bench.load.frontend import FrontendBuild, module_assets, parse_build
from bench.load.protocol import EventNames, Update
from bench.load.stats import Recorder

USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) MonEspaceLoad/1.0 (bench.load)"
MAX_FOLLOWS = 5  # redirects and page loads one action may lead to


class JourneyError(Exception):
    """A step that did not get its answer; ``kind`` is what the run counts it as."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


@dataclass(frozen=True, slots=True)
class Site:
    """The portal as every browser of a run sees it."""

    base_url: str  # where the requests go (the balancer's or one backend's address)
    origin: str  # the public origin (the Origin header the websocket must carry)
    build: FrontendBuild
    names: EventNames
    reflex_version: str


async def discover_site(base_url: str, origin: str | None = None) -> Site:
    """Reads the compiled frontend the way the first browser would, once for the run."""
    from reflex_base.constants import Reflex

    base_url = base_url.rstrip("/")
    build = FrontendBuild()
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        async with http.get(base_url + "/", headers={"User-Agent": USER_AGENT}) as response:
            response.raise_for_status()
            html = await response.text()
        for asset in module_assets(html):
            async with http.get(base_url + asset) as response:
                if response.status != 200:
                    continue
                found = parse_build(await response.text())
            if found.complete:
                build = found
                break
    return Site(base_url, origin or base_url, build, protocol.event_names(), Reflex.VERSION)


Predicate = Callable[[Update], bool]


class PageSocket:
    """The event websocket of one loaded page."""

    def __init__(self, tab: Tab) -> None:
        self.tab = tab
        self.client = socketio.AsyncClient(
            http_session=tab.http,
            reconnection=False,
            handle_sigint=False,
            # As the browser's: Reflex's version as subprotocol, permessage-deflate.
            websocket_extra_options={"protocols": (tab.site.reflex_version,), "compress": 15},
        )
        self.client.on("event", self._on_update, namespace=protocol.NAMESPACE)
        self.client.on("disconnect", self._on_disconnect, namespace=protocol.NAMESPACE)
        self._waiters: list[tuple[Predicate, asyncio.Future[Update]]] = []
        self.closing = False
        self.lost = False

    def expect(self, predicate: Predicate) -> asyncio.Future[Update]:
        """A future for the first answer from now on that ``predicate`` accepts."""
        future: asyncio.Future[Update] = asyncio.get_running_loop().create_future()
        self._waiters.append((predicate, future))
        return future

    def _on_update(self, update: Any) -> None:
        if not isinstance(update, Mapping):
            return
        protocol.merge(self.tab.state, update)
        for frontend_event in protocol.frontend_events(update):
            url = protocol.assigned_location(frontend_event)
            path = protocol.redirect_target(frontend_event)
            if url is not None:
                self.tab.follow_ups.append(("load", url))
            elif path is not None:
                self.tab.follow_ups.append(("navigate", path))
        waiting = []
        for predicate, future in self._waiters:
            if future.done():
                continue
            if predicate(update):
                future.set_result(update)
            else:
                waiting.append((predicate, future))
        self._waiters = waiting

    def _on_disconnect(self, *_reason: Any) -> None:
        if self.closing:
            return
        self.lost = True
        for _, future in self._waiters:
            if not future.done():
                future.set_exception(JourneyError("disconnected"))
        self._waiters = []

    async def connect(self, path: str, auth: dict[str, Any]) -> None:
        tab = self.tab
        headers = {"Origin": tab.site.origin, "User-Agent": USER_AGENT, **tab.extra_headers}
        try:
            await self.client.connect(
                f"{tab.site.base_url}?token={tab.token}",
                headers=headers,
                auth=auth,
                transports=["websocket"],
                namespaces=[protocol.NAMESPACE],
                socketio_path=protocol.SOCKETIO_PATH,
                wait_timeout=tab.timeout,
            )
        except socketio.exceptions.ConnectionError as error:
            raise JourneyError(f"connect: {str(error)[:60]}") from None

    async def emit(self, event: protocol.Event) -> None:
        if self.lost or not self.client.connected:
            raise JourneyError("disconnected")
        await self.client.emit("event", event, namespace=protocol.NAMESPACE)

    async def close(self) -> None:
        self.closing = True
        for _, future in self._waiters:
            future.cancel()
        self._waiters = []
        if self.client.connected:
            await self.client.disconnect()


class Tab:
    """A browser with one tab open on the portal."""

    def __init__(
        self,
        site: Site,
        recorder: Recorder,
        *,
        timeout: float = 30.0,
        forwarded_for: str | None = None,
    ) -> None:
        self.site, self.recorder, self.timeout = site, recorder, timeout
        self.http = aiohttp.ClientSession(
            cookie_jar=aiohttp.CookieJar(unsafe=True),
            headers={"User-Agent": USER_AGENT, "Accept-Language": "fr-BE,fr;q=0.9"},
            timeout=aiohttp.ClientTimeout(total=timeout),
        )
        # Only when the portal trusts a proxy's X-Forwarded-For: each person its own address.
        self.extra_headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
        self.token = str(uuid.uuid4())  # the tab's sessionStorage token
        self.state: dict[str, dict[str, Any]] = {}  # the page's state, deltas applied
        self.follow_ups: list[tuple[str, str]] = []  # page loads and route changes asked for
        self.path = "/"
        self.socket: PageSocket | None = None

    @property
    def names(self) -> EventNames:
        return self.site.names

    @property
    def connected(self) -> bool:
        return self.socket is not None and not self.socket.lost

    def storage_vars(self) -> dict[str, str]:
        """The client-storage cookies the browser holds (``hydrateClientStorage``)."""
        held = {cookie.key: cookie.value for cookie in self.http.cookie_jar}
        return {
            key: unquote(held[name])
            for key, name in self.site.build.storage_cookies.items()
            if name in held
        }

    def _store_client_cookies(self, update: Update) -> None:
        """``applyClientStorageDelta``: cookie-backed vars the backend sent, written to the
        browser's cookies (not while the page is not yet hydrated)."""
        delta = protocol.delta_of(update)
        if delta.get(self.names.root, {}).get(protocol.HYDRATED) is False:
            return
        for key, name in self.site.build.storage_cookies.items():
            substate, _, field = key.rpartition(".")
            if field in delta.get(substate, {}):
                self.http.cookie_jar.update_cookies(
                    {name: quote(str(delta[substate][field]), safe="")},
                    response_url=URL(self.site.base_url),
                )

    async def _answer(self, future: asyncio.Future[Update], kind: str, sent: float) -> Update:
        try:
            update = await asyncio.wait_for(future, self.timeout)
        except TimeoutError:
            raise JourneyError(f"timeout: {kind}") from None
        self.recorder.round_trip(kind, time.monotonic() - sent)
        return update

    async def request(self, event: protocol.Event, kind: str, answer: Predicate) -> Update:
        """Sends one event and waits for the answer ``answer`` recognises."""
        socket = self._socket()
        future = socket.expect(answer)
        sent = time.monotonic()
        await socket.emit(event)
        update = await self._answer(future, kind, sent)
        self._store_client_cookies(update)
        return update

    def _socket(self) -> PageSocket:
        if self.socket is None or self.socket.lost:
            raise JourneyError("disconnected")
        return self.socket

    def _page_answers(self, socket: PageSocket) -> list[tuple[str, asyncio.Future[Update]]]:
        return [("page_shown", socket.expect(_sets_language))]

    async def _settle(self, answers: list[tuple[str, asyncio.Future[Update]]], sent: float) -> None:
        for kind, future in answers:
            self._store_client_cookies(await self._answer(future, kind, sent))

    async def load(self, target: str) -> None:
        """A full page load of ``target`` (a path or a URL of the site)."""
        await self.close_page()
        self.state, self.follow_ups = {}, []
        started = time.monotonic()
        url = urljoin(self.site.base_url + "/", target)
        try:
            async with self.http.get(url, headers=self.extra_headers) as response:
                await response.read()
                status, final = response.status, response.url
        except (aiohttp.ClientError, TimeoutError) as error:
            raise JourneyError(f"http: {type(error).__name__}") from None
        self.recorder.round_trip("http_get", time.monotonic() - started)
        if status >= 400:
            raise JourneyError(f"http: {status}")
        if f"{final.scheme}://{final.authority}" != _authority(self.site.base_url):
            raise JourneyError(f"left the site: {final.host}")
        self.path = final.path + (f"?{final.query_string}" if final.query_string else "")
        socket = self.socket = PageSocket(self)
        names = self.names
        hydrated = socket.expect(lambda u: protocol.is_hydrated(u, names))
        hydrate = protocol.hydrate_event(
            names, self.path, self.storage_vars(), self.site.build.hashes
        )
        sent = time.monotonic()
        await socket.connect(
            self.path, protocol.connect_auth(hydrate, self.site.build.state_schema)
        )
        answers = self._page_answers(socket)
        for event in protocol.mount_events(names, self.path):
            await socket.emit(event)
        await self._settle([("hydrate", hydrated), *answers], sent)
        self.recorder.round_trip("page_load", time.monotonic() - started)

    async def navigate(self, path: str) -> None:
        """A click on a link of the portal: the route changes without a page load."""
        socket = self._socket()
        names, previous = self.names, self.path
        hydrated = socket.expect(lambda u: protocol.is_hydrated(u, names))
        answers = self._page_answers(socket)
        sent = time.monotonic()
        # The new page's layout mounts (its events still carry the old location), then the
        # route change's own events.
        for event in protocol.mount_events(names, previous):
            await socket.emit(event)
        self.path = path
        for event in protocol.route_change_events(names, path, self.storage_vars()):
            await socket.emit(event)
        await self._settle([("navigate", hydrated), *answers], sent)

    async def follow(self) -> None:
        """Does what the answers asked for: a page load (``window.location.assign``) or a route
        change (``_redirect``), and whatever those ask for in turn."""
        for _ in range(MAX_FOLLOWS):
            if not self.follow_ups:
                return
            action, target = self.follow_ups.pop(0)
            if action == "load":
                await self.load(target)
            else:
                await self.navigate(target)
        if self.follow_ups:
            raise JourneyError("redirect loop")

    def var(self, substate: str, name: str) -> Any:
        return protocol.var(self.state, substate, name)

    async def close_page(self) -> None:
        if self.socket is not None:
            socket, self.socket = self.socket, None
            await socket.close()

    async def close(self) -> None:
        try:
            await self.close_page()
        finally:
            await self.http.close()


def _authority(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _sets_language(update: Update) -> bool:
    return any(protocol.sets_language(e) for e in protocol.frontend_events(update))
