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

test: setup lint typecheck verify pytest

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

clean:
	rm -rf $(VENV) var build *.egg-info .pytest_cache .mypy_cache .ruff_cache
