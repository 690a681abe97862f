# The two set-up commands of the README: `make demo` and `make test`. Both create .venv on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
DB ?= planarkiv.db
PORT ?= 8001

.PHONY: install browser ocr demo test test-fast accuracy lint corpus bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

# The bundled corpus and, where the checkout sits beside it, the real Danish documents of other kinds.
demo: $(STAMP)
	$(VENV)/bin/planarkiv ingest src/planarkiv/corpus/pdfs $(wildcard ../shared/realworld-da) --db $(DB)
	$(VENV)/bin/planarkiv serve --db $(DB) --port $(PORT)

# Debian's Chromium and ChromeDriver for tests/test_browser.py, installed when missing (CI: a fresh machine).
browser:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; \
	fi

# Debian's Tesseract and its Danish language data for OCR of scanned pages (extract/ocr.py), installed when
# missing; without them planarkiv still runs and says per document that OCR is not available.
ocr:
	@if ! command -v tesseract >/dev/null || ! tesseract --list-langs 2>/dev/null | grep -qx dan; then \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-dan; \
	fi

test: $(STAMP) browser ocr
	$(PY) -m ruff check .
	$(PY) -m pytest

# The suite without the tests marked slow (real-world batch, browser, packaging, ingest runs through the
# command line, PDF rebuilds): about a minute, for the edit-test loop. `make test` runs them all.
test-fast: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m pytest -m "not slow and not ocr"

# Precision, recall and F1 per document kind and field against tests/gold/ (also printed by `make test`).
accuracy: $(STAMP) ocr
	$(PY) tests/accuracy.py

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

# Speed, scale, memory and OCR side by side (bench/, about 20 minutes); writes BENCHMARKS.md. Reports, never fails.
bench: $(STAMP) ocr
	$(PY) -m pip install --quiet -e ".[bench]"
	$(PY) -m bench

# Rebuild the bundled reference PDFs from tests/corpus_builder (byte-for-byte reproducible; not installed).
corpus: $(STAMP)
	PYTHONPATH=tests $(PY) -m corpus_builder.build

clean:
	rm -rf $(VENV) build dist *.egg-info $(DB) $(basename $(DB)).pdfs .$(DB).lock test-artifacts
