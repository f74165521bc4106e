# One Workforce: `make run` serves the demo partnership, `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.installed
NPM_STAMP := node_modules/.installed
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Two pytest-xdist workers by default (each with its own database and live server); an idle
# worker takes tests queued for the other (worksteal), so one long test (the crawl of the demo)
# does not leave a worker idle at the end. Set PYTEST_ARGS= to run in one process, or add
# options such as -k or -x.
PYTEST_ARGS ?= -n 2 --dist worksteal
# pytest caches the assertion-rewritten bytecode of test modules and plugins (about 500 modules,
# most of them schemathesis's and hypothesis's); with PYTHONDONTWRITEBYTECODE set, every process
# would rewrite them all again at start, which costs each xdist worker seconds.
PYTEST := env -u PYTHONDONTWRITEBYTECODE $(BIN)/pytest

.PHONY: run install test test-postgres test-fast lint format check-deploy bench lock migrate demo clean help

help:
	@echo "make run            set up on first use and serve the demo partnership on http://$(HOST):$(PORT)"
	@echo "make test           the whole test suite on SQLite, browser journeys included"
	@echo "make test-postgres  the whole suite against a throwaway PostgreSQL cluster"
	@echo "make lint           ruff, mypy, the architecture lint (ADR 017), makemigrations --check"
	@echo "make bench          benchmarks (prints figures; not part of the test suite)"
	@echo "make lock           re-pin Python dependencies from pyproject.toml"

$(PY_STAMP): requirements-dev.txt pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found; install Python 3.11" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	# The lock file lists every package with its hash: install exactly it (--no-deps), so pip never
	# resolves an extra such as pandas[excel] to a newer release than the one pinned, then check it.
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements-dev.txt
	$(BIN)/pip check --disable-pip-version-check
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

$(NPM_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "error: npm not found; install Node.js 20" >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

install: $(PY_STAMP) $(NPM_STAMP)

migrate: install
	$(MANAGE) migrate --no-input
	$(MANAGE) createcachetable

demo: migrate
	$(MANAGE) load_demo

# Links in e-mails and documents (sign-in, bookings, certificates) open the address served here,
# unless SITE_URL is set.
SITE_URL ?= http://$(HOST):$(PORT)

run: demo
	SHOW_DEMO_BANNER=true SITE_URL=$(SITE_URL) $(MANAGE) runserver $(HOST):$(PORT)

test: install
	scripts/require-system-packages chromium
	$(PYTEST) $(PYTEST_ARGS)

test-postgres: install
	scripts/require-system-packages chromium postgresql
	scripts/with-postgres $(PYTEST) $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python scripts/lint_architecture.py
	DJANGO_SETTINGS_MODULE=oneworkforce.config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check-deploy: install
	DJANGO_SETTINGS_MODULE=oneworkforce.config.settings.production \
	SECRET_KEY="$$(head -c 48 /dev/urandom | base64)" ALLOWED_HOSTS=workforce.example.org \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

bench: install
	$(BIN)/python -m bench

lock: $(PY_STAMP)
	$(BIN)/uv pip compile pyproject.toml --generate-hashes --universal --python-version 3.11 --no-header -q -o requirements.txt
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --universal --python-version 3.11 --no-header -q -o requirements-dev.txt

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .ruff_cache .mypy_cache
