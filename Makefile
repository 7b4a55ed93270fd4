# Two commands: `make run` (set up, build, serve) and `make test` (set up, run every test).
# Both work offline once the Python packages (and, for `make test`, the npm package axe-core) are installed.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha256sum requirements.txt | cut -c1-12)
DB := $(or $(LPIP_DB),data/lpip.duckdb)
GEO_DIR := $(or $(LPIP_GEO_DIR),data/geo)
PORT ?= 8501
# axe-core (npm) for the browser tests' accessibility tier, pinned with its checksum in package-lock.json.
AXE_DIR := tests/e2e/axe
AXE := $(AXE_DIR)/node_modules/axe-core/axe.min.js

.PHONY: setup axe run build test boundaries validate bench clean

setup: $(STAMP)

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# Installed once from package-lock.json; offline afterwards. Without npm (or offline before the first install)
# the accessibility tests skip with a reason, and fail under CI=true, like the browser tests without Chromium.
axe: $(AXE)

$(AXE): $(AXE_DIR)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix $(AXE_DIR) --no-audit --no-fund --loglevel=error && touch $@ \
		|| echo "make: could not install axe-core (offline?); the accessibility tests will be skipped"; \
	else echo "make: npm not found (apt-get install npm); the accessibility tests will be skipped"; fi

# Boundaries are optional: without them the map shows points and says how to add them.
boundaries: setup
	@test -f $(GEO_DIR)/itl1.geojson || $(PY) -m lpipdata geo fetch --out $(GEO_DIR) \
		|| echo "make: continuing without boundary files (see the message above)"

# Rebuilt whenever a CSV, the schema, a SQL read model or a boundary file is newer than the database.
$(DB): $(STAMP) data/datapackage.json $(wildcard data/*.csv) $(wildcard lpipdata/sql/*.sql) $(wildcard $(GEO_DIR)/*.geojson)
	$(PY) -m lpipdata build --out $(DB) --geo $(GEO_DIR)

build: $(DB)

validate: setup
	$(PY) -m lpipdata validate data

run: setup boundaries
	@$(MAKE) --no-print-directory build
	$(PY) -m streamlit run dashboard.py --server.port $(PORT) --server.headless true

test: setup axe
	$(PY) -m pytest

bench: setup
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) data/lpip.duckdb tests/artifacts .pytest_cache $(AXE_DIR)/node_modules
