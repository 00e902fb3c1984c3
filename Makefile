# The README's two commands: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export ETALASE_HOME := $(CURDIR)

.PHONY: run test test-postgres test-browser lint bench install install-test messages clean

$(BIN)/etalase: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

install: $(BIN)/etalase

install-test: install
	$(BIN)/pip install --quiet -r requirements.lock -e ".[test]"

# Compiled catalogues are build products (not committed): every install compiles them.
messages: install
	$(BIN)/pybabel -q compile -d src/etalase/locale -D django

run: install messages
	ETALASE_DEV=1 $(BIN)/etalase migrate --noinput
	ETALASE_DEV=1 $(BIN)/etalase seed_demo --if-empty
	ETALASE_DEV=1 $(BIN)/etalase runserver_with_worker $(HOST):$(PORT)

test: install-test messages
	$(BIN)/python -m pytest -p no:cacheprovider -n 2 --dist loadfile

test-browser: install-test messages
	$(BIN)/python -m pytest -p no:cacheprovider -m browser tests/browser

lint: install-test
	$(BIN)/ruff check src tests bench

bench: install-test messages
	$(BIN)/python bench/seed.py
	$(BIN)/python bench/intake.py
	$(BIN)/python bench/gallery.py
	$(BIN)/python bench/matching.py
	$(BIN)/python bench/insights.py
	$(BIN)/python bench/load.py

clean:
	rm -rf $(VENV) var staticfiles
