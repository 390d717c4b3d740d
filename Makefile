# Two commands do all the set-up (see README): `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PYWB_VENV ?= .venv-pywb
WACZ_VENV ?= .venv-wacz
# ReplayWeb.page (AGPL-3.0) from the npm registry, for the browser tests and the web app's
# replay (`make replaywebpage`): fetched into a gitignored directory with its LICENSE, never
# part of our sources.
REPLAYWEBPAGE_VERSION ?= 2.5.3
REPLAYWEBPAGE_DIR ?= .cache/replaywebpage-$(REPLAYWEBPAGE_VERSION)
PY := $(VENV)/bin/python
# Test files run in parallel (most tests wait on crawl subprocesses and servers).
TEST_WORKERS ?= 2

.PHONY: demo test test-tools replaywebpage lint bench bench-small bench-export bench-web bench-metadata bench-sites bench-sites-small clean

# The application alone: what `make demo` needs.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11+ is required")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

# The application and the test tools (pytest, ruff, mypy, SeaweedFS, Playwright…): the
# `test` extra of pyproject.toml.
$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# pywb pins old versions of libraries we use (redis), so it gets its own environment; boto3
# lets it read WARC files from S3 (the README's configuration, tested).
$(PYWB_VENV)/.installed-s3:
	$(PYTHON) -m venv $(PYWB_VENV)
	$(PYWB_VENV)/bin/pip install --quiet 'pywb>=2.8' boto3
	touch $@

# py-wacz, whose validator judges our WACZ files, imports pkg_resources (gone in setuptools 82)
# and pins an old Typer: its own environment too.
$(WACZ_VENV)/.installed:
	$(PYTHON) -m venv $(WACZ_VENV)
	$(WACZ_VENV)/bin/pip install --quiet 'setuptools<82' 'wacz==0.6.0'
	touch $@

$(REPLAYWEBPAGE_DIR)/.installed:
	rm -rf $(REPLAYWEBPAGE_DIR) && mkdir -p $(REPLAYWEBPAGE_DIR)
	cd $(REPLAYWEBPAGE_DIR) && npm pack --silent replaywebpage@$(REPLAYWEBPAGE_VERSION) >/dev/null
	tar -xzf $(REPLAYWEBPAGE_DIR)/replaywebpage-$(REPLAYWEBPAGE_VERSION).tgz \
		-C $(REPLAYWEBPAGE_DIR) --strip-components=1 \
		package/LICENSE package/package.json package/ui.js package/sw.js
	rm $(REPLAYWEBPAGE_DIR)/replaywebpage-$(REPLAYWEBPAGE_VERSION).tgz
	touch $@

## ReplayWeb.page for `newsarchiver serve` (replay of captures in the web app).
replaywebpage: $(REPLAYWEBPAGE_DIR)/.installed

## The tools the tests judge our output with (pywb, py-wacz, ReplayWeb.page), each apart.
test-tools: $(PYWB_VENV)/.installed-s3 $(WACZ_VENV)/.installed $(REPLAYWEBPAGE_DIR)/.installed

## Crawl a demo news site served on 127.0.0.1 into ./archive (no network needed).
demo: $(VENV)/.installed
	$(VENV)/bin/newsarchiver demo

## Lint and type-check (ruff, mypy), then run the whole test suite.
test: $(VENV)/.installed-test test-tools
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	NEWSARCHIVER_PYWB_BIN=$(abspath $(PYWB_VENV))/bin \
	NEWSARCHIVER_WACZ_BIN=$(abspath $(WACZ_VENV))/bin \
	NEWSARCHIVER_REPLAYWEBPAGE=$(abspath $(REPLAYWEBPAGE_DIR)) \
		$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

## newsarchiver crawl vs a plain Scrapy spider on a local nginx site; figures into docs/benchmarks.md.
bench: $(VENV)/.installed
	$(PY) benchmarks/crawl_bench.py --articles 3000 --pairs 5 --output docs/benchmarks.md

## The same at 300 articles, one pair: proves the benchmark still runs (no timing assertions).
bench-small: $(VENV)/.installed
	$(PY) benchmarks/crawl_bench.py --articles 300 --pairs 1

## The web app: first byte of search at 100,000 articles, replay time of an article page.
bench-web: $(VENV)/.installed-test $(REPLAYWEBPAGE_DIR)/.installed
	$(PY) benchmarks/web_latency.py --articles 100000

## 500 news sites on 15-minute schedules (compressed 5x), today's design beside the new one,
## crawled by the real daemon; figures into docs/benchmarks.md.
bench-sites: $(VENV)/.installed
	$(PY) benchmarks/many_sites.py --sites 500 --output docs/benchmarks.md

## The same at 5 sites and two 10 s cycles: proves the benchmark still runs (no assertions).
bench-sites-small: $(VENV)/.installed
	$(PY) benchmarks/many_sites.py --sites 5 --cycle 10 --cycles 2

## Export time and peak RSS at 3,000 and 30,000 articles, beside py-wacz; into docs/benchmarks.md.
bench-export: $(VENV)/.installed $(WACZ_VENV)/.installed
	$(PY) benchmarks/export_bench.py --articles 3000 30000 --output docs/benchmarks.md

## Article metadata (detection, dates, authors) against ground truth, and trafilatura's.
bench-metadata: $(VENV)/.installed
	$(PY) benchmarks/metadata_bench.py tests/pages/metadata --output docs/benchmarks.md

clean:
	rm -rf $(VENV) $(PYWB_VENV) $(WACZ_VENV) .cache build *.egg-info
