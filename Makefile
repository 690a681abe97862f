# The two set-up commands of the README: `make demo` and `make test`. Both create .venv on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
DB ?= planarkiv.db
PORT ?= 8001

.PHONY: install demo test lint corpus clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/planarkiv ingest corpus/pdfs --db $(DB)
	$(VENV)/bin/planarkiv serve --db $(DB) --port $(PORT)

test: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

# Rebuild the bundled reference PDFs from corpus/builder (byte-for-byte reproducible).
corpus: $(STAMP)
	$(PY) -m corpus.builder.build

clean:
	rm -rf $(VENV) build dist *.egg-info $(DB)
