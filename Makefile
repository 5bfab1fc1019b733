# CityPeers: the front door. `make run` serves a seeded site; `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
HOST ?= 127.0.0.1
PORT ?= 8000
export OPENBLAS_NUM_THREADS := 1

.DEFAULT_GOAL := help
.PHONY: help install run serve setup test test-sqlite test-postgres lint typecheck check-deploy bench bench-quick screenshots directory-data openapi-snapshot clean

help: ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-16s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json
	npm install --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed ## install Python packages into .venv and front-end packages into node_modules

.env:
	$(PY) tools/dev_env.py

setup: install .env ## write a development .env if none, migrate, load the directory, taxonomy, demo content and demo accounts (keeps existing data)
	CITYPEERS_DEBUG=1 $(BIN)/citypeers migrate --no-input
	CITYPEERS_DEBUG=1 $(BIN)/citypeers setup_site

run: setup ## install, migrate, load data and serve on http://127.0.0.1:8000
	CITYPEERS_DEBUG=1 $(BIN)/citypeers runserver $(HOST):$(PORT)

serve: install ## production-style server (gunicorn, 2 workers); needs CITYPEERS_SECRET_KEY
	$(BIN)/citypeers collectstatic --no-input -v0
	$(BIN)/gunicorn citypeers.wsgi -w 2 -b $(HOST):$(PORT) --preload -c python:citypeers.matching.gunicorn_hooks

test: install test-sqlite test-postgres ## the whole suite, on SQLite and on PostgreSQL

test-sqlite: install
	$(BIN)/pytest -q -n 2

test-postgres: install
	@if $(PY) tools/pg_available.py "$(PG_URL)"; then \
		DATABASE_URL=$(PG_URL) $(BIN)/pytest -q -n 2; \
	elif [ -n "$$CI" ]; then echo "PostgreSQL at $(PG_URL) is required in CI"; exit 1; \
	else echo "PostgreSQL at $(PG_URL) not reachable: skipped the PostgreSQL run"; fi

lint: install typecheck ## ruff, the app order (import-linter), mypy and migrations in step with the models
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/lint-imports
	CITYPEERS_DEBUG=1 $(BIN)/citypeers makemigrations --check --dry-run

# Engines (strict), services and selectors. `sort` drops the duplicate core/services.py, which
# mypy would refuse as a module named twice.
TYPECHECK_PATHS := $(sort $(wildcard src/citypeers/*/engine src/citypeers/search/backends/columns.py src/citypeers/*/services* src/citypeers/*/selectors* src/citypeers/*/*_selectors.py src/citypeers/core/services.py))
TYPECHECK := CITYPEERS_DEBUG=1 $(BIN)/mypy $(TYPECHECK_PATHS)

typecheck: install ## mypy on the engines (strict), services and selectors
	$(TYPECHECK)

check-deploy: install ## Django's deployment checklist with production settings
	CITYPEERS_DEBUG=0 CITYPEERS_SECRET_KEY=$$(head -c 48 /dev/urandom | base64) \
		CITYPEERS_ALLOWED_HOSTS=citypeers.example.org $(BIN)/citypeers check --deploy --fail-level WARNING

bench: install ## benchmarks (ratios against baselines run in the same process)
	$(PY) bench/run_all.py

bench-quick: install ## every benchmark at tiny sizes, to check they still run (the suite does too)
	$(PY) bench/run_all.py --quick

openapi-snapshot: install ## rewrite tests/api/openapi.json after a deliberate API change
	$(PY) tools/openapi_snapshot.py

screenshots: setup ## headless Chromium screenshots of the main pages into var/screenshots
	$(PY) tools/screenshots.py

DATA ?= ../shared/data
directory-data: ## rebuild the shipped directory (src/citypeers/directory/data/) from Census files in DATA
	$(PYTHON) tools/build_directory.py --data $(DATA)

clean:
	rm -rf $(VENV) node_modules var
