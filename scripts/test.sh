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
echo "==> import-linter: layers only import downward (docs/architecture.md)"
.venv/bin/lint-imports --no-cache
# Two runs: each has its own private pcscd, and the virtual cards of one never meet the other's.
echo "==> pytest: unit and integration"
.venv/bin/pytest tests "$@"
echo "==> pytest: end-to-end journeys in Chromium"
.venv/bin/pytest e2e "$@"
