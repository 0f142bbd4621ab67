# Jingkang — every target does its own set-up. `make run` serves the app; `make test` runs every test.
SHELL := /bin/bash
.DEFAULT_GOAL := run

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 3000
BUN_VERSION := 1.4.4

export REFLEX_TELEMETRY_ENABLED := false
export REFLEX_CHECK_LATEST_VERSION := false
export PYTHONUNBUFFERED := 1
# PostgreSQL of this machine kind (trust auth); the domain, API and one browser test also run against it.
export JINGKANG_TEST_PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
export JINGKANG_TEST_REDIS_URL ?= redis://127.0.0.1:6379/0

.PHONY: run dev test test-deps setup migrate seed lint format bench clean

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

# Reflex needs a JS runtime newer than this machine's Node: bun from the npm registry.
bun:
	@command -v bun >/dev/null || npm install -g --allow-scripts=bun bun@$(BUN_VERSION) || npm install -g bun@$(BUN_VERSION)

setup: $(VENV)/.installed bun

migrate: setup
	$(PY) -m jingkang_app.migrate

seed: migrate
	PORT=$(PORT) $(PY) -m jingkang_app.seed

# The production build on ONE port (front end and back end); Ctrl-C stops it.
run: seed
	exec $(VENV)/bin/reflex run --env prod --frontend-port $(PORT) --backend-port $(PORT) --loglevel warning

dev: seed
	exec $(VENV)/bin/reflex run --frontend-port $(PORT) --backend-port $$(($(PORT)+1))

# Browser tests use Debian's Chromium and CJK fonts (no browser download).
test-deps: setup
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! fc-list | grep -qi 'Noto Sans CJK'; then \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver fonts-noto-cjk; \
	fi

test: test-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/pytest

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: setup
	@for script in bench/*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

clean:
	rm -rf .web .states __pycache__ .pytest_cache .ruff_cache
