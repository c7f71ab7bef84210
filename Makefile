# Conveniences for developers. The README's two commands are scripts/run and scripts/test.
.PHONY: run test test-fast lint static

run:
	scripts/run

test:
	scripts/test

# SQLite-only inner loop: no PostgreSQL, Redis, worker or browser tests (not what CI runs).
test-fast:
	.venv/bin/ruff check .
	DATABASE_URL=sqlite:///:memory: .venv/bin/pytest -q -m "not worker and not browser and not postgres"

lint:
	.venv/bin/ruff check . && .venv/bin/ruff format --check .

# Rebuild static/css/shp.css and the vendored GOV.UK Frontend from package.json (needs npm).
static:
	scripts/build_static
