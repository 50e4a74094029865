# kgraph: two commands on a fresh machine with Python 3.11 and make.
#   make run   - set up, build the graph from seeds/ and answer "who met whom, and when"
#   make test  - set up, then run the whole test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.kgraph-installed
STORE ?= .kgraph

.PHONY: install run test lint bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: install
	@echo "== building the graph from seeds/ into $(STORE)"
	$(BIN)/kgraph build seeds/ --store $(STORE)
	@echo "== what the store holds"
	$(BIN)/kgraph summary --store $(STORE)
	@echo "== who met whom, and when (SPARQL on the store)"
	$(BIN)/kgraph query queries/who_met_whom.rq --store $(STORE)
	@echo "== who met Chi Haotian"
	$(BIN)/kgraph who-met "Chi Haotian" --store $(STORE)

test: install
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check kgraph tests benchmarks

bench: install
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) $(STORE) .pytest_cache .ruff_cache
