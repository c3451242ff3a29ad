# Set-up and everyday commands. Every target builds its own .venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test install bench clean

# A newer pip is welcome, not needed (the bundled one installs the project): a package index that
# answers badly for pip itself must not stop the set-up.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip || echo "make: could not upgrade pip; using the bundled one"

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed

$(VENV)/.bench-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test,bench]'
	touch $@

# Runs factlint on the bundled example; findings are the point, so exit 1 is success here.
demo: install
	@$(BIN)/factlint check fixtures/demo/draft.md --ledger fixtures/demo/facts.yaml; \
	  rc=$$?; if [ $$rc -gt 1 ]; then exit $$rc; fi

test: install
	$(BIN)/python -m pytest -q

# Seeded workloads under benchmarks/out/ (git-ignored), timed runs, docs/performance.md. Under 10 min on 2 cores.
bench: $(VENV)/.bench-installed
	$(BIN)/python -m benchmarks all

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
