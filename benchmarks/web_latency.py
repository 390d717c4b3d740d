"""The web app's speed: time to first byte of search at archive scale, and replay of an article.

Search: builds a SQLite index of N synthetic articles (default 100,000) the way
``search_latency.py`` does, starts ``newsarchiver serve`` on it, and times the first byte of
``/search`` (the HTML page: search, total count, template) and ``/search.json`` for the same
queries, against the baseline of ``search_articles`` alone (what ``articles search`` runs), in
the same run. The web page also counts the matches (``count_articles``), which the CLI does not.

Replay: crawls a generated news site, starts the app on it and opens an article's replay page
in Debian's Chromium (Playwright): from navigation to the archived page loaded with its images,
cold (a fresh browser profile: service worker installed, the capture's WACZ built) and warm
(another capture in the same profile), against the baseline of the same page loaded from the
live site.

    .venv/bin/python benchmarks/web_latency.py                    # 100,000 articles
    .venv/bin/python benchmarks/web_latency.py --articles 20000 --json
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search_latency import Corpus, build, percentile, queries

from demosite.generator import generate_site
from demosite.server import serve_directory
from storage.db import Database
from storage.search import search_articles

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
READY = re.compile(r"web app on http://127\.0\.0\.1:(\d+)/")


@contextmanager
def serving(env: dict[str, str], log: Path) -> Iterator[int]:
    """``newsarchiver serve --port 0``; yields its port."""
    with log.open("w") as stderr:
        process = subprocess.Popen(
            [str(BIN / "newsarchiver"), "serve", "--port", "0"],
            env=env,
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    try:
        deadline = time.monotonic() + 60
        while (found := READY.search(log.read_text())) is None:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"newsarchiver serve did not start: {log.read_text()}")
            time.sleep(0.05)
        yield int(found.group(1))
    finally:
        process.terminate()
        process.wait(timeout=30)


def first_byte_ms(port: int, path: str) -> float:
    """Milliseconds from sending the request to reading the status line; the body is drained."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        started = time.perf_counter()
        connection.request("GET", path)
        response = connection.getresponse()
        elapsed = (time.perf_counter() - started) * 1000
        response.read()
        assert response.status == 200, (path, response.status)
        return elapsed
    finally:
        connection.close()


def _summary(values: list[float]) -> dict[str, float]:
    return {"median_ms": statistics.median(values), "p95_ms": percentile(values, 0.95)}


def search_figures(total: int, repeat: int, scratch: Path) -> dict[str, Any]:
    db_path = scratch / "index.sqlite3"
    db = Database(f"sqlite:///{db_path}")
    corpus = Corpus(2024)
    built = build(db, corpus, total)
    # Phrases are quoted from article 4242: a smaller index has none.
    cases = [case for case in queries(db, corpus) if case[1]["query"] != '""']
    env = {**os.environ, "NEWSARCHIVER_DB": f"sqlite:///{db_path}", "PYTHONWARNINGS": "ignore"}
    times: dict[str, list[float]] = {"storage": [], "html": [], "json": []}
    with serving(env, scratch / "serve.log") as port:
        for _kind, arguments in cases:
            arguments = dict(arguments)
            query = arguments.pop("query")
            params = {"q": query or ""}
            for name in ("site", "since", "until"):
                if name in arguments:
                    value = arguments[name]
                    params[name] = value.isoformat() if hasattr(value, "isoformat") else value
            path = urlencode({k: v for k, v in params.items() if v})
            first_byte_ms(port, f"/search?{path}")  # warm-up, as for the baseline
            search_articles(db, query, limit=20, **arguments)
            for _ in range(repeat):
                started = time.perf_counter()
                search_articles(db, query, limit=20, **arguments)
                times["storage"].append((time.perf_counter() - started) * 1000)
                times["html"].append(first_byte_ms(port, f"/search?{path}"))
                times["json"].append(first_byte_ms(port, f"/search.json?{path}"))
    db.dispose()
    report = {name: _summary(values) for name, values in times.items()}
    baseline = report["storage"]["median_ms"]
    return {
        "articles": total,
        "queries": len(cases),
        "repeat": repeat,
        "build_seconds": built,
        "search_articles (baseline)": report["storage"],
        "GET /search (first byte)": report["html"],
        "GET /search.json (first byte)": report["json"],
        "ratio_html_to_baseline_median": report["html"]["median_ms"] / baseline,
        "ratio_json_to_baseline_median": report["json"]["median_ms"] / baseline,
    }


def replay_figures(scratch: Path, rounds: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    assets = sorted(REPO.glob(".cache/replaywebpage-*"))
    if not assets:
        raise SystemExit("ReplayWeb.page is not installed: run `make replaywebpage`")
    manifest = generate_site(scratch / "www", articles=30, seed=3)
    chromium = os.environ.get("NEWSARCHIVER_CHROMIUM") or shutil.which("chromium")
    if chromium is None:
        raise SystemExit("Chromium is not installed (apt install chromium)")
    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
    cold: list[float] = []
    warm: list[float] = []
    live: list[float] = []
    with serve_directory(manifest.root) as site:
        archive = scratch / "archive"
        archive.mkdir()
        (archive / "sites.toml").write_text(
            f'[sites.news]\nstart_urls = ["{site.url}/"]\nallow_private_networks = true\n'
            "download_delay = 0\nmax_depth = 3\n",
            encoding="utf-8",
        )
        env = {
            **os.environ,
            "NEWSARCHIVER_SITES": str(archive / "sites.toml"),
            "NEWSARCHIVER_STORAGE": f"file://{archive / 'store'}",
            "NEWSARCHIVER_DB": f"sqlite:///{archive / 'index.sqlite3'}",
            "NEWSARCHIVER_SPOOL": str(archive / "spool"),
            "NEWSARCHIVER_LOGS": str(archive / "logs"),
            "NEWSARCHIVER_REPLAYWEBPAGE": str(assets[-1]),
            "PYTHONWARNINGS": "ignore",
        }
        subprocess.run(
            [str(BIN / "newsarchiver"), "crawl", "news", "--json"],
            env=env, cwd=REPO, check=True, capture_output=True,
        )  # fmt: skip
        db = Database(env["NEWSARCHIVER_DB"])
        urls = [f"{site.url}{article.path}" for article in manifest.articles[: rounds * 2]]
        uuids = []
        for url in urls:
            with db.engine.connect() as conn:
                record = conn.exec_driver_sql(
                    "SELECT record_id FROM captures WHERE url = ? AND record_type = 'response'",
                    (url,),
                ).scalar_one()
            uuids.append(record.removeprefix("<urn:uuid:").removesuffix(">"))
        db.dispose()
        with serving(env, scratch / "serve.log") as port, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=args)
            try:
                for round_ in range(rounds):
                    context = browser.new_context()
                    page = context.new_page()
                    for timings, index in ((cold, 2 * round_), (warm, 2 * round_ + 1)):
                        started = time.perf_counter()
                        page.goto(f"http://127.0.0.1:{port}/replay?capture={uuids[index]}")
                        frame = _archived(page, urls[index])
                        frame.wait_for_function(
                            "document.images.length > 0 && "
                            "[...document.images].every(i => i.complete)",
                            timeout=60_000,
                        )
                        timings.append((time.perf_counter() - started) * 1000)
                    context.close()
                    context = browser.new_context()
                    page = context.new_page()
                    started = time.perf_counter()
                    page.goto(urls[2 * round_], wait_until="load")
                    live.append((time.perf_counter() - started) * 1000)
                    context.close()
            finally:
                browser.close()
    baseline = statistics.median(live)
    return {
        "rounds": rounds,
        "replay, cold (new profile, WACZ built)": _summary(cold),
        "replay, warm (worker installed; its WACZ built)": _summary(warm),
        "live page (baseline)": _summary(live),
        "ratio_cold_to_live_median": statistics.median(cold) / baseline,
        "ratio_warm_to_live_median": statistics.median(warm) / baseline,
    }


def _archived(page: Any, url: str) -> Any:
    deadline = time.monotonic() + 60
    while True:
        for frame in page.frames:
            if "mp_/" in frame.url and frame.url.endswith(url):
                frame.wait_for_load_state("load", timeout=60_000)
                return frame
        if time.monotonic() > deadline:
            raise SystemExit(f"replay of {url} did not load")
        page.wait_for_timeout(20)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000, help="articles in the index")
    parser.add_argument("--repeat", type=int, default=5, help="timed requests per query")
    parser.add_argument("--rounds", type=int, default=5, help="replay rounds (cold + warm)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="newsarchiver-web-bench-") as scratch:
        search_dir, replay_dir = Path(scratch) / "search", Path(scratch) / "replay"
        search_dir.mkdir()
        replay_dir.mkdir()
        report = {
            "search": search_figures(args.articles, args.repeat, search_dir),
            "replay": replay_figures(replay_dir, args.rounds),
        }
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    for section, figures in report.items():
        print(f"{section}:")
        for name, value in figures.items():
            if isinstance(value, dict) and "median_ms" in value:
                median, p95 = value["median_ms"], value["p95_ms"]
                print(f"  {name:48} median {median:8.1f} ms   p95 {p95:8.1f} ms")
            elif isinstance(value, float):
                print(f"  {name:48} {value:.2f}")
            else:
                print(f"  {name:48} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
