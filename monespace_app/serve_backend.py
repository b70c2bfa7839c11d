"""One backend process of a scaled deployment: the event websocket, the HTTP endpoints and the
compiled pages, behind a load balancer (docs/scaling.md).

    REFLEX_WEB_WORKDIR=/srv/monespace/web python -m monespace_app.serve_backend --port 8001

The frontend is built once (``reflex export --frontend-only --no-zip --env prod`` into the same
``REFLEX_WEB_WORKDIR``) and shared by every backend; the balancer serves its hashed assets itself.
The pages' HTML still comes from a backend because every answer to a browser without the
pre-login cookie must set one (monespace_app/browser_cookie.py, login CSRF), and the security
headers are the portal's own.

Each process runs one worker: the balancer spreads the load over processes (one per core), and
one process can be killed or restarted without the others noticing. With ``REFLEX_REDIS_URL`` set
the tabs' states are in Redis and any backend serves any event; without it this command refuses
to start, since a second backend would not find the first one's states.
"""

from __future__ import annotations

import argparse
import os
import sys

from reflex.utils.exec import run_granian_backend_prod
from reflex_base.constants import Env, LogLevel
from reflex_base.environment import environment


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m monespace_app.serve_backend")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    levels = [level.value for level in LogLevel]
    parser.add_argument("--loglevel", default="warning", choices=levels)
    args = parser.parse_args(argv)
    if not os.environ.get("REFLEX_REDIS_URL"):
        print(
            "error: REFLEX_REDIS_URL is not set: several backends share the tabs' states only "
            "through Redis (run one portal with `reflex run --env prod --single-port` instead)",
            file=sys.stderr,
        )
        return 2
    # Set before reflex reads its environment: production, no compile (the build is shared and
    # made once), the compiled pages mounted, one worker per process.
    os.environ["GRANIAN_WORKERS"] = "1"
    os.environ.setdefault("REFLEX_TELEMETRY_ENABLED", "false")
    environment.REFLEX_ENV_MODE.set(Env.PROD)
    environment.REFLEX_SKIP_COMPILE.set(True)
    environment.REFLEX_MOUNT_FRONTEND_COMPILED_APP.set(True)

    run_granian_backend_prod(args.host, args.port, LogLevel(args.loglevel))
    return 0


if __name__ == "__main__":
    sys.exit(main())
