# The two commands: `make run` serves the site, `make test` runs the whole suite.
# Every target sets up the virtualenv first and is safe to run again.

SHELL := /bin/bash
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# Django 6 needs Python 3.12+: take the newest one on PATH or under pyenv.
PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 $$(ls -d $$HOME/.pyenv/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV) python3; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && { echo $$p; break; }; done)

.PHONY: run test test-fast lint lock bench setup db clean-db screenshots

# The translations' .mo files too, compiled from locale/*/LC_MESSAGES/django.po by Babel (pure
# Python: no system gettext); only the stale ones are rewritten.
setup: $(VENV)/.installed
	$(BIN)/python manage.py compile_catalogues

# Exact versions with hashes from requirements.lock (make lock writes it from pyproject.toml's
# ranges), then the project itself without resolving anything again.
$(VENV)/.installed: pyproject.toml requirements.lock
	@test -n "$(PYTHON)" || { echo "Python 3.12 or newer is needed (Django 6): install it, or run make PYTHON=/path/to/python3.12" >&2; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $@

lock: setup
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --extra dev \
		--no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

# Migrations, the offline gazetteer and demo meetings, each only when the database lacks them.
db: setup
	$(MANAGE) migrate --noinput
	$(MANAGE) load_toolbox
	$(MANAGE) load_places --if-empty
	$(MANAGE) seed_demo --if-empty

# The task queue's worker runs beside the web server; Ctrl-C (or any exit) stops both. The
# reminders' sweep is queued first unless one waits, so a chain a killed worker broke restarts.
# Printed as it starts (no @): the kill test waits for each step's command in make's output.
run: db
	$(MANAGE) start_reminders
	$(MANAGE) db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: setup
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) check
	@$(BIN)/pytest; status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests: the suite is missing." >&2; fi; \
	exit $$status

# Everything but the browser tests (marked e2e).
test-fast: setup
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) check
	@$(BIN)/pytest -m "not e2e"; status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests: the suite is missing." >&2; fi; \
	exit $$status

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

bench: db
	$(BIN)/python -m bench

# Stops nothing that is running: remove the embedded database only when no process uses it.
clean-db:
	rm -rf .data/postgres .data/postgres.*

# README's three screenshots (home, the finder on a phone, a worksheet) into docs/screenshots/,
# from the browser tests' live server (needs Chromium, like the browser tests).
screenshots: setup
	$(BIN)/python scripts/screenshots.py
