# Two entry points for a fresh machine: `make run` (the bot) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

$(VENV)/.runtime: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.test: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -e '.[test]'
	touch $@ $(VENV)/.runtime

.PHONY: run test
run: $(VENV)/.runtime
	$(PY) -m bot run

test: $(VENV)/.test
	$(PY) -m bot content validate
	$(PY) -m pytest
