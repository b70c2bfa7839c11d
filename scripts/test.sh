#!/usr/bin/env bash
# Every check of the project: lint, types, unit, integration (real pcscd, SMTP, SQLite, and
# PostgreSQL for the races), the Playwright journeys in Chromium against the portal in production
# mode, and a representative set of them against the scaled stack.
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
# The portal as deployed (docs/scaling.md): PostgreSQL, Redis, two backends behind nginx; the
# representative journeys (marked `scaled`) and the faults it must survive.
echo "==> pytest: journeys and faults against the scaled stack (PostgreSQL, Redis, 2 backends, nginx)"
MONESPACE_E2E_STACK=scaled .venv/bin/pytest e2e -m scaled "$@"
