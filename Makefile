# Everything a fresh machine needs is installed here: `make run`, `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CONFIG ?= config.example.toml
# The Matrix tests run a real Synapse, in a virtualenv of its own.
SYNAPSE_VENV := .venv-synapse
SYNAPSE_STAMP := $(SYNAPSE_VENV)/.installed
SYNAPSE_VERSION := 1.163.2
# The bot as a municipality installs it, without the development tools, whose
# libraries (rich, click) the bot would load too: make bench measures its footprint.
PRODUCT_VENV := .venv-product
PRODUCT_STAMP := $(PRODUCT_VENV)/.installed

.PHONY: run test bench synapse check lint format clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(SYNAPSE_STAMP): Makefile
	$(PYTHON) -m venv $(SYNAPSE_VENV)
	echo '*' > $(SYNAPSE_VENV)/.gitignore
	$(SYNAPSE_VENV)/bin/pip install --quiet --disable-pip-version-check 'matrix-synapse==$(SYNAPSE_VERSION)'
	touch $(SYNAPSE_STAMP)

synapse: $(SYNAPSE_STAMP)

$(PRODUCT_STAMP): pyproject.toml
	$(PYTHON) -m venv $(PRODUCT_VENV)
	echo '*' > $(PRODUCT_VENV)/.gitignore
	$(PRODUCT_VENV)/bin/pip install --quiet --upgrade pip
	$(PRODUCT_VENV)/bin/pip install --quiet -e .
	touch $(PRODUCT_STAMP)

run: $(STAMP)
	$(BIN)/initiatiefbot chat --config $(CONFIG)

# Without PyPI the Synapse install fails and the Matrix tests skip (CI makes them fail).
test: $(STAMP)
	@$(MAKE) --silent --no-print-directory synapse || echo "No Synapse in $(SYNAPSE_VENV): the Matrix tests will skip."
	$(BIN)/pytest

# Every figure with its target and its floor (about ten minutes; PostgreSQL from
# INITIATIEFBOT_BENCH_DATABASE_URL, default the local one): a table, and
# bench/results/latest.json.
bench: $(STAMP) $(PRODUCT_STAMP)
	$(BIN)/python -m bench

check: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) $(SYNAPSE_VENV) $(PRODUCT_VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
