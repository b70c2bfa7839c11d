"""Runs the portal (Reflex, production mode) as a child process with offline-safe settings."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path

from simulators.stack.processes import ManagedProcess

PROJECT_ROOT = Path(__file__).resolve().parents[2]
TOOLS = PROJECT_ROOT / ".tools"
DEFAULT_PORT = 3000


@functools.cache
def npm_registry() -> str:
    """The registry npm is configured with here; Reflex would otherwise probe mirrors."""
    npm = shutil.which("npm")
    if npm is None:
        return ""
    result = subprocess.run(
        [npm, "config", "get", "registry"], capture_output=True, text=True, check=False
    )
    return result.stdout.strip() if result.returncode == 0 else ""


def web_dir_for(port: int) -> Path:
    """The frontend build folder for a port: a build has its backend's address baked in."""
    return PROJECT_ROOT / (".web" if port == DEFAULT_PORT else f".web-{port}")


def portal_environment(
    *, port: int, web_dir: Path, overrides: Mapping[str, str] | None = None
) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "REFLEX_BUN_PATH": str(TOOLS / "bin" / "bun"),
            "REFLEX_DIR": str(TOOLS / "reflex"),
            "BUN_INSTALL_CACHE_DIR": str(TOOLS / "bun-cache"),
            "REFLEX_TELEMETRY_ENABLED": "false",
            "REFLEX_CHECK_LATEST_VERSION": "false",
            "REFLEX_WEB_WORKDIR": str(web_dir),
            "MONESPACE_PORT": str(port),
            "MONESPACE_PUBLIC_ORIGIN": f"http://localhost:{port}",
            # The portals these stacks run trust the simulators' test root.
            "MONESPACE_DEMO_MODE": "true",
            "PYTHONUNBUFFERED": "1",
        }
    )
    registry = npm_registry()
    if registry:
        env["NPM_CONFIG_REGISTRY"] = registry.rstrip("/")
    env.update(overrides or {})
    return env


def portal_process(
    *,
    port: int,
    web_dir: Path,
    pid_dir: Path,
    log_path: Path,
    overrides: Mapping[str, str] | None = None,
) -> ManagedProcess:
    return ManagedProcess(
        name=f"portal-{port}",
        argv=[
            str(PROJECT_ROOT / ".venv" / "bin" / "reflex"),
            "run",
            "--env",
            "prod",
            "--single-port",
            "--loglevel",
            "warning",
        ],
        pid_dir=pid_dir,
        env=portal_environment(port=port, web_dir=web_dir, overrides=overrides),
        cwd=PROJECT_ROOT,
        log_path=log_path,
    )
