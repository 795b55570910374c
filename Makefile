# Everyday tasks. `make up` and `make test` set everything up first (virtual environment, install).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: setup up test lint typecheck verify pytest protos protos-check bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

up: setup
	$(BIN)/reglament up --demo

test: setup lint typecheck verify chromium pytest coverage-gate

lint: setup
	$(BIN)/ruff check .

typecheck: setup
	$(BIN)/mypy

verify: setup
	$(BIN)/reglament verify

pytest: setup
	$(BIN)/pytest -q

protos: setup
	$(BIN)/python scripts/gen_protos.py

bench: setup
	$(BIN)/python bench/pipeline.py
	$(BIN)/python bench/rules.py
	$(BIN)/python bench/rpc.py

clean:
	rm -rf $(VENV) var build *.egg-info .pytest_cache .mypy_cache .ruff_cache

# --- the legal department: features, traceability report, coverage gate ------------------------------
.PHONY: bdd report coverage-gate gate chromium

# The feature suite alone; it records var/bdd-results.json and var/cucumber.json.
bdd: setup
	$(BIN)/pytest -q tests/bdd

# The HTML traceability report of the last recorded results: var/trace/<reglament-id>.html.
report: setup
	$(BIN)/reglament trace --html var/trace

# The gate over the results already recorded (after `make pytest` or `make bdd`).
coverage-gate: setup
	$(BIN)/reglament trace --gate --html var/trace

# Run the features, then the gate over their results.
gate: setup
	$(BIN)/pytest -q tests/bdd
	$(BIN)/reglament trace --gate --html var/trace

# Headless Chromium for the HTML report test (Debian package `chromium`); installed when missing.
chromium:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium); \
	  elif sudo -n true 2>/dev/null; then \
	    (sudo -n apt-get update -q && sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium); \
	  fi; \
	  command -v chromium >/dev/null 2>&1 || { \
	    echo; echo "!!! headless Chromium is missing and could not be installed (apt-get install chromium needs root):"; \
	    echo "!!! the HTML report test (tests/trace/test_report_html.py) will be SKIPPED"; echo; }; }
