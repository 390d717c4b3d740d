# Two commands do all the set-up (see README): `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PYWB_VENV ?= .venv-pywb
PY := $(VENV)/bin/python
# Test files run in parallel (most tests wait on crawl subprocesses and servers).
TEST_WORKERS ?= 2

.PHONY: demo test lint bench bench-small bench-metadata clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11+ is required")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# pywb pins old versions of libraries we use (redis), so it gets its own environment.
$(PYWB_VENV)/.installed:
	$(PYTHON) -m venv $(PYWB_VENV)
	$(PYWB_VENV)/bin/pip install --quiet 'pywb>=2.8'
	touch $@

## Crawl a demo news site served on 127.0.0.1 into ./archive (no network needed).
demo: $(VENV)/.installed
	$(VENV)/bin/newsarchiver demo

## Lint, then run the whole test suite.
test: $(VENV)/.installed $(PYWB_VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	NEWSARCHIVER_PYWB_BIN=$(abspath $(PYWB_VENV))/bin $(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

## newsarchiver crawl vs a plain Scrapy spider on a local nginx site; figures into docs/benchmarks.md.
bench: $(VENV)/.installed
	$(PY) benchmarks/crawl_bench.py --articles 3000 --pairs 5 --output docs/benchmarks.md

## The same at 300 articles, one pair: proves the benchmark still runs (no timing assertions).
bench-small: $(VENV)/.installed
	$(PY) benchmarks/crawl_bench.py --articles 300 --pairs 1

## Article metadata (detection, dates, authors) against ground truth, and trafilatura's.
bench-metadata: $(VENV)/.installed
	$(PY) benchmarks/metadata_bench.py tests/pages/metadata --output docs/benchmarks.md

clean:
	rm -rf $(VENV) $(PYWB_VENV) build *.egg-info
