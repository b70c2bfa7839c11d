# Mon Espace — the two commands: `make demo` runs the portal with its simulated hardware,
# `make test` runs every test. Both install whatever is missing first.
.PHONY: demo demo-scaled test bootstrap lint unit e2e clean

bootstrap:
	@bash scripts/bootstrap.sh

demo: bootstrap
	@.venv/bin/python -m simulators.demo

test: bootstrap
	@bash scripts/test.sh

lint: bootstrap
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy .
	.venv/bin/lint-imports --no-cache

unit: bootstrap
	.venv/bin/pytest tests/unit

e2e: bootstrap
	.venv/bin/pytest e2e

clean:
	rm -rf .web .web-* .web-scaled-* var/stamps

# The portal as deployed: PostgreSQL, Redis, two backends behind nginx (docs/scaling.md).
demo-scaled: bootstrap
	@.venv/bin/python -m simulators.demo --backends $${BACKENDS:-2}
