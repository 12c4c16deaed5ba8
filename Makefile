# The two commands of the README: `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= whowhom.duckdb

.PHONY: demo test lint install clean bench

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "whowhom needs Python 3.11 ($(PYTHON) not found); set PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/whowhom code examples/articles --db $(DB)
	$(BIN)/whowhom events --db $(DB) --limit 25
	$(BIN)/whowhom eval examples/examples.gold.jsonl

test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) $(DB) build .pytest_cache
