"""One load level: N virtual people started over a ramp-up, a measuring window of the given
duration once every one of them has loaded a first page, the server watched all along; then
everyone leaves and what stays behind is measured too."""

from __future__ import annotations

import asyncio
import random
import resource
import time
from collections import Counter
from dataclasses import dataclass, field

from bench.load import probes
from bench.load.browser import Site, Tab
from bench.load.journeys import AccountPool, JourneyPlan, Person
from bench.load.stats import Recorder, Spread, slope_per_minute

SETTLE_SECONDS = 5.0  # after everyone left, before the "left behind" figures


@dataclass(frozen=True, slots=True)
class RunSettings:
    sessions: int
    duration: float
    plan: JourneyPlan
    ramp_up: float
    timeout: float = 30.0
    sample_every: float = 5.0
    redis_url: str | None = None
    database_url: str | None = None
    backend_pids: tuple[int, ...] = ()
    forwarded_for: bool = False
    seed: int = 16
    # Other processes to watch, each with its descendants: (name, root pid), e.g. nginx's
    # master (its workers), PostgreSQL's postmaster (a process per connection), Redis.
    watched: tuple[tuple[str, int], ...] = ()


@dataclass
class BackendFigures:
    pid: int
    command: str
    cpu_percent: float = 0.0  # of one core, over the window
    rss_before_kib: int = 0  # before the first session started
    rss_start_kib: int = 0  # when the window started (everyone started)
    rss_end_kib: int = 0
    rss_after_kib: int = 0  # once everyone left
    series: list[tuple[float, float]] = field(default_factory=list)  # (s, KiB)

    @property
    def slope_kib_per_minute(self) -> float:
        return slope_per_minute(self.series)


@dataclass
class TreeFigures:
    """A watched process with its descendants, over the window."""

    name: str
    root: int
    cpu_percent: float = 0.0  # of one core
    rss_end_kib: int = 0
    members: int = 0


@dataclass
class LevelResult:
    sessions: int
    live_sessions: int
    window_seconds: float
    events: Spread
    by_kind: dict[str, Spread]
    errors: Counter[str]
    logins_per_second: float
    backends: list[BackendFigures]
    machine_cpu_percent: float
    generator_cpu_percent: float
    redis_before: probes.RedisSample | None = None
    redis_idle: probes.RedisSample | None = None
    redis_after: probes.RedisSample | None = None
    redis_series: list[tuple[float, float]] = field(default_factory=list)
    db_connections_max: int | None = None
    watched: list[TreeFigures] = field(default_factory=list)
    load_start: tuple[float, float, float] | None = None  # /proc/loadavg as the window began
    load_end: tuple[float, float, float] | None = None

    @property
    def redis_bytes_per_session(self) -> float | None:
        if self.redis_before is None or self.redis_idle is None or not self.live_sessions:
            return None
        return (self.redis_idle.used_memory - self.redis_before.used_memory) / self.live_sessions

    @property
    def redis_bytes_left_per_session(self) -> float | None:
        if self.redis_before is None or self.redis_after is None or not self.sessions:
            return None
        return (self.redis_after.used_memory - self.redis_before.used_memory) / self.sessions

    @property
    def backend_cpu_percent(self) -> float:
        return sum(b.cpu_percent for b in self.backends)

    @property
    def backend_rss_kib(self) -> int:
        return sum(b.rss_end_kib for b in self.backends)


class Watcher:
    """Samples the backends, Redis and PostgreSQL every few seconds of the window."""

    def __init__(self, settings: RunSettings) -> None:
        self.settings = settings
        self.backends = [
            BackendFigures(pid, probes.command_line(pid)[:80]) for pid in settings.backend_pids
        ]
        self.watched = [TreeFigures(name, root) for name, root in settings.watched]
        self.redis_series: list[tuple[float, float]] = []
        self.db_max: int | None = None
        self._first: dict[int, probes.ProcessSample] = {}
        self._first_trees: dict[int, probes.TreeSample] = {}
        self._started = 0.0

    async def redis(self) -> probes.RedisSample | None:
        url = self.settings.redis_url
        return await asyncio.to_thread(probes.read_redis, url) if url else None

    async def database(self) -> None:
        url = self.settings.database_url
        if url and url.startswith("postgresql"):
            count = await asyncio.to_thread(probes.postgres_connections, url)
            self.db_max = max(self.db_max or 0, count - 1)  # not counting the asking one

    def before(self) -> None:
        for figures in self.backends:
            sample = probes.read_process(figures.pid)
            figures.rss_before_kib = sample.rss_kib if sample is not None else 0

    def start(self) -> None:
        self._started = time.monotonic()
        for figures in self.backends:
            sample = probes.read_process(figures.pid)
            if sample is not None:
                self._first[figures.pid] = sample
                figures.rss_start_kib = sample.rss_kib
        for tree in self.watched:
            if (first := probes.read_tree(tree.root)) is not None:
                self._first_trees[tree.root] = first

    async def sample(self) -> None:
        at = time.monotonic() - self._started
        for figures in self.backends:
            sample = probes.read_process(figures.pid)
            if sample is not None:
                figures.series.append((at, sample.rss_kib))
                figures.rss_end_kib = sample.rss_kib
                if figures.pid in self._first:
                    figures.cpu_percent = probes.cpu_percent(self._first[figures.pid], sample)
        for tree in self.watched:
            last = probes.read_tree(tree.root)
            if last is not None and tree.root in self._first_trees:
                tree.cpu_percent = probes.tree_cpu_percent(self._first_trees[tree.root], last)
                tree.rss_end_kib, tree.members = last.rss_kib, last.members
        redis = await self.redis()
        if redis is not None:
            self.redis_series.append((at, redis.used_memory / 1024))
        await self.database()

    async def watch(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            await asyncio.sleep(min(self.settings.sample_every, left))
            await self.sample()

    def after(self) -> None:
        for figures in self.backends:
            sample = probes.read_process(figures.pid)
            figures.rss_after_kib = sample.rss_kib if sample is not None else 0


async def run_level(site: Site, settings: RunSettings, pool: AccountPool | None) -> LevelResult:
    """``pool``: the accounts of the login journeys, the same for every level of a ramp (it
    remembers which TOTP steps were spent)."""
    if settings.plan.kind != "public" and pool is None:
        raise SystemExit("the login journeys need --accounts (python -m bench.load seed)")
    recorder = Recorder()
    watcher = Watcher(settings)
    redis_before = await watcher.redis()
    await watcher.database()
    watcher.before()
    rng = random.Random(settings.seed)
    people: list[Person] = []
    tasks: list[asyncio.Task[None]] = []

    def forwarded(index: int) -> str | None:
        # A documentation-range address per person (RFC 5737 / 198.18.0.0/15 benchmarking).
        return f"198.18.{index // 250}.{index % 250 + 1}" if settings.forwarded_for else None

    async def start_people() -> None:
        gap = settings.ramp_up / max(settings.sessions, 1)
        for index in range(settings.sessions):
            tab = Tab(site, recorder, timeout=settings.timeout, forwarded_for=forwarded(index))
            person = Person(tab, settings.plan, random.Random(rng.random()), pool)
            people.append(person)
            tasks.append(asyncio.create_task(person.live(), name=f"person-{index}"))
            await asyncio.sleep(gap)

    try:
        await start_people()
        await asyncio.wait_for(
            asyncio.gather(*(p.started.wait() for p in people)), settings.timeout * 2
        )
    except TimeoutError:
        recorder.error("start: first page not loaded in time")
    machine_first = probes.read_machine()
    own_first = _own_cpu_seconds()
    load_start = probes.load_average()
    watcher.start()
    recorder.start_window()
    await watcher.watch(settings.duration)
    recorder.end_window()
    load_end = probes.load_average()
    machine = probes.machine_busy_percent(machine_first, probes.read_machine())
    own = 100 * (_own_cpu_seconds() - own_first) / recorder.window_seconds
    redis_idle = await watcher.redis()
    live = sum(1 for p in people if p.tab.connected)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    await asyncio.gather(*(p.tab.close() for p in people), return_exceptions=True)
    await asyncio.sleep(SETTLE_SECONDS)
    watcher.after()
    return LevelResult(
        sessions=settings.sessions,
        live_sessions=live,
        window_seconds=recorder.window_seconds,
        events=recorder.events(),
        by_kind=recorder.by_kind(),
        errors=recorder.errors,
        logins_per_second=recorder.logins_per_second(),
        backends=watcher.backends,
        machine_cpu_percent=machine,
        generator_cpu_percent=own,
        redis_before=redis_before,
        redis_idle=redis_idle,
        redis_after=await watcher.redis(),
        redis_series=watcher.redis_series,
        db_connections_max=watcher.db_max,
        watched=watcher.watched,
        load_start=load_start,
        load_end=load_end,
    )


def _own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
