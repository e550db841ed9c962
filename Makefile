# Levelling-up readiness service: developer and CI entry points (GNU make).
#
# `make help` lists every target, from the "## " comment on its rule line (so a new target
# shows up there by giving it one). Everything runs through .venv/bin/python; nothing needs
# an activated virtualenv.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

VENV := .venv
PY := $(VENV)/bin/python
BOOT_PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null)
PYTEST_ARGS ?=
HOST_PORT ?= 127.0.0.1:8000

export PIP_DISABLE_PIP_VERSION_CHECK := 1
export PIP_NO_INPUT := 1
# Accessibility tests inject axe-core from here (it is not served as a static file).
export AXE_CORE_PATH := $(CURDIR)/node_modules/axe-core/axe.min.js

LOCKFILE := $(wildcard package-lock.json)
VENV_STAMP := $(VENV)/.requirements.stamp
NODE_STAMP := node_modules/.install.stamp
ASSETS_STAMP := static/govuk/VERSION

.PHONY: help install run test test-browser browser-deps check-deploy lint clean bench loadtest

help:  ## list these targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) \
	    | sed -E 's/^([a-z-]+):.*## (.*)$$/\1\t\2/' \
	    | awk -F '\t' '{ printf "make %-14s %s\n", $$1, $$2 }'

# ---------------------------------------------------------------- install

install: $(VENV_STAMP) $(NODE_STAMP) $(ASSETS_STAMP)  ## just set up .venv, node_modules and static/govuk

$(PY):
	@test -n "$(BOOT_PYTHON)" || { echo "Python 3.11 (python3.11 or python3) not found" >&2; exit 1; }
	@echo "Creating $(VENV) with $$($(BOOT_PYTHON) --version)"
	$(BOOT_PYTHON) -m venv $(VENV)

# Re-run pip only when a requirements file changes. (The grep drops this machine's
# pip-config noise about absent local indexes; pip's own exit code still counts.)
$(VENV_STAMP): requirements.txt requirements-dev.txt | $(PY)
	@echo "Installing Python packages into $(VENV)"
	$(PY) -m pip install --quiet -r requirements-dev.txt 2>&1 \
	    | { grep -v "' is ignored: it is neither a file nor a directory" || true; }
	@touch $@

# npm ci wipes node_modules, so the stamp inside it goes too.
$(NODE_STAMP): package.json $(LOCKFILE)
	@command -v npm >/dev/null || { echo "npm not found: install Node.js 20 and npm" >&2; exit 1; }
	@if [ -f package-lock.json ]; then \
	    npm ci --no-audit --no-fund --loglevel=error; \
	else \
	    npm install --no-audit --no-fund --loglevel=error; \
	fi
	@touch $@

$(ASSETS_STAMP): $(NODE_STAMP) scripts/build_govuk_assets.py | $(PY)
	$(PY) scripts/build_govuk_assets.py

# ---------------------------------------------------------------- run

run: install  ## set up and serve the app with demo data on HOST_PORT (127.0.0.1:8000), with a task worker
	DEBUG=true $(PY) manage.py migrate --noinput
	DEBUG=true $(PY) manage.py load_authorities --only-if-empty
	DEBUG=true $(PY) manage.py load_framework
	DEBUG=true $(PY) manage.py load_framework fixtures/framework/lipsit-2020-v2.yaml
	DEBUG=true $(PY) manage.py load_statistics
	DEBUG=true $(PY) manage.py seed_demo
	@echo
	@echo "Open http://$(HOST_PORT) and sign in with one of the accounts above"
	@echo "Emails are printed here by the background worker (manage.py db_worker) as it sends them"
	@echo
	@DEBUG=true $(PY) manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null || true; wait $$worker 2>/dev/null || true' EXIT; \
	DEBUG=true $(PY) manage.py runserver $(HOST_PORT)

# ---------------------------------------------------------------- tests

# Browser tests need Debian's chromium; install it only when there are browser tests
# and it is missing (about 15 s here), and only as root.
browser-deps:  ## install Debian chromium for the browser tests if it is missing (as root)
	@if [ -d tests/browser ] && [ ! -x /usr/bin/chromium ]; then \
	    if [ "$$(id -u)" -eq 0 ]; then \
	        echo "Installing Debian chromium (and Arial-compatible fonts) for browser tests"; \
	        apt-get update -qq; \
	        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	            chromium fonts-liberation >/dev/null; \
	    else \
	        echo "warning: /usr/bin/chromium is missing; browser tests need: sudo apt-get install chromium" >&2; \
	    fi; \
	fi

# Lint first: it takes a second, and CI runs exactly this target.
# pytest exits 5 when it collected no tests: that fails here too, on purpose.
# Then the tests marked both_databases (hostile input, concurrent requests) run again on
# SQLite, the embedded default of `make run` (there, none selected is not an error).
test: install browser-deps lint  ## lint, then every test against a throwaway PostgreSQL (and part again on SQLite)
	@rc=0; scripts/with_postgres.sh $(PY) -m pytest $(PYTEST_ARGS) || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests; failing" >&2; fi; \
	echo "make test: the tests marked both_databases again, on SQLite"; \
	src=0; DATABASE_URL=sqlite://:memory: $(PY) -m pytest -m both_databases -p no:cacheprovider $(PYTEST_ARGS) || src=$$?; \
	if [ $$src -ne 0 ] && [ $$src -ne 5 ] && [ $$rc -eq 0 ]; then rc=$$src; fi; \
	exit $$rc

# Not what CI runs; an empty or missing tests/browser is not an error here.
test-browser: install browser-deps  ## only the browser tests (tests/browser: Playwright + Debian chromium)
	@if [ ! -d tests/browser ]; then echo "No tests/browser directory yet"; exit 0; fi; \
	rc=0; scripts/with_postgres.sh $(PY) -m pytest tests/browser $(PYTEST_ARGS) || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "No browser tests collected yet"; exit 0; fi; \
	exit $$rc

# ---------------------------------------------------------------- benchmark

BENCH_AUTHORITIES ?= 1000
BENCH_ROUNDS ?= 20
BENCH_ARGS ?=

# A throwaway PostgreSQL, seeded with a synthetic national history, then timed page by
# page; writes docs/benchmarks-latest.md and bench/results.json.
bench: install  ## seed a throwaway PostgreSQL (BENCH_AUTHORITIES x BENCH_ROUNDS) and time the heavy pages
	scripts/with_postgres.sh bash -c 'DEBUG=true $(PY) manage.py migrate --noinput -v 0 \
	    && DEBUG=true $(PY) manage.py seed_bench --authorities $(BENCH_AUTHORITIES) --rounds $(BENCH_ROUNDS) \
	    && $(PY) bench/run_bench.py $(BENCH_ARGS)'

# ---------------------------------------------------------------- checks

# Production-like: DEBUG unset, a throwaway random SECRET_KEY, a real-looking host.
check-deploy: install  ## Django's deployment checks with production-like settings
	env -u DEBUG -u STATICFILES_BACKEND -u SECURE_SSL_REDIRECT -u SECURE_HSTS_SECONDS \
	    SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))')" \
	    ALLOWED_HOSTS=example.gov.uk \
	    $(PY) manage.py check --deploy --fail-level WARNING

# Rules, line length and import order live in pyproject.toml.
lint: install  ## ruff check (pyflakes, pycodestyle errors, import order, bugbear)
	$(PY) -m ruff check .

# ---------------------------------------------------------------- load and faults

# locust lives in its own virtualenv: it only speaks HTTP to the app and its pins
# must not constrain the app's.
LOAD_VENV := .venv-load
$(LOAD_VENV)/.stamp: requirements-load.txt
	$(BOOT_PYTHON) -m venv $(LOAD_VENV)
	$(LOAD_VENV)/bin/python -m pip install --quiet -r requirements-load.txt 2>&1 \
	    | { grep -v "' is ignored: it is neither a file nor a directory" || true; }
	@touch $@

loadtest: install $(LOAD_VENV)/.stamp  ## 50 users x 2 min on gunicorn + PostgreSQL, then a PostgreSQL outage
	scripts/loadtest.sh

clean:  ## remove .venv, .venv-load, node_modules and generated static files
	rm -rf $(VENV) $(LOAD_VENV) node_modules static/govuk staticfiles .pytest_cache .ruff_cache test-artifacts
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
