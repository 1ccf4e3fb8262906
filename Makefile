# The two commands of the README: `make run` and `make test`. Everything they need is installed here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= var/policykg.lbug
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 1
NODE_DEPS := node_modules/.package-lock.json

.PHONY: run test install install-dev system-deps fonts node node-packages browser chromium web build serve lint lint-cypher \
	bench clean compose-up

# Debian packages the project needs beyond Python, each installed only when missing: a CJK font for figures
# and screenshots with Chinese text, Node.js/npm for the web client's libraries, Chromium for the browser
# tests. apt-get needs root: as root it runs directly (CI, containers), otherwise through sudo when there is
# one; with neither, the target says which package to install and stops.
APT := $(shell if [ "$$(id -u)" = 0 ]; then echo "env DEBIAN_FRONTEND=noninteractive apt-get"; \
	elif command -v sudo >/dev/null 2>&1; then echo "sudo env DEBIAN_FRONTEND=noninteractive apt-get"; fi)
define apt_install
	@if [ -z "$(APT)" ] || ! command -v apt-get >/dev/null 2>&1; then \
		echo "missing $(1): install it with your package manager (Debian: apt-get install $(1), as root)"; exit 1; \
	fi; \
	echo "installing $(1) ($(APT))"; $(APT) update -qq && $(APT) install -y -qq $(1) >/dev/null
endef

system-deps:
	@fc-list 2>/dev/null | grep -q "Noto Sans CJK" || $(MAKE) --no-print-directory fonts

fonts:
	$(call apt_install,fonts-noto-cjk fontconfig)

node:
	@command -v npm >/dev/null 2>&1 || $(MAKE) --no-print-directory node-packages

node-packages:
	$(call apt_install,nodejs npm)

# Debian's Chromium for the web client's end-to-end tests (Playwright drives it; no browser download).
browser:
	@[ -x /usr/bin/chromium ] || $(MAKE) --no-print-directory chromium

chromium:
	$(call apt_install,chromium)

# The web client's libraries from the npm registry (package-lock.json), copied into app/web/static/vendor.
web: node app/web/static/vendor/.built

app/web/static/vendor/.built: app/web/package-lock.json app/web/build_vendor.py
	cd app/web && npm ci --no-audit --no-fund --loglevel=error --ignore-scripts
	$(PYTHON) app/web/build_vendor.py
	touch $@

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-dev: $(BIN)/python node $(NODE_DEPS)
	$(BIN)/pip install --quiet -e '.[dev]'

# The Cypher linter's Node packages (tools/lint-cypher.mjs, run by tests/test_cypher_lint.py): `npm ci` runs
# only when package-lock.json changed or node_modules is missing (npm ci rewrites node_modules/.package-lock.json).
$(NODE_DEPS): package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --loglevel=error; \
	else \
		echo "npm not found: install Node.js and npm to lint the Neo4j Cypher (its test is skipped without node)"; \
	fi

build: install system-deps web
	$(BIN)/policykg build --db $(DB) --if-missing

run: build
	$(BIN)/policykg serve --db $(DB) --host $(HOST) --port $(PORT) --workers $(WORKERS)

test: install-dev system-deps browser web
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: install-dev lint-cypher
	$(BIN)/ruff check .

# Every Neo4j statement (named queries, cypher/schema/neo4j.cypher, the store's generated Cypher) through
# Neo4j's own parser and semantic analysis; no Neo4j server needed.
lint-cypher: install-dev
	node tools/lint-cypher.mjs

# Production: Neo4j, the API and a one-shot loader of the bundled corpus (docker-compose.yml; needs Docker).
compose-up:
	docker compose up -d --build

bench: install-dev
	$(BIN)/python bench/ingest.py

clean:
	rm -rf var .pytest_cache
