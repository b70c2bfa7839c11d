#!/usr/bin/env bash
# Every check of the project: lint, types, unit, integration (real pcscd, SMTP, SQLite) and the
# Playwright journeys in Chromium against the portal in production mode.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "==> ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "==> mypy"
.venv/bin/mypy .
echo "==> pytest (unit, integration, end-to-end)"
.venv/bin/pytest "$@"
