# observe: two commands for a newcomer.
#   make run    create .venv, install, migrate, seed demo data if empty, serve on :5000
#   make test   lint and run the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 5000
PYTEST_ARGS ?=

.PHONY: run test lint install translations clean bench

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test]"
	@touch $@

install: $(BIN)/.installed

run: $(BIN)/.installed
	$(BIN)/observe seed-if-empty
	PORT=$(PORT) $(BIN)/observe run

lint: $(BIN)/.installed
	$(BIN)/ruff check .

test: $(BIN)/.installed lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

translations: $(BIN)/.installed
	$(BIN)/python scripts/i18n.py update
	$(BIN)/python scripts/i18n.py compile

bench: $(BIN)/.installed
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script; done

clean:
	rm -rf $(VENV) build dist *.egg-info artifacts
