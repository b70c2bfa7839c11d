"""A private Redis server in a folder of the project's (Debian's redis-server), for the scaled demo
and its tests: Reflex keeps the tabs' states there, shared by every backend.

Those states hold what the pages show and the headers of each tab's websocket (the signed session
cookie among them), so the server is private: loopback only, a password generated on first run
(kept 0600 in the folder), no persistence to disk (a restart loses the states, not the logins:
the session is a database row, and a page whose state is gone reloads).
"""

from __future__ import annotations

import secrets
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import redis

from simulators.stack.processes import ManagedProcess


class RedisUnavailableError(RuntimeError):
    """Debian's redis-server is not installed (scripts/bootstrap.sh installs it)."""


def redis_server_binary() -> str:
    found = shutil.which("redis-server") or (
        "/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None
    )
    if found is None:
        raise RedisUnavailableError("redis-server not found: install Debian's redis-server")
    return found


@dataclass
class RedisServer:
    folder: Path
    port: int
    # A cap well above what the demo needs: the states of idle tabs expire (Reflex's
    # redis_token_expiration) rather than be evicted.
    max_memory: str = "512mb"
    process: ManagedProcess | None = field(default=None, init=False)

    @property
    def _password_file(self) -> Path:
        return self.folder / "password"

    @property
    def password(self) -> str:
        return self._password_file.read_text(encoding="ascii").strip()

    @property
    def url(self) -> str:
        return f"redis://:{self.password}@127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.folder.chmod(0o700)
        if not self._password_file.exists():
            self._password_file.write_text(secrets.token_urlsafe(24) + "\n", encoding="ascii")
            self._password_file.chmod(0o600)
        config = self.folder / "redis.conf"
        config.write_text(
            "\n".join(
                [
                    "bind 127.0.0.1",
                    f"port {self.port}",
                    "protected-mode yes",
                    f"requirepass {self.password}",
                    f"dir {self.folder}",
                    f"logfile {self.folder / 'redis.log'}",
                    'save ""',
                    "appendonly no",
                    f"maxmemory {self.max_memory}",
                    "maxmemory-policy noeviction",
                    "",
                ]
            ),
            encoding="utf-8",
        )
        config.chmod(0o600)
        # Its pid is recorded in the folder: a server an earlier, killed run left is stopped first.
        self.process = ManagedProcess("redis", [redis_server_binary(), str(config)], self.folder)
        self.process.start()
        self._wait_ready()

    def client(self) -> redis.Redis:
        return redis.Redis.from_url(self.url)

    def used_memory(self) -> int:
        info: dict[str, object] = self.client().info("memory")  # type: ignore[assignment]
        return int(str(info["used_memory"]))

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop()
        self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def _wait_ready(self, timeout: float = 15) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                if self.client().ping():
                    return
            except redis.RedisError:
                pass
            if self.process is not None and not self.process.running():
                log = (self.folder / "redis.log").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"redis-server exited:\n{log}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Redis on port {self.port} not ready")
            time.sleep(0.1)
