"""A private PostgreSQL server in a folder of the project's (Debian's postgresql-15 binaries), for
the scaled demo and the tests that need what SQLite serialises away: row locks, SKIP LOCKED,
advisory locks, two backends writing at once.

Nothing of the machine's own PostgreSQL is touched: the cluster lives in ``folder``, listens on
127.0.0.1 at ``port`` with a password (SCRAM) and on a Unix socket inside the folder. PostgreSQL
refuses to run as root; under root (CI, containers) the cluster belongs to the ``postgres`` user
that Debian's package creates, and its commands run as that user.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import secrets
import shutil
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

PG_BIN_DIRS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
DATABASE = "monespace"
ROLE = "monespace"


class PostgresUnavailableError(RuntimeError):
    """Debian's PostgreSQL server binaries are missing (scripts/bootstrap.sh installs them)."""


def pg_bin(name: str) -> str:
    for folder in PG_BIN_DIRS:
        candidate = folder / name
        if candidate.exists():
            return str(candidate)
    raise PostgresUnavailableError(
        f"{name} not found under /usr/lib/postgresql/*/bin: install Debian's postgresql package "
        "(make bootstrap does)"
    )


def postgres_available() -> bool:
    try:
        pg_bin("pg_ctl")
    except PostgresUnavailableError:
        return False
    return True


@dataclass
class PostgresServer:
    folder: Path
    port: int

    @property
    def data_dir(self) -> Path:
        return self.folder / "data"

    @property
    def socket_dir(self) -> Path:
        return self.folder / "socket"

    @property
    def log_path(self) -> Path:
        return self.folder / "postgres.log"

    @property
    def _password_file(self) -> Path:
        return self.folder / "password"

    @property
    def password(self) -> str:
        return self._password_file.read_text(encoding="ascii").strip()

    def url(self, database: str = DATABASE) -> str:
        """The SQLAlchemy URL of a database of this server (psycopg 3, over TCP)."""
        return f"postgresql+psycopg://{ROLE}:{self.password}@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        """Creates the cluster on first use, then starts it and waits until it takes connections."""
        self.folder.mkdir(parents=True, exist_ok=True)
        if not (self.data_dir / "PG_VERSION").exists():
            self._init_cluster()
        self.stop_leftover()
        self._as_owner(
            [
                pg_bin("pg_ctl"),
                "start",
                "-w",
                "-t",
                "60",
                "-D",
                str(self.data_dir),
                "-l",
                str(self.log_path),
                "-o",
                f"-p {self.port} -k {self.socket_dir} -c listen_addresses=127.0.0.1",
            ]
        )
        self._wait_ready()

    def stop(self, mode: str = "fast") -> None:
        if (self.data_dir / "postmaster.pid").exists():
            self._as_owner(
                [pg_bin("pg_ctl"), "stop", "-w", "-t", "60", "-m", mode, "-D", str(self.data_dir)],
                check=False,
            )

    def restart(self) -> None:
        """Stops and starts again (connections are cut, as when a database server reboots)."""
        self.stop()
        self.start()

    def stop_leftover(self) -> None:
        """A server an earlier, killed run left running on this folder is stopped first."""
        self.stop(mode="immediate")

    def create_database(self, name: str) -> str:
        """A new empty database owned by the portal's role; returns its URL."""
        self.psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.psql(f'CREATE DATABASE "{name}" OWNER {ROLE}')
        return self.url(name)

    def psql(self, sql: str, database: str = "postgres") -> str:
        result = self._as_owner(
            [
                pg_bin("psql"),
                "-h",
                str(self.socket_dir),
                "-p",
                str(self.port),
                "-d",
                database,
                "-v",
                "ON_ERROR_STOP=1",
                "-At",
                "-c",
                sql,
            ]
        )
        return result.stdout

    def _init_cluster(self) -> None:
        shutil.rmtree(self.data_dir, ignore_errors=True)
        self.socket_dir.mkdir(parents=True, exist_ok=True)
        self._password_file.write_text(secrets.token_urlsafe(24) + "\n", encoding="ascii")
        self._password_file.chmod(0o600)
        self._give_to_owner(self.folder)
        self._as_owner(
            [
                pg_bin("initdb"),
                "-D",
                str(self.data_dir),
                "-U",
                "postgres",
                "--auth-local=peer",
                "--auth-host=scram-sha-256",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ]
        )
        # Sized for a test machine: many short connections from several backends and tests.
        with (self.data_dir / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write("max_connections = 200\nfsync = on\nshared_buffers = 128MB\n")
        self.stop_leftover()
        self._as_owner(
            [
                pg_bin("pg_ctl"),
                "start",
                "-w",
                "-D",
                str(self.data_dir),
                "-l",
                str(self.log_path),
                "-o",
                f"-p {self.port} -k {self.socket_dir} -c listen_addresses=''",
            ]
        )
        try:
            self.psql(f"CREATE ROLE {ROLE} LOGIN PASSWORD '{self.password}'")
            self.psql(f"CREATE DATABASE {DATABASE} OWNER {ROLE}")
        finally:
            self.stop()

    def _wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while True:
            result = self._as_owner(
                [pg_bin("pg_isready"), "-h", "127.0.0.1", "-p", str(self.port)], check=False
            )
            if result.returncode == 0:
                return
            if time.monotonic() > deadline:
                tail = self.log_path.read_text(errors="replace")[-2000:]
                raise RuntimeError(f"PostgreSQL on port {self.port} not ready:\n{tail}")
            time.sleep(0.2)

    def _give_to_owner(self, path: Path) -> None:
        owner = _owner()
        if owner is None:
            return
        for root, dirs, files in os.walk(path):
            for name in [*dirs, *files]:
                os.chown(Path(root) / name, owner.pw_uid, owner.pw_gid)
        os.chown(path, owner.pw_uid, owner.pw_gid)
        # The password file stays readable by root only.
        with contextlib.suppress(FileNotFoundError):
            os.chown(self._password_file, 0, 0)

    def _as_owner(
        self, argv: Sequence[str], *, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        owner = _owner()
        command = list(argv)
        if owner is not None:
            command = ["runuser", "-u", owner.pw_name, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, check=False, cwd="/")
        if check and result.returncode != 0:
            raise RuntimeError(
                f"{' '.join(argv[:2])} failed ({result.returncode}):\n{result.stdout}\n"
                f"{result.stderr}"
            )
        return result


def _owner() -> pwd.struct_passwd | None:
    """The user PostgreSQL runs as when this process is root (it refuses root itself)."""
    if os.geteuid() != 0:
        return None
    return pwd.getpwnam("postgres")
