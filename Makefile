# Two commands do all set-up on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install check test lint build serve schema bench clean

install: $(STAMP)

# Re-install only when the project definition changed; otherwise this is instant.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

check: install
	$(BIN)/sluss check

lint: install
	$(BIN)/ruff check scripts tests bench
	$(BIN)/ruff format --check scripts tests bench
	$(BIN)/mypy

test: install lint
	$(BIN)/pytest -q

build: install
	$(BIN)/sluss build

serve: install
	$(BIN)/sluss serve

schema: install
	$(BIN)/sluss schema

bench: install
	$(BIN)/python bench/bench_check.py
	$(BIN)/python bench/bench_build.py

clean:
	rm -rf site docs/slussen .pytest_cache .mypy_cache .ruff_cache
