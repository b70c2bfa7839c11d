"""Starts and stops a real pcscd with vpcd virtual readers.

Two modes:
- shared: pcscd on the machine's standard socket (/run/pcscd), so that every PC/SC program
  (our portal, OpenSC tools) sees the readers. Used by ``make demo``.
- private: pcscd in its own mount namespace with its socket under ``run_dir``; clients reach it
  through ``PCSCLITE_CSOCK_NAME``. Used by tests, so they never disturb a running demo.

vpcd gives two readers per driver instance; a copy of the driver library under another path
gives two more.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

VPCD_LIBRARY = Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so")
SYSTEM_SOCKET_DIR = Path("/run/pcscd")
DEFAULT_BASE_PORT = 35963
READERS_PER_DRIVER = 2


class PcscStackError(RuntimeError):
    pass


@dataclass
class PcscStack:
    run_dir: Path
    private: bool = True
    base_port: int = DEFAULT_BASE_PORT
    readers: int = 4
    _process: subprocess.Popen[bytes] | None = field(default=None, init=False, repr=False)

    @property
    def socket_path(self) -> Path:
        socket_dir = self.run_dir / "pcscd" if self.private else SYSTEM_SOCKET_DIR
        return socket_dir / "pcscd.comm"

    @property
    def client_env(self) -> dict[str, str]:
        """Environment a PC/SC client needs to reach this stack's pcscd."""
        return {"PCSCLITE_CSOCK_NAME": str(self.socket_path)} if self.private else {}

    def reader_port(self, index: int) -> int:
        """TCP port on which the virtual reader ``index`` waits for its card."""
        if not 0 <= index < self.readers:
            raise IndexError(f"reader {index} does not exist (0..{self.readers - 1})")
        return self.base_port + index

    def reader_name(self, index: int) -> str:
        """The name PC/SC clients see for reader ``index`` (driver index//2 + 1, slot index%2)."""
        self.reader_port(index)
        driver, slot = divmod(index, READERS_PER_DRIVER)
        return f"Virtual PCD {driver + 1} 00 {slot:02d}"

    @property
    def log_path(self) -> Path:
        return self.run_dir / "pcscd.log"

    @property
    def pid_file(self) -> Path:
        return self.run_dir / "pcscd.pid"

    def start(self, timeout: float = 10.0) -> None:
        if self.readers < 1 or self.readers % READERS_PER_DRIVER:
            raise PcscStackError("the number of readers must be a positive even number")
        self.stop_leftover()
        if not self.private:
            self._refuse_foreign_daemon()
        self.run_dir.mkdir(parents=True, exist_ok=True)
        config_dir = self._write_reader_config()
        argv = ["pcscd", "--foreground", "--info", "--config", str(config_dir)]
        if self.private:
            socket_dir = self.socket_path.parent
            socket_dir.mkdir(parents=True, exist_ok=True)
            SYSTEM_SOCKET_DIR.mkdir(parents=True, exist_ok=True)
            # Bind our own folder over /run/pcscd, visible only to this pcscd.
            script = 'mount --bind "$0" /run/pcscd && exec "$@"'
            argv = [
                "unshare",
                "--mount",
                "--propagation",
                "private",
                "sh",
                "-c",
                script,
                str(socket_dir),
                *argv,
            ]
        with contextlib.suppress(FileNotFoundError):
            self.socket_path.unlink()
        with open(self.log_path, "ab") as log:
            self._process = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.pid_file.write_text(str(self._process.pid), encoding="utf-8")
        self._wait_ready(timeout)

    def stop(self, timeout: float = 10.0) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        with contextlib.suppress(FileNotFoundError):
            self.pid_file.unlink()

    def restart_pcscd(self) -> None:
        """Stops pcscd and starts it again (waits for the old one to exit first)."""
        self.stop()
        self.start()

    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def _write_reader_config(self) -> Path:
        config_dir = self.run_dir / "reader.conf.d"
        if config_dir.exists():
            shutil.rmtree(config_dir)
        config_dir.mkdir(parents=True)
        for driver in range(self.readers // READERS_PER_DRIVER):
            library = VPCD_LIBRARY
            if driver > 0:
                # pcscd loads a library path once; another path gives another instance.
                library = self.run_dir / "lib" / f"libifdvpcd-{driver + 1}.so"
                library.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(VPCD_LIBRARY, library)
            port = self.base_port + driver * READERS_PER_DRIVER
            (config_dir / f"vpcd-{driver + 1}").write_text(
                f'FRIENDLYNAME "Virtual PCD {driver + 1}"\n'
                f"DEVICENAME   /dev/null:0x{port:04X}\n"
                f"LIBPATH      {library}\n"
                f"CHANNELID    0x{port:04X}\n",
                encoding="utf-8",
            )
        return config_dir

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                raise PcscStackError(f"pcscd exited at start:\n{self._log_tail()}")
            if _socket_accepts(self.socket_path):
                return
            time.sleep(0.05)
        raise PcscStackError(f"pcscd not ready after {timeout:.0f} s:\n{self._log_tail()}")

    def _log_tail(self) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-20:])
        except FileNotFoundError:
            return "(no log)"

    def stop_leftover(self) -> None:
        """Stops a pcscd this stack started in an earlier run that was killed."""
        try:
            pid = int(self.pid_file.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signal.SIGTERM)
        _wait_gone(pid)
        with contextlib.suppress(FileNotFoundError):
            self.pid_file.unlink()

    def _refuse_foreign_daemon(self) -> None:
        pid_file = SYSTEM_SOCKET_DIR / "pcscd.pid"
        try:
            pid = int(pid_file.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return
        if _alive(pid):
            raise PcscStackError(
                f"another pcscd (pid {pid}) already serves {SYSTEM_SOCKET_DIR}; stop it first "
                "(for example: systemctl stop pcscd.socket pcscd, or kill it)"
            )


def _socket_accepts(path: Path) -> bool:
    # pcscd opens its socket only after the readers of its configuration are loaded.
    if not path.exists():
        return False
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        try:
            client.connect(str(path))
        except OSError:
            return False
    return True


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _wait_gone(pid: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and _alive(pid):
        time.sleep(0.05)
    if _alive(pid):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signal.SIGKILL)
