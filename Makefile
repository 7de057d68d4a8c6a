# Everything a fresh machine with Python 3.11 and git needs: `make serve`, `make site`, `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export NO_MKDOCS_2_WARNING := 1

.PHONY: install serve site lint test chromium bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

install: $(STAMP)  ## set up the virtual environment

# --livereload is explicit because click 8.2.2-8.3.x silently turned it off (mkdocs#4032).
serve: $(STAMP)  ## serve the example portfolio with live reload on http://127.0.0.1:8000
	$(BIN)/mkdocs serve --livereload

site: $(STAMP)  ## strict build of content/ into site/
	$(BIN)/mkdocs build --strict

# The browser tests drive Debian's Chromium (Playwright's own browser download is never used).
SUDO := $(shell [ "$$(id -u)" = 0 ] || ! command -v sudo >/dev/null || echo sudo)

chromium:  ## install Debian's Chromium for the browser tests when it is missing
	@command -v chromium >/dev/null || ($(SUDO) apt-get update && $(SUDO) apt-get install -y chromium)

lint: $(STAMP)  ## ruff (lint and format check) and mypy (strict) over the package, the tests and the benchmark
	$(BIN)/ruff check mkdocs_cjm tests bench
	$(BIN)/ruff format --check mkdocs_cjm tests bench
	$(BIN)/mypy

# One pytest-xdist worker per core; a module's tests stay on one worker, so each module-scoped
# site is built once, and each worker has its own example site, servers, Chromium and temporary
# folders. `make test PYTEST_ARGS=` runs everything in one process.
PYTEST_ARGS ?= -n auto --dist loadscope
test: lint chromium  ## lint and type checks, then the whole test suite (tests/browser/ needs Chromium: `make chromium`)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

BENCH_ARGS ?= -n 100 1000 --runs 3
bench: $(STAMP)  ## the plugin against the same portfolio as plain Markdown, then a serve rebuild (BENCH_ARGS=...)
	$(BIN)/python bench/run.py $(BENCH_ARGS)
	$(BIN)/python bench/rebuild.py -n 1000

clean:
	rm -rf site $(VENV) dist .pytest_cache
