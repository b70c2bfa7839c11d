"""Chromium for Playwright on a machine where Playwright cannot download its own browser: the
system's build, kept off the internet (DESIGN §5). The project's own suites use the same."""

from __future__ import annotations

SYSTEM_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Every host name but the local ones fails at once: no lookup leaves the machine.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]
