"""The portal as a real deployment runs it, on one machine: PostgreSQL and Redis (Debian's, in a
folder of the project's), the frontend built once, several backend processes
(``monespace_app.serve_backend``) and nginx balancing them. ``make demo-scaled`` and the scaled
test suites start it; docs/scaling.md shows how to put each part on its own machine.

Ports: ``port`` is the public one (nginx); the backends take ``backend_ports``; PostgreSQL and
Redis ``postgres_port`` and ``redis_port``. Everything lives under ``folder``.
"""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from foundation.models.migrate import upgrade
from simulators.stack.nginx import NginxBalancer
from simulators.stack.portal_process import PROJECT_ROOT, portal_environment
from simulators.stack.postgres import PostgresServer
from simulators.stack.processes import ManagedProcess, ProcessStartError, wait_for_http
from simulators.stack.redis_server import RedisServer


def scaled_web_dir(port: int) -> Path:
    """The frontend build of a scaled stack: its own folder, as a build has the public origin
    baked in and must not be rebuilt under a running single-port portal."""
    return PROJECT_ROOT / f".web-scaled-{port}"


@dataclass
class ScaledStack:
    folder: Path
    port: int
    backend_ports: Sequence[int]
    postgres_port: int
    redis_port: int
    # The portal's settings (data folder, SMTP, simulators' URLs …), as for a single portal.
    overrides: Mapping[str, str] = field(default_factory=dict)
    database_name: str = "monespace"
    fresh_database: bool = False
    postgres: PostgresServer = field(init=False)
    redis: RedisServer = field(init=False)
    backends: list[ManagedProcess] = field(init=False, default_factory=list)
    balancer: NginxBalancer = field(init=False)

    def __post_init__(self) -> None:
        self.postgres = PostgresServer(self.folder / "postgres", self.postgres_port)
        self.redis = RedisServer(self.folder / "redis", self.redis_port)
        self.balancer = NginxBalancer(
            run_dir=self.folder / "nginx",
            listen_port=self.port,
            backend_ports=self.backend_ports,
            static_dir=self.web_dir / "build" / "client",
            public_origin=self.public_origin,
        )

    @property
    def public_origin(self) -> str:
        return f"http://localhost:{self.port}"

    @property
    def web_dir(self) -> Path:
        return scaled_web_dir(self.port)

    @property
    def database_url(self) -> str:
        return self.postgres.url(self.database_name)

    def start_databases(self) -> None:
        """PostgreSQL (with the migrations applied) and Redis; the rest needs their URLs."""
        self.postgres.start()
        if self.fresh_database or self.database_name != "monespace":
            self.postgres.create_database(self.database_name)
        upgrade(self.database_url)
        self.redis.start()

    def start_portal(self) -> None:
        """The frontend build, the backends, then the balancer, each waited for."""
        self.build_frontend()
        self.backends = [self._backend(port) for port in self.backend_ports]
        for backend in self.backends:
            backend.start()
        for backend, port in zip(self.backends, self.backend_ports, strict=True):
            wait_for_http(f"http://127.0.0.1:{port}/ping", timeout=180, process=backend)
        self.balancer.start()
        wait_for_http(f"http://127.0.0.1:{self.port}/", timeout=60)

    def start(self) -> None:
        self.start_databases()
        self.start_portal()

    def stop_portal(self) -> None:
        self.balancer.stop()
        for backend in self.backends:
            backend.stop()

    def stop(self) -> None:
        self.stop_portal()
        self.redis.stop()
        self.postgres.stop()

    def summary(self) -> str:
        """The lines ``make demo-scaled`` adds to the demo's list of addresses."""
        ports = ", ".join(str(port) for port in self.backend_ports)
        return (
            f"  nginx (équilibreur)     {self.public_origin}\n"
            f"  backends                {len(self.backend_ports)} processus (ports {ports})\n"
            f"  PostgreSQL              127.0.0.1:{self.postgres_port} "
            f"(dossier {self.postgres.folder})\n"
            f"  Redis (états Reflex)    127.0.0.1:{self.redis_port}\n"
        )

    def running(self) -> bool:
        return self.balancer.running() and all(backend.running() for backend in self.backends)

    def log_tail(self) -> str:
        return "\n".join(backend.log_tail() for backend in self.backends)

    def kill_backend(self, index: int) -> None:
        """SIGKILL, as when a machine or a process dies: no clean shutdown."""
        popen = self.backends[index].popen
        if popen is not None:
            os.killpg(popen.pid, signal.SIGKILL)
            popen.wait(timeout=10)

    def restart_backend(self, index: int) -> None:
        self.backends[index].stop()
        self.backends[index].start()
        wait_for_http(
            f"http://127.0.0.1:{self.backend_ports[index]}/ping",
            timeout=180,
            process=self.backends[index],
        )

    def environment(self) -> dict[str, str]:
        return portal_environment(
            port=self.port,
            web_dir=self.web_dir,
            overrides={
                # nginx is the one proxy in front: the client address is the last hop it adds
                # (a load generator standing for many addresses trusts one hop more).
                "MONESPACE_TRUSTED_PROXY_HOPS": "1",
                **self.overrides,
                "MONESPACE_DATABASE_URL": self.database_url,
                "REFLEX_REDIS_URL": self.redis.url,
            },
        )

    def build_frontend(self) -> None:
        """``reflex export`` once, for every backend and for nginx."""
        log_path = self.folder / "build.log"
        self.folder.mkdir(parents=True, exist_ok=True)
        with log_path.open("wb") as log:
            result = subprocess.run(
                [
                    str(PROJECT_ROOT / ".venv" / "bin" / "reflex"),
                    "export",
                    "--frontend-only",
                    "--no-zip",
                    "--env",
                    "prod",
                    "--loglevel",
                    "warning",
                ],
                env=self.environment(),
                cwd=PROJECT_ROOT,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                check=False,
                timeout=900,
            )
        if result.returncode != 0:
            tail = log_path.read_text(errors="replace")[-3000:]
            raise ProcessStartError(f"the frontend build failed ({result.returncode}):\n{tail}")

    def _backend(self, port: int) -> ManagedProcess:
        return ManagedProcess(
            name=f"backend-{port}",
            argv=[
                str(PROJECT_ROOT / ".venv" / "bin" / "python"),
                "-m",
                "monespace_app.serve_backend",
                "--port",
                str(port),
            ],
            pid_dir=self.folder / "run",
            env=self.environment(),
            cwd=PROJECT_ROOT,
            log_path=self.folder / f"backend-{port}.log",
        )
