"""nginx (Debian's) in front of several portal backends: the hashed assets of the one frontend
build served from disk, everything else (pages, the event websocket, the HTTP endpoints) balanced
over the backends.

The configuration is rendered by ``nginx_config`` so that a deployment can take the same file
(docs/scaling.md); this module only adds the private folders of a run (pid, logs, temp files).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from monespace_app.security_headers import headers_for
from simulators.stack.processes import ManagedProcess

# Files the build holds under content-hashed names, and the public assets: nginx answers them
# from disk (gzip sidecars included) so that a backend only handles pages, events and endpoints.
STATIC_EXTENSIONS = "js|mjs|css|map|png|svg|ico|jpg|jpeg|webp|gif|woff|woff2|ttf|txt|webmanifest"


def nginx_binary() -> str:
    found = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if found is None:
        raise RuntimeError("nginx not found: install Debian's nginx (make bootstrap does)")
    return found


def nginx_config(
    *,
    listen_port: int,
    backend_ports: Sequence[int],
    static_dir: Path,
    public_origin: str,
    run_dir: Path,
    worker_user: str | None = None,
) -> str:
    backends = "\n".join(
        # Never marked down: a backend stopped here refuses at once and the request goes to the
        # next one, whereas one marked down stays skipped for its fail_timeout even once back up,
        # and with the other one down too nginx answers 502 "no live upstreams". (Across
        # machines, where a dead host times out, keep the short proxy_connect_timeout below.)
        f"        server 127.0.0.1:{port} max_fails=0;"
        for port in backend_ports
    )
    security = "\n".join(
        f'        add_header {name.decode()} "{value.decode()}" always;'
        for name, value in headers_for(public_origin)
    )
    temp = run_dir / "tmp"
    user_line = f"user {worker_user};\n" if worker_user else ""
    return f"""{user_line}worker_processes 1;
daemon off;
pid {run_dir / "nginx.pid"};
error_log {run_dir / "error.log"} warn;

events {{
    worker_connections 8192;
}}

http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    server_tokens off;
    sendfile on;
    client_body_temp_path {temp / "body"};
    proxy_temp_path {temp / "proxy"};
    fastcgi_temp_path {temp / "fastcgi"};
    uwsgi_temp_path {temp / "uwsgi"};
    scgi_temp_path {temp / "scgi"};
    # Dossier attachments are refused above 10 MB by the portal, with its own message.
    client_max_body_size 12m;

    map $http_upgrade $connection_upgrade {{
        default upgrade;
        ''      '';
    }}

    upstream monespace_backends {{
        # Websockets live long: a new one goes to the backend holding the fewest.
        least_conn;
{backends}
        keepalive 32;
    }}

    server {{
        listen 127.0.0.1:{listen_port};
        server_name localhost;

        location ~* \\.({STATIC_EXTENSIONS})$ {{
            root {static_dir};
            gzip_static on;
            try_files $uri @backend;
{security}
            add_header Cache-Control "public, max-age=3600" always;
        }}

        location / {{
            try_files /nonexistent @backend;
        }}

        location @backend {{
            proxy_pass http://monespace_backends;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $http_host;
            # The portal counts throttles by the last address this one proxy saw
            # (MONESPACE_TRUSTED_PROXY_HOPS=1); what a client wrote before it is not trusted.
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_connect_timeout 2s;
            proxy_read_timeout 3600s;
            proxy_send_timeout 3600s;
            # A backend killed mid-request: the next one answers (for requests that may be
            # repeated; a POST already sent is not sent twice).
            proxy_next_upstream error timeout http_502 http_503;
            proxy_next_upstream_tries 2;
            proxy_buffering off;
        }}
    }}
}}
"""


@dataclass
class NginxBalancer:
    run_dir: Path
    listen_port: int
    backend_ports: Sequence[int]
    static_dir: Path
    public_origin: str
    process: ManagedProcess | None = field(default=None, init=False)

    @property
    def config_path(self) -> Path:
        return self.run_dir / "nginx.conf"

    @property
    def _error_log(self) -> Path:
        return self.run_dir / "error.log"

    def start(self) -> None:
        for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.run_dir / "tmp" / sub).mkdir(parents=True, exist_ok=True)
        worker_user = "www-data" if os.geteuid() == 0 else None
        self.config_path.write_text(
            nginx_config(
                listen_port=self.listen_port,
                backend_ports=self.backend_ports,
                static_dir=self.static_dir,
                public_origin=self.public_origin,
                run_dir=self.run_dir,
                worker_user=worker_user,
            ),
            encoding="utf-8",
        )
        binary = nginx_binary()
        check = subprocess.run(
            [binary, "-t", "-q", "-c", str(self.config_path), "-e", str(self._error_log)],
            capture_output=True,
            text=True,
            check=False,
        )
        if check.returncode != 0:
            raise RuntimeError(f"nginx refuses its configuration:\n{check.stderr}")
        # Recorded as balancer.pid (nginx writes its own nginx.pid): a balancer an earlier,
        # killed run left is stopped first.
        self.process = ManagedProcess(
            "balancer",
            [binary, "-c", str(self.config_path), "-e", str(self._error_log)],
            self.run_dir,
        )
        self.process.start()
        self._wait_listening()

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop()
        self.process = None

    def running(self) -> bool:
        return self.process is not None and self.process.running()

    def _wait_listening(self, timeout: float = 15) -> None:
        import socket

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and not self.process.running():
                log = self._error_log.read_text(errors="replace")[-2000:]
                raise RuntimeError(f"nginx exited:\n{log}")
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.listen_port)) == 0:
                    return
            time.sleep(0.1)
        raise RuntimeError(f"nginx not listening on {self.listen_port}")
