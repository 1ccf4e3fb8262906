# The two commands of the README: `make run` and `make test`. Everything they need is installed here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= var/policykg.lbug
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev build serve lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-dev: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'

build: install
	$(BIN)/policykg build --db $(DB) --if-missing

run: build
	$(BIN)/policykg serve --db $(DB) --host $(HOST) --port $(PORT)

test: install-dev
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: install-dev
	$(BIN)/ruff check .

bench: install-dev
	$(BIN)/python bench/ingest.py

clean:
	rm -rf var .pytest_cache
