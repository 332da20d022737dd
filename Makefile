# Two commands do all set-up on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# The browser and HTML-validity tests also need Debian's Chromium (Playwright drives
# /usr/bin/chromium; it never downloads a browser), a Java runtime for the Nu Html
# Checker, and two pinned npm packages in .tools/checkers/: vnu-jar and axe-core. `make test`
# installs them (as root; otherwise it says how, and those tests are skipped).
# `make serve` and `make build` need none of it.
CHECKERS := .tools/checkers
VNU_VERSION := 26.9.27
AXE_VERSION := 4.14.1
CHECKERS_STAMP := $(CHECKERS)/.installed-vnu-$(VNU_VERSION)-axe-$(AXE_VERSION)

.PHONY: install check test test-quick compat lint build serve schema bench bench-scale clean browser-deps

install: $(STAMP)

# Re-install only when the project definition changed; otherwise this is instant.
# With the other builders (ProperDocs, Zensical): `make test` runs their tests too, which
# take about a minute; `sluss build` without --builder needs neither.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,builders]'
	@touch $(STAMP)

check: install
	$(BIN)/sluss check

lint: install
	$(BIN)/ruff check scripts tests bench
	$(BIN)/ruff format --check scripts tests bench
	$(BIN)/mypy

test: install lint browser-deps
	$(BIN)/pytest -q

# Only the tests that build the sample with ProperDocs and Zensical and hold their sites
# to what the MkDocs build promises (tests/test_builders.py; `make test` runs them too).
compat: install browser-deps
	$(BIN)/pytest -q -m compat

# The loop while working: no browser, no site built beyond the one shared sample.
test-quick: install
	$(BIN)/pytest -q -m "not slow and not browser"

# Quick when everything is there: a few `command -v` and one stamp file.
browser-deps: $(CHECKERS_STAMP)
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	test -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf || missing="$$missing fonts-dejavu-core"; \
	java -version >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "make: installing$$missing from Debian"; \
		mkdir -p /usr/share/man/man1; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$$missing; \
	else \
		echo "make: the browser and HTML tests need:$$missing"; \
		echo "      install with:  sudo apt-get install$$missing   (until then they are skipped)"; \
	fi

$(CHECKERS_STAMP):
	@if ! command -v npm >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; \
	fi
	@if command -v npm >/dev/null 2>&1; then \
		mkdir -p $(CHECKERS) && \
		npm install --prefix $(CHECKERS) --no-audit --no-fund --ignore-scripts --save-exact \
			--loglevel=error vnu-jar@$(VNU_VERSION) axe-core@$(AXE_VERSION) && touch $@ \
		|| echo "make: npm could not install vnu-jar and axe-core (until then those tests are skipped)"; \
	else \
		echo "make: npm is missing: install Node.js and npm (Debian: apt-get install nodejs npm)"; \
		echo "      for vnu-jar and axe-core in $(CHECKERS)/ (until then those tests are skipped)"; \
	fi

build: install
	$(BIN)/sluss build

serve: install
	$(BIN)/sluss serve

schema: install
	$(BIN)/sluss schema

# All benchmarks; the scale ones (1 000 / 5 000 / 10 000 synthetic ideas, Chromium
# for the page and preview figures) take 15–25 minutes on two cores and write their
# tables into bench/RESULTS.md.
bench: bench-scale
	$(BIN)/python bench/bench_check.py
	$(BIN)/python bench/bench_build.py
	$(BIN)/python bench/bench_history.py
	$(BIN)/python bench/bench_similar.py

bench-scale: install browser-deps
	$(BIN)/python bench/bench_scale.py --write
	$(BIN)/python bench/bench_preview.py --write

clean:
	rm -rf site docs/slussen .pytest_cache .mypy_cache .ruff_cache
